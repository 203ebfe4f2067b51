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

    /**
     * The floor for the app's window: what any workbench built on the editor the product names
     * (RichTextFX's {@code CodeArea}, line numbers on) under the theme the app uses (AtlantaFX)
     * costs before its window maps, with nothing of Kiln's in it.
     */
    private static final String EDITOR = """
            import javafx.application.Application;
            import javafx.scene.Scene;
            import javafx.scene.layout.StackPane;
            import javafx.stage.Stage;
            import org.fxmisc.richtext.CodeArea;
            import org.fxmisc.richtext.LineNumberFactory;

            public class EditorWindow extends Application {
                @Override
                public void start(Stage stage) {
                    Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
                    CodeArea area = new CodeArea("int x = 1;\\nSystem.out.println(x);\\n");
                    area.setParagraphGraphicFactory(LineNumberFactory.get(area));
                    stage.setTitle("Editor");
                    stage.setScene(new Scene(new StackPane(area), 1280, 800));
                    stage.show();
                }

                public static void main(String[] args) {
                    launch(args);
                }
            }
            """;

    /** The modules the editor window reads from the image's module path (the minimal one: JavaFX's controls). */
    private static final String EDITOR_MODULES = "javafx.controls,org.fxmisc.richtext,atlantafx.base";

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
            Path classes = compilePrograms(work, mods);
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
            List<String> editor = List.of(
                    java.toString(),
                    "--module-path",
                    mods.toString(),
                    "--add-modules",
                    EDITOR_MODULES,
                    "-cp",
                    classes.toString(),
                    "EditorWindow");
            Sampler sampler = new Sampler();
            List<Double> windowToWorker = new ArrayList<>();
            Sampler.Series kiln = sampler.add("ms", () -> {
                Start start = startOf(app, home, true);
                windowToWorker.add(start.windowToWorkerMillis());
                return start.windowMillis();
            });
            Sampler.Series bare =
                    sampler.add("ms", () -> startOf(minimal, home, false).windowMillis());
            Sampler.Series floor =
                    sampler.add("ms", () -> startOf(editor, home, false).windowMillis());
            // the first start of each unpacks JavaFX's native libraries into ~/.openjfx and reads the image
            sampler.run(1, bench.rounds(8));
            windowToWorker.remove(0); // the warm-up round's, which the sampler drops too
            report.add(Row.of(
                    "The floor for the app's window: a window holding RichTextFX's `CodeArea` (line numbers on) under"
                            + " AtlantaFX's theme, exec until mapped, vs the minimal JavaFX window",
                    floor.figures(),
                    bare.figures(),
                    Goal.measuredOnly(),
                    "the editor the product names and the theme the app uses, nothing of Kiln's; the same runtime and"
                            + " module path; when this ratio is above the goal of the row after next, that goal is below"
                            + " what a workbench with this editor and theme can reach"));
            report.add(Row.of(
                    "The packaged app's start vs that floor",
                    kiln.figures(),
                    floor.figures(),
                    Goal.measuredOnly(),
                    "what the workbench adds to its editor: the toolbar, worker list, status bar and layout, the"
                            + " theme on them, its settings, and the first worker's pool started before JavaFX"));
            report.add(Row.of(
                            "The packaged app's start: exec of the app image's `Kiln` until its window is mapped vs a minimal"
                                    + " JavaFX window (one `Label`) on the same bundled runtime",
                            kiln.figures(),
                            bare.figures(),
                            Goal.ratioAtMost(1.3),
                            "under Xvfb; both with the same home folder (JavaFX's native libraries already unpacked, the"
                                    + " app's settings from its previous start); the moment the X server maps a window of"
                                    + " the started process")
                    .withWhyMissed(Goal.floorSentence(
                                    floor.figures(),
                                    bare.figures(),
                                    1.3,
                                    "the first row: a window"
                                            + " holding only RichTextFX's CodeArea under AtlantaFX's theme; when above, no"
                                            + " workbench built on that editor reaches the goal on this runtime")
                            + " What the app adds to that floor (second"
                            + " row): its toolbar, worker list, status bar, split panes and their CSS, Kiln's own classes"
                            + " (about 1.4x the floor's classes and lambdas are loaded and linked before the window), and"
                            + " the first worker's pool; profiled (async-profiler, cpu), the app's FX thread used 0.42 s"
                            + " and its JIT compilers 0.84 s more CPU than the floor's until the window, on the same 2"
                            + " cores. A dynamic AppCDS archive of the app made in the image (a run to its first worker)"
                            + " showed the window 0.4-0.6 s sooner (1.70-1.85 s against 2.17-2.45 s, alternated), and JDK"
                            + " 17 checks it safely: in a copy of the image (original still in place) it used none of the"
                            + " archived module classes (0 of 3,077), and once the original was gone it refused the"
                            + " archive with a warning on standard output. But it only helps where it was made: packages"
                            + " install the image elsewhere than it was built (often read-only: /opt, Program Files, a"
                            + " signed .app), and JDK 17's launcher configuration cannot name a per-user file (only"
                            + " $APPDIR and the like), so it is not shipped. The first worker's JVM is spawned before"
                            + " JavaFX starts, at low CPU priority (see the last row): exec to window measured the same"
                            + " with it (2.61x -> 2.48x, AppStart alone)."));
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
            Scratch.deleteTree(work);
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

    private static Path compilePrograms(Path work, Path mods) throws IOException {
        Path minimal = Files.writeString(work.resolve("MinimalWindow.java"), MINIMAL, StandardCharsets.UTF_8);
        Path editor = Files.writeString(work.resolve("EditorWindow.java"), EDITOR, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(work.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "--module-path",
                        mods.toString(),
                        "--add-modules",
                        EDITOR_MODULES,
                        "-d",
                        classes.toString(),
                        minimal.toString(),
                        editor.toString());
        Bench.check(status == 0, "the minimal JavaFX program and the editor window compile");
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
}
