package dev.kiln.bench;

import dev.kiln.platform.OsFamily;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * The packaged app's own start, under an X server (Xvfb here): exec of the app image's launcher
 * until its window is mapped, against a minimal JavaFX program (a {@code Stage} with one
 * {@code Label}) on the same bundled runtime and JavaFX modules, interleaved. The image is the one
 * {@code -Dkiln.bench.appImage=FOLDER} names, else the checkout's
 * {@code installer/target/jpackage/Kiln} (made by {@code mvn -B -pl installer -am package
 * -DskipTests -Papp-image}). Left out, with a note, without a display or an image.
 *
 * <p>A second row, from the same starts: window mapped → the app's first worker ready. The app is
 * started with {@code -Dkiln.startTimeline=true} (through {@code JAVA_TOOL_OPTIONS}, which the
 * launcher's JVM reads; the worker JVMs it starts inherit no environment), so it prints a line
 * ending in {@value #FIRST_WORKER_READY} once that worker is listed and ready; the moment the line
 * is read is the moment the worker is ready.
 */
final class AppStart implements Scenario {
    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WORKER_TIMEOUT = Duration.ofSeconds(120);

    /** The step of the app's start timeline printed when its first worker is ready. */
    private static final String FIRST_WORKER_READY = "first-worker-ready";

    private static final String MINIMAL = """
            import javafx.application.Application;
            import javafx.scene.Scene;
            import javafx.scene.control.Label;
            import javafx.scene.layout.StackPane;
            import javafx.stage.Stage;

            public class MinimalWindow extends Application {
                @Override
                public void start(Stage stage) {
                    stage.setTitle("Minimal");
                    stage.setScene(new Scene(new StackPane(new Label("Hello")), 640, 400));
                    stage.show();
                }

                public static void main(String[] args) {
                    launch(args);
                }
            }
            """;

    @Override
    public String title() {
        return "the packaged app's start";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        Path image = image();
        Path launcher = image.resolve("bin").resolve("Kiln");
        if (OsFamily.current() != OsFamily.LINUX || System.getenv("DISPLAY") == null) {
            report.note("The app-start row is left out: it needs Linux and an X display (run the benchmarks under"
                    + " `xvfb-run -a -s \"-screen 0 1280x800x24\"`).");
            return;
        }
        if (!Files.isExecutable(launcher)) {
            report.note("The app-start row is left out: no app image at " + image + " (make one with `mvn -B -pl"
                    + " installer -am package -DskipTests -Papp-image`).");
            return;
        }
        Path work = Files.createTempDirectory("kiln-bench-app");
        try {
            Path home = Files.createDirectories(work.resolve("home"));
            Path mods = image.resolve("lib").resolve("app").resolve("mods");
            Path classes = compileMinimal(work, mods);
            Path java = image.resolve("lib").resolve("runtime").resolve("bin").resolve("java");
            List<String> app = List.of(launcher.toString());
            List<String> minimal = List.of(
                    java.toString(),
                    "--module-path",
                    mods.toString(),
                    "--add-modules",
                    "javafx.controls",
                    "-cp",
                    classes.toString(),
                    "MinimalWindow");
            Sampler sampler = new Sampler();
            List<Double> windowToWorker = new ArrayList<>();
            Sampler.Series kiln = sampler.add("ms", () -> {
                Start start = startOf(app, home, true);
                windowToWorker.add(start.windowToWorkerMillis());
                return start.windowMillis();
            });
            Sampler.Series bare =
                    sampler.add("ms", () -> startOf(minimal, home, false).windowMillis());
            // the first start of each unpacks JavaFX's native libraries into ~/.openjfx and reads the image
            sampler.run(1, bench.rounds(8));
            windowToWorker.remove(0); // the warm-up round's, which the sampler drops too
            report.add(Row.of(
                            "The packaged app's start: exec of the app image's `Kiln` until its window is mapped vs a minimal"
                                    + " JavaFX window (one `Label`) on the same bundled runtime",
                            kiln.figures(),
                            bare.figures(),
                            Goal.ratioAtMost(1.3),
                            "under Xvfb; both with the same home folder (JavaFX's native libraries already unpacked, the"
                                    + " app's settings from its previous start); the moment the X server maps a window of"
                                    + " the started process")
                    .withWhyMissed("Before its window is mapped the app builds the editor (RichTextFX) and applies"
                            + " AtlantaFX's theme to the toolbar, worker list, editor and tab headers (the other"
                            + " views come one a frame after it, or when their tab is first shown); the JIT"
                            + " compilers take about as much CPU as the FX thread in those seconds, on the same 2"
                            + " cores. A dynamic AppCDS archive of the app (made by a run of the image to its first"
                            + " worker) showed the window 0.35-0.5 s sooner (main to window 1.62-1.78 s -> 1.12-1.31"
                            + " s), but JDK 17 cannot be trusted with it once the image is moved: started from a copy"
                            + " of the image while the original was still in place, the app failed with 'sealing"
                            + " violation: package dev.kiln.wire is sealed' (its module path's classes taken from the"
                            + " archive for the other path). Packages install the image elsewhere than it was built,"
                            + " so it is not shipped; an archive made where the app is installed (at install time or"
                            + " on first start) is what would be safe. The first worker's JVM is spawned before JavaFX starts, about 0.5 s after"
                            + " exec, at low CPU priority (see the next row): exec to window measured the same with"
                            + " it (2.61x -> 2.48x, AppStart alone) and the app used less CPU until then."));
            report.add(Row.of(
                            "The packaged app's first worker: from its window mapped until the worker it starts by itself"
                                    + " is listed and ready",
                            Figures.of("ms", windowToWorker),
                            null,
                            Goal.atMost(300, "ms"),
                            "the same starts as the row above; ready is when the app prints that the worker is listed and"
                                    + " ready (its start timeline, `-Dkiln.startTimeline=true`)")
                    .withWhyMissed("The first worker's pool starts before JavaFX (the JVM spawned about 0.5 s after"
                            + " exec, at low CPU priority, its warm-up held until the window is complete); when it is"
                            + " ready by the window's first frame it is listed in that step, not queued behind the"
                            + " frame's own work, and the views the first frame did without wait for the listing"
                            + " (500 ms at most). Left: the first frame and the listing itself, and a worker not"
                            + " ready by then on a busy machine. It was 381-412 ms when the spare was spawned from"
                            + " the window's build and its listing queued behind the first frame's work."));
        } finally {
            deleteTree(work);
        }
    }

    private static Path image() {
        String named = System.getProperty("kiln.bench.appImage");
        if (named != null) {
            return Path.of(named);
        }
        Path root = ReportWriter.defaultFile().toAbsolutePath().getParent().getParent();
        return root.resolve("installer").resolve("target").resolve("jpackage").resolve("Kiln");
    }

    private static Path compileMinimal(Path work, Path mods) throws IOException {
        Path src = Files.writeString(work.resolve("MinimalWindow.java"), MINIMAL, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "--module-path",
                        mods.toString(),
                        "--add-modules",
                        "javafx.controls",
                        "-d",
                        classes.toString(),
                        src.toString());
        Bench.check(status == 0, "the minimal JavaFX program compiles");
        return classes;
    }

    /** One start: exec → window mapped, and window mapped → first worker ready (NaN if not asked for). */
    private record Start(double windowMillis, double windowToWorkerMillis) {}

    /**
     * Starts {@code command}, waits for its first window (and, with {@code untilWorker}, for the line
     * saying its first worker is ready), then ends it and everything it started.
     */
    private static Start startOf(List<String> command, Path home, boolean untilWorker) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("JAVA_") || k.startsWith("JDK_"));
        env.put("HOME", home.toString());
        if (untilWorker) {
            env.put("JAVA_TOOL_OPTIONS", "-Dkiln.startTimeline=true");
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try (WindowMaps maps = WindowMaps.open()) {
            long t0 = System.nanoTime();
            Process p = pb.start();
            try {
                CompletableFuture<Long> ready = untilWorker ? lineRead(p, FIRST_WORKER_READY) : null;
                long shown = maps.awaitWindowOf(p.pid(), WINDOW_TIMEOUT)
                        .orElseThrow(() -> new IllegalStateException(
                                "no window from " + command.get(0) + " within " + WINDOW_TIMEOUT.toSeconds() + " s"
                                        + (p.isAlive() ? "" : " (it exited with " + p.exitValue() + ")")));
                double toWorker = Double.NaN;
                if (ready != null) {
                    long at = ready.get(WORKER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    toWorker = (at - shown) / 1e6;
                }
                return new Start((shown - t0) / 1e6, toWorker);
            } finally {
                end(p);
            }
        }
    }

    /**
     * Reads {@code p}'s output to its end on a thread of its own (so the process never blocks on a
     * full pipe); completes with {@link System#nanoTime()} when a line ends with {@code step}.
     */
    private static CompletableFuture<Long> lineRead(Process p, String step) {
        CompletableFuture<Long> seen = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            if (!seen.isDone() && line.startsWith("kiln-start ") && line.endsWith(" " + step)) {
                                seen.complete(System.nanoTime());
                            }
                        }
                        seen.completeExceptionally(new IllegalStateException("the app's output ended before it"
                                + " printed " + step + (p.isAlive() ? "" : " (it exited with " + p.exitValue() + ")")));
                    } catch (IOException e) {
                        seen.completeExceptionally(e);
                    }
                },
                "app-start-output");
        reader.setDaemon(true);
        reader.start();
        return seen;
    }

    /** SIGTERM first (the app stops its workers in its shutdown hook), then a kill; no process left behind. */
    private static void end(Process p) throws Exception {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        for (ProcessHandle h : family) {
            h.destroyForcibly();
            h.onExit().get(20, TimeUnit.SECONDS);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
