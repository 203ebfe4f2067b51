package dev.kiln.bench;

import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.Locale;

/** Writes a {@link Report} as docs/BENCHMARKS.md: the machine, the results table, the goals missed, the notes. */
final class ReportWriter {
    static final String RUN_COMMAND =
            "mvn -B -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar";

    private ReportWriter() {}

    /** Where the run happened, for the Machine section. */
    record Machine(int cores, String cpu, String jvm, String os, LocalDate date) {
        static Machine current() {
            return new Machine(
                    Runtime.getRuntime().availableProcessors(),
                    cpuModel(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                            + System.getProperty("java.home") + ")",
                    osName(OsFamily.current()) + " " + System.getProperty("os.version"),
                    LocalDate.now());
        }

        private static String osName(OsFamily os) {
            return switch (os) {
                case WINDOWS -> "Windows";
                case MACOS -> "macOS";
                case LINUX -> "Linux";
                case OTHER_UNIX -> "Unix";
            };
        }

        private static String cpuModel() {
            if (OsFamily.current() == OsFamily.LINUX) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                        if (line.startsWith("model name")) {
                            return line.substring(line.indexOf(':') + 1).trim();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // a kernel without /proc/cpuinfo: the architecture will do
                }
            }
            return System.getProperty("os.arch");
        }
    }

