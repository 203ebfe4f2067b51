package dev.kiln.bench;

import dev.kiln.platform.Jdk;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The launch and first-result scenarios with the host and its workers on a JDK 25 or newer:
 * this harness run again on that JDK (a child process, {@code RunAll --only ... --rows FILE}),
 * its rows added to this report with the JDK named. Each row keeps its baselines from the same
 * child run (a bare {@code java Hello} and {@code JShell} of that JDK). Left out when this
 * machine has no such JDK.
 */
final class OnJdk25 implements Scenario {
    /** The home of the JDK 25+ to use, instead of the first one {@link Jdk#installed()} finds. */
    static final String JDK_PROPERTY = "kiln.bench.jdk25";

    /** The scenarios run on the newer JDK, by class name. */
    static final List<String> SCENARIOS = List.of("LaunchToReady", "FirstCall", "FirstResult");

    private static final long TIMEOUT_MINUTES = 60;

    @Override
    public String title() {
        return "launch and first result on JDK 25";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        Optional<Jdk> jdk = newerJdk(System.getProperty(JDK_PROPERTY, ""), Jdk.installed());
        if (jdk.isEmpty()) {
            report.note("No JDK 25 or newer found in the usual folders (or named by -D" + JDK_PROPERTY
                    + "=HOME): the JDK 25 rows are left out.");
            return;
        }
        String name = "JDK " + jdk.get().feature();
        Path rows = Files.createTempFile("kiln-bench-", ".rows");
        try {
            List<String> cmd = new ArrayList<>(List.of(
                    OsFamily.current().javaExecutable(jdk.get().home()).toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    RunAll.class.getName(),
                    "--only",
                    String.join(",", SCENARIOS),
                    "--rows",
                    rows.toString()));
            if (bench.quick()) {
                cmd.add("--quick");
            }
            Process child = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!child.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                child.destroyForcibly().waitFor();
                report.note("The " + name + " run did not finish within " + TIMEOUT_MINUTES
                        + " minutes: its rows are left out.");
                return;
            }
            if (child.exitValue() != 0) {
                report.note("The " + name + " run exited with " + child.exitValue() + ": its rows are left out.");
                return;
            }
            Report measured = read(rows);
            for (Row r : measured.rows()) {
                report.add(r.on(name));
            }
            for (String n : measured.notes()) {
                report.note(name + " run: " + n);
            }
        } finally {
            Files.deleteIfExists(rows);
        }
    }

    /** Writes a report's rows and notes for {@link #read}: what a child run hands back. */
    static void write(Report report, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(new ArrayList<>(report.rows()));
            o.writeObject(new ArrayList<>(report.notes()));
        }
    }

    /** The report {@link #write} wrote. */
    @SuppressWarnings("unchecked") // written by write() above, in this order
    static Report read(Path file) throws IOException, ClassNotFoundException {
        Report r = new Report();
        try (InputStream in = Files.newInputStream(file);
                ObjectInputStream o = new ObjectInputStream(in)) {
            ((List<Row>) o.readObject()).forEach(r::add);
            ((List<String>) o.readObject()).forEach(r::note);
        }
        return r;
    }

    /**
     * The JDK to run this scenario on: the one at {@code override} when set (it must be a JDK 25
     * or newer), else the oldest of those {@code installed} that is 25 or newer.
     */
    static Optional<Jdk> newerJdk(String override, List<Jdk> installed) {
        if (!override.isBlank()) {
            return Optional.of(Jdk.at(Path.of(override))
                    .filter(j -> j.feature() >= 25)
                    .orElseThrow(() -> new IllegalArgumentException("-D" + JDK_PROPERTY + "=" + override
                            + " is not a JDK 25 or newer (a folder with bin/java and a release file saying"
                            + " JAVA_VERSION 25 or more): name one, or leave the property out to search the"
                            + " usual folders")));
        }
        return installed.stream().filter(j -> j.feature() >= 25).min(Comparator.comparingInt(Jdk::feature));
    }
}
