package dev.kiln.app;

import dev.kiln.KilnException;
import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;

/**
 * {@code Kiln --self-test}: proves that an installed app can do its job without opening a
 * window. Starts a worker on this JVM's own runtime (in a jpackage image: the bundled one,
 * which must therefore keep {@code bin/java} and the compiler modules), evaluates {@code 1 + 1}
 * in it and prints one line, which also says in which module the app runs (an installed app
 * runs as the named module {@code dev.kiln.app}). Never starts JavaFX, so it needs no display.
 */
final class SelfTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EVAL_TIMEOUT = Duration.ofSeconds(60);

    private SelfTest() {}

    /** Runs the self-test; returns the process exit code: 0 when the worker answered 2, else 1. */
    static int run(PrintStream out) {
        Path javaHome =
                Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        WorkerSpec spec = WorkerSpec.builder()
                .name("self-test")
                .echoOutput(false)
                .startTimeout(START_TIMEOUT)
                .build();
        try (Worker worker = Worker.start(spec)) {
            // evalFetch, bounded: a smoke test in a build must fail, not hang.
            Object value = worker.eval("1 + 1")
                    .orTimeout(EVAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .join();
            String workerHome = worker.javaHome().orElse("?");
            if (!Integer.valueOf(2).equals(value)) {
                out.println("kiln self-test FAILED: 1 + 1 gave " + value + " in worker pid " + worker.pid() + " on "
                        + workerHome);
                return 1;
            }
            if (!Path.of(workerHome).toAbsolutePath().normalize().equals(javaHome)) {
                out.println("kiln self-test FAILED: the worker ran on " + workerHome + ", not on the app's runtime "
                        + javaHome);
                return 1;
            }
            warnIfJavaFxIsUnnamed(out);
            out.println("kiln self-test: 1 + 1 = " + value + " in " + describe(SelfTest.class.getModule())
                    + " (worker pid " + worker.pid() + " on " + workerHome + ", launch "
                    + worker.launchTime().toMillis() + " ms)");
            return 0;
        } catch (RuntimeException | LinkageError e) {
            Throwable cause = KilnException.unwrap(e);
            out.println("kiln self-test FAILED: "
                    + (cause instanceof TimeoutException
                            ? "no answer to 1 + 1 within " + EVAL_TIMEOUT.toSeconds() + " s"
                            : cause));
            cause.printStackTrace(out);
            return 1;
        }
    }

    /** "module dev.kiln.app", or "the unnamed module (class path)". */
    static String describe(Module module) {
        return module.isNamed() ? "module " + module.getName() : "the unnamed module (class path)";
    }

    /**
     * JavaFX warns at startup when its classes come from the class path (an unsupported setup); the
     * self-test never starts JavaFX, so it prints that warning itself, in JavaFX's words. Loading
     * the class (not initialising it) needs no display.
     */
    private static void warnIfJavaFxIsUnnamed(PrintStream out) {
        Module javafx = Platform.class.getModule();
        if (!javafx.isNamed()) {
            out.println("WARNING: Unsupported JavaFX configuration: classes were loaded from '" + javafx + "'");
        }
    }
}
