package dev.kiln.bench;

import dev.kiln.Worker;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;

/**
 * Runs every scenario of docs/BENCHMARKS.md, each with its baselines in the same run, and
 * rewrites that file. Whole-process figures come from a plain harness ({@link Sampler}: a JIT
 * cannot help a process that is not started yet); per-call figures come from JMH
 * ({@link CallBench}, {@link EvalBench}).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests &amp;&amp; java -jar benchmarks/target/benchmarks.jar
 * </pre>
 *
 * Options: {@code --quick} (fewer rounds, short JMH runs: a smoke test of the harness),
 * {@code --out FILE} (default: docs/BENCHMARKS.md of the checkout the jar is in), {@code --only
 * LaunchToReady,FirstCall} (those scenarios alone, by class name: a check of one figure). The JDK 25
 * rows (the launch and first-result scenarios run again on that JDK, see {@link OnJdk25}) use the
 * first JDK 25+ found, or the one {@code -Dkiln.bench.jdk25=HOME} names.
 */
public final class RunAll {
    /** In the order of the table. */
    private static final List<Scenario> SCENARIOS = List.of(
            new LaunchToReady(),
            new FirstCall(),
            new FirstResult(),
            new OnJdk25(),
            new Transfer(),
            new IdleMemory(),
            new TwentyWorkers(),
            new WarmSpare(),
            new CallFigures(),
            new EvalRoundTrip(),
            new SshWorkers(),
            new AppStart(),
            new UiUnderLoad());

    private static final String USAGE = "usage: java -jar benchmarks.jar [--quick] [--out FILE] [--only NAME,...]"
            + " where NAME is one of " + SCENARIOS.stream().map(RunAll::name).toList();

    private RunAll() {}

    /** The scenarios named in {@code only} (their class names), or all when it is empty. */
    static List<Scenario> chosen(List<String> only) {
        return only.isEmpty()
                ? SCENARIOS
                : SCENARIOS.stream().filter(s -> only.contains(name(s))).toList();
    }

    private static String name(Scenario s) {
        return s.getClass().getSimpleName();
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = null;
        Path rows = null;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (args[i].equals("--rows") && i + 1 < args.length) {
                rows = Path.of(args[++i]); // a child run on another JDK: rows for its parent, no Markdown
            } else if (args[i].equals("--only") && i + 1 < args.length) {
                only = List.of(args[++i].split(","));
            } else {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
        List<Scenario> scenarios = chosen(only);
        if (scenarios.isEmpty()) {
            System.err.println("--only names none of the scenarios; " + USAGE);
            System.exit(2);
        }
        if (out == null) {
            out = ReportWriter.defaultFile();
        }
        long t0 = System.nanoTime();
        Bench bench = new Bench(quick, BareJvm.compile());
        Report report = new Report();
        prepareArchive(report);
        warmHost();
        for (Scenario s : scenarios) {
            Bench.log(s.title());
            s.run(bench, report);
        }
        if (rows != null) {
            OnJdk25.write(report, rows);
            System.exit(0);
        }
        String md =
                ReportWriter.markdown(report, ReportWriter.Machine.current(), (System.nanoTime() - t0) / 60e9, quick);
        ReportWriter.write(out, md);
        System.out.println(md);
        System.err.println("wrote " + out.toAbsolutePath());
        System.exit(0); // JMH and the pools leave non-daemon threads behind
    }

    /** Builds the workers' class data sharing archive before any timing, as a program would ahead of its starts. */
    private static void prepareArchive(Report report) throws Exception {
        long t0 = System.nanoTime();
        Optional<Path> archive = Worker.prepareClassDataSharing(Bench.quiet()).get(5, TimeUnit.MINUTES);
        double s = (System.nanoTime() - t0) / 1e9;
        Bench.log("class data sharing archive: " + archive.map(Path::toString).orElse("none")
                + String.format(Locale.ROOT, " (%.1f s)", s));
        report.note(
                archive.isPresent()
                        ? String.format(
                                Locale.ROOT,
                                "Worker class data sharing archive ready in %.1f s before the run (built once per JDK"
                                        + " and runtime version, in the background on first use; 0 s when it already"
                                        + " existed).",
                                s)
                        : "No class data sharing archive (runtime on folders, or the build failed): figures are"
                                + " without CDS.");
    }

    /** javac, JShell and Kiln's host side loaded and compiled before the first sample. */
    private static void warmHost() {
        Bench.log("warming the host (javac, JShell, Worker)");
        try (Worker w = Worker.start(Bench.quiet())) {
            w.evalFetch("1 + 1");
            w.callFetch(() -> 1);
        }
        try (JShell js = JShell.create()) {
            js.eval("1 + 1");
        }
    }
}