    /**
     * The whole document but the soak section.
     *
     * @param minutes how long the run took
     * @param quick   whether it was a smoke run: the date line then says so
     */
    static String markdown(Report report, Machine machine, double minutes, boolean quick) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\n");
        sb.append("Rewritten by every full run. Each row compares a Kiln figure with a baseline: a bare JVM, JShell, ")
                .append("a raw socket, or Kiln itself with a feature off. A goal bounds the ratio of the two ")
                .append("(at most, for times and memory; at least, for rates) or the Kiln figure itself (a time or ")
                .append("a rate); rows without one, marked (measured), are there to explain the others. ")
                .append("Run everything with:\n\n");
        sb.append("    ").append(RUN_COMMAND).append("\n\n");
        sb.append("(about ")
                .append(Math.round(minutes))
                .append(" minutes; `--quick` for a smoke run). ")
                .append("The app-start row needs the app image (`mvn -B -q -pl installer -am package -DskipTests")
                .append(
                        " -Papp-image`) and an X display: this run was under `xvfb-run -a -s \"-screen 0 1280x800x24\"`")
                .append(" in front of `java -jar`. ")
                .append(
                        "Each figure is the median of its samples, with min–max; every baseline is measured in the same ")
                .append("run, interleaved with the Kiln figure it is compared to.\n\n");
        sb.append("## Machine\n\n");
        sb.append("- ")
                .append(machine.cores())
                .append(" cores: ")
                .append(machine.cpu())
                .append('\n');
        sb.append("- ").append(machine.jvm()).append('\n');
        sb.append("- ").append(machine.os()).append('\n');
        sb.append("- run on ")
                .append(machine.date())
                .append(quick ? " — QUICK run (few samples): not for claims" : "")
                .append('\n');
        sb.append("\n## Results\n\n");
        sb.append("| Scenario | Kiln | Baseline | Ratio | Goal | Status | Notes |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Row r : report.rows()) {
            sb.append(tableRow(r)).append('\n');
        }
        sb.append("\n## Goals missed: by how much, and why\n\n");
        boolean any = false;
        for (Row r : report.rows()) {
            if (r.status() == Goal.Status.MISSED) {
                any = true;
                sb.append("- **")
                        .append(r.scenario())
                        .append("**: ")
                        .append(shortfall(r))
                        .append('.');
                if (!r.whyMissed().isEmpty()) {
                    sb.append(' ').append(r.whyMissed());
                }
                sb.append('\n');
            }
        }
        if (!any) {
            sb.append("None in this run.\n");
        }
        sb.append("\n## Notes\n\n");
        sb.append("- The machine is shared with other virtual machines (2 cores). Launch figures move by ±30% between ")
                .append("runs; the ratios, measured interleaved, move less. JMH: 1 fork, few iterations, to keep the ")
                .append("run short.\n");
        for (String n : report.notes()) {
            sb.append("- ").append(n).append('\n');
        }
        return sb.toString();
    }

    /** Writes the document to {@code file}, keeping the soak section it has (the soak has its own command). */
    static void write(Path file, String markdown) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String soak = Soak.existingSection(file);
        Files.writeString(file, soak.isEmpty() ? markdown : markdown.stripTrailing() + "\n\n" + soak);
    }

    /** docs/BENCHMARKS.md of the checkout the jar is in (benchmarks/target/), else of the working folder. */
    static Path defaultFile() {
        try {
            Path jar = Path.of(ReportWriter.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path root = jar.getParent().getParent().getParent();
            if (Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("benchmarks"))) {
                return root.resolve("docs").resolve("BENCHMARKS.md");
            }
        } catch (Exception e) {
            // not run from the build's jar: the working folder's docs/ will do
        }
        return Path.of("docs", "BENCHMARKS.md");
    }

    static String tableRow(Row r) {
        double ratio = r.ratio();
        return "| " + r.scenario()
                + " | " + cell(r.kiln())
                + " | " + (r.baseline() == null ? "" : cell(r.baseline()))
                + " | " + (Double.isNaN(ratio) ? "" : number(ratio) + "×")
                + " | " + goal(r.goal())
                + " | " + status(r.status())
                + " | " + r.notes() + " |";
    }

    /** "142 ms (134–153)": the median, then min–max. */
    static String cell(Figures f) {
        return number(f.median()) + " " + f.unit() + " (" + number(f.min()) + "–" + number(f.max()) + ")";
    }

    /** "≤ 1.5×", "≥ 20,000 calls/s", "< 50 ms", "(measured)". */
    static String goal(Goal goal) {
        if (goal instanceof Goal.Ratio r) {
            return r.bound().symbol() + " " + limit(r.limit()) + "×";
        }
        if (goal instanceof Goal.Absolute a) {
            return a.bound().symbol() + " " + limit(a.limit()) + " " + a.unit();
        }
        return "(measured)";
    }

    static String status(Goal.Status status) {
        return switch (status) {
            case MET -> "**met**";
            case MISSED -> "**missed**";
            case NOT_JUDGED -> "";
        };
    }

    /**
     * By how much a row misses its goal: "0.78× instead of ≤ 0.25×: Kiln needs ≤ 45.3 ms, is
     * 142 ms (213% over)" for a ratio, "61.0 ms instead of &lt; 50 ms (22% over)" for a figure.
     */
    static String shortfall(Row r) {
        if (!(r.goal() instanceof Goal.Limit goal)) {
            throw new IllegalArgumentException("a row without a goal cannot miss it: " + r.scenario());
        }
        double value = r.kiln().median();
        double needed = goal.threshold(r.baseline());
        String unit = r.kiln().unit();
        String off = String.format(
                Locale.ROOT,
                "(%.0f%% %s)",
                (goal.bound().caps() ? value / needed - 1 : 1 - value / needed) * 100,
                goal.bound().caps() ? "over" : "short");
        if (goal instanceof Goal.Ratio) {
            return number(r.ratio()) + "× instead of " + goal(goal) + ": Kiln needs "
                    + goal.bound().symbol() + " " + number(needed) + " " + unit + ", is " + number(value) + " " + unit
                    + " " + off;
        }
        return number(value) + " " + unit + " instead of " + goal(goal) + " " + off;
    }

    /** A measured figure, to about three significant digits: "0.78", "45.3", "142", "2,629"; "n/a" for NaN. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A goal's limit, exactly as set: "1.5", "0.25", "50", "20,000". */
    static String limit(double v) {
        DecimalFormat f = new DecimalFormat("#,##0.#########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(BigDecimal.valueOf(v));
    }
}
