package dev.kiln.bench;

import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * The packaged app's own start, under an X server (Xvfb here): exec of the app image's launcher
 * until its window is mapped, against a minimal JavaFX program (a {@code Stage} with one
 * {@code Label}) on the same bundled runtime and JavaFX modules, interleaved. The image is the one
 * {@code -Dkiln.bench.appImage=FOLDER} names, else the checkout's
 * {@code installer/target/jpackage/Kiln} (made by {@code mvn -B -pl installer -am package
 * -DskipTests -Papp-image}). Left out, with a note, without a display or an image.
 */
final class AppStart implements Scenario {
    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(60);

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
            Sampler.Series kiln = sampler.add("ms", () -> millisToWindow(app, home));
            Sampler.Series bare = sampler.add("ms", () -> millisToWindow(minimal, home));
            // the first start of each unpacks JavaFX's native libraries into ~/.openjfx and reads the image
            sampler.run(1, bench.rounds(8));
            report.add(Row.of(
                    "The packaged app's start: exec of the app image's `Kiln` until its window is mapped vs a minimal"
                            + " JavaFX window (one `Label`) on the same bundled runtime",
                    kiln.figures(),
                    bare.figures(),
                    Goal.ratioAtMost(1.3),
                    "under Xvfb; both with the same home folder (JavaFX's native libraries already unpacked, the"
                            + " app's settings from its previous start); the moment the X server maps a window of"
                            + " the started process"));
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

    /** Starts {@code command}, waits for its first window, then ends it and everything it started. */
    private static double millisToWindow(List<String> command, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("JAVA_") || k.startsWith("JDK_"));
        env.put("HOME", home.toString());
        try (WindowMaps maps = WindowMaps.open()) {
            long t0 = System.nanoTime();
            Process p = pb.start();
            try {
                long shown = maps.awaitWindowOf(p.pid(), WINDOW_TIMEOUT)
                        .orElseThrow(() -> new IllegalStateException(
                                "no window from " + command.get(0) + " within " + WINDOW_TIMEOUT.toSeconds() + " s"
                                        + (p.isAlive() ? "" : " (it exited with " + p.exitValue() + ")")));
                return (shown - t0) / 1e6;
            } finally {
                end(p);
            }
        }
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
