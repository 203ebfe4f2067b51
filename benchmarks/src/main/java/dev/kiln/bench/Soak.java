package dev.kiln.bench;

import dev.kiln.EvaluationInterruptedException;
import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import dev.kiln.platform.OsFamily;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The soak: workers started, used, interrupted and stopped in a loop for N minutes; the host's
 * heap (after GC), threads and open file descriptors must come back to their baseline. Writes
 * its result into the soak section of docs/BENCHMARKS.md. Linux only: it counts descriptors in
 * {@code /proc/self/fd}.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.Soak --minutes 10
 * </pre>
 */
public final class Soak {
    static final String START = "<!-- soak:start -->";
    static final String END = "<!-- soak:end -->";

    private Soak() {}

    public static void main(String[] args) throws Exception {
        double minutes = 5;
        Path out = ReportWriter.defaultFile();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--minutes") && i + 1 < args.length) {
                minutes = Double.parseDouble(args[++i]);
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                System.err.println("usage: java -cp benchmarks.jar dev.kiln.bench.Soak [--minutes N] [--out FILE]");
                System.exit(2);
            }
        }
        if (OsFamily.current() != OsFamily.LINUX) {
            System.err.println("The soak counts the host's open file descriptors in /proc/self/fd, which only Linux"
                    + " has; this is " + OsFamily.current() + ". Run it on Linux.");
            System.exit(2);
        }
        WorkerSpec spec = Bench.quiet();
        // One round first, so that the baseline includes what a host keeps once it has used Kiln at all
        // (JShell's compiler classes, the timer thread, the class data sharing archive).
        round(spec);
        Thread.sleep(65_000); // let the cached pools' idle threads expire (60 s keep-alive) before the baseline
        Sample base = Sample.take();
        java.util.Set<String> baseFds = fdTargets();
        long deadline = System.nanoTime() + (long) (minutes * 60e9);
        int rounds = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() < deadline) {
            round(spec);
            rounds++;
            if (rounds % 20 == 0) {
                System.err.printf("soak: %d rounds, %s%n", rounds, Sample.take());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(65_000);
        Sample end = Sample.take();
        boolean ok = end.heapBytes - base.heapBytes < 20_000_000L
                && end.threads <= base.threads + 2
                && end.fds <= base.fds + 2
                && Worker.live().isEmpty();
        String section = START + "\n## Soak\n\n"
                + "Command: `java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.Soak --minutes " + minutes + "`"
                + " (after the package command above). Each round starts a worker, evaluates a snippet, runs a call,"
                + " interrupts a running loop, checks the worker still answers, and stops it.\n\n"
                + "| | baseline | after " + rounds + " rounds (" + Math.round(seconds) + " s) |\n|---|---|---|\n"
                + "| host heap after GC | " + mb(base.heapBytes) + " | " + mb(end.heapBytes) + " |\n"
                + "| host threads | " + base.threads + " | " + end.threads + " |\n"
                + "| host open file descriptors | " + base.fds + " | " + end.fds + " |\n"
                + "| live workers | 0 | " + Worker.live().size() + " |\n\n"
                + "Result: **" + (ok ? "back to baseline" : "NOT back to baseline")
                + "** (heap within 20 MB, threads and"
                + " descriptors within 2), " + LocalDate.now() + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cores, JDK " + System.getProperty("java.version") + ".\n" + END + "\n";
        java.util.Set<String> extra = fdTargets();
        extra.removeAll(baseFds);
        if (!extra.isEmpty()) {
            section = section.replace(
                    END, "Descriptors open at the end that were not at the baseline: `" + extra + "`\n" + END);
        }
        writeSection(out, section);
        System.out.println(section);
        System.exit(ok ? 0 : 1);
    }

    private static void round(WorkerSpec spec) throws Exception {
        try (Worker w = Worker.start(spec)) {
            if (!Integer.valueOf(42).equals(w.evalFetch("int a = 6; a * 7"))) {
                throw new IllegalStateException("wrong result");
            }
            int three = w.callFetch(() -> 1 + 2);
            if (three != 3) {
                throw new IllegalStateException("wrong call result");
            }
            CompletableFuture<Object> running = w.eval("{ System.out.println(\"go\"); while (true) {} }");
            CompletableFuture<Void> started = new CompletableFuture<>();
            var s = w.onOutput(c -> started.complete(null));
            try {
                CompletableFuture.anyOf(started, running).get(30, TimeUnit.SECONDS);
            } finally {
                s.close();
            }
            w.interrupt();
            try {
                running.get(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the loop ended by itself");
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof EvaluationInterruptedException)) {
                    throw e;
                }
            }
            w.statsAsync().get(10, TimeUnit.SECONDS);
        }
    }

    /** Replaces (or appends) the soak section of the benchmarks document. */
    static void writeSection(Path file, String section) throws Exception {
        String text = Files.isRegularFile(file) ? Files.readString(file) : "# Benchmarks\n";
        int a = text.indexOf(START);
        int b = text.indexOf(END);
        if (a >= 0 && b > a) {
            text = text.substring(0, a) + section + text.substring(b + END.length() + 1);
        } else {
            text = text.stripTrailing() + "\n\n" + section;
        }
        Files.writeString(file, text);
    }

    /** The soak section of an existing document, kept when the benchmarks rewrite it. */
    static String existingSection(Path file) {
        try {
            String text = Files.readString(file);
            int a = text.indexOf(START);
            int b = text.indexOf(END);
            return a >= 0 && b > a ? text.substring(a, b + END.length()) + "\n" : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static java.util.Set<String> fdTargets() throws Exception {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    out.add(Files.readSymbolicLink(p).toString().replaceAll("\\[\\d+\\]", "[n]"));
                } catch (Exception e) {
                    // closed meanwhile
                }
            }
        }
        return out;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    private record Sample(long heapBytes, int threads, long fds) {
        static Sample take() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long fds;
            try (var s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            return new Sample(heap, ManagementFactory.getThreadMXBean().getThreadCount(), fds);
        }

        @Override
        public String toString() {
            return mb(heapBytes) + " heap, " + threads + " threads, " + fds + " fds";
        }
    }
}
