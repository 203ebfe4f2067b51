package dev.kiln.app.model;

import dev.kiln.WorkerSpec;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Asks the JVM itself whether it starts with a new worker's flags, before the worker is
 * started: {@code <java> <flags> -version}, in the background, with a short timeout. A JVM
 * that refuses them says why in its own words ("Unrecognized VM option 'Foo'", "Invalid
 * maximum heap size: -Xmx=garbage"); that line is what the user is shown.
 *
 * <pre>{@code
 * JvmFlagCheck.check(spec, JvmFlagCheck.TIMEOUT, Background.POOL)
 *         .thenAccept(problem -> problem.ifPresent(System.out::println));
 * }</pre>
 */
public final class JvmFlagCheck {
    /** How long {@code java -version} may take; a JVM that takes longer is not held against the flags. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Variables that would add flags of the host's to the check (a worker never inherits them). */
    static final List<String> HOST_JAVA_OPTIONS =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH");

    /** The launcher's closing words, which say nothing about the cause. */
    private static final List<String> GENERIC = List.of(
            "Error occurred during initialization of VM",
            "Error: Could not create the Java Virtual Machine.",
            "Error: A fatal exception has occurred. Program will exit.");

    private JvmFlagCheck() {}

    /**
     * Whether there is anything to check here: flags, or a JDK other than the host's, for a worker on
     * this machine. A worker on another {@link WorkerSpec#host() host} runs a JVM of that machine,
     * which this one cannot ask: a flag it refuses fails that worker's start, with the JVM's words.
     */
    public static boolean needed(WorkerSpec spec) {
        return spec.host().isEmpty() && (!spec.jvmArgs().isEmpty() || !spec.usesHostJdk());
    }

    /**
     * Runs the check on {@code executor}: completes with the JVM's own reason when it refuses
     * the spec's flags (or cannot be run), empty when it starts with them or does not answer
     * within {@code timeout} (the worker's own start then tells).
     */
    public static CompletableFuture<Optional<String>> check(WorkerSpec spec, Duration timeout, Executor executor) {
        return CompletableFuture.supplyAsync(() -> run(spec, timeout), executor);
    }

    static Optional<String> run(WorkerSpec spec, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(OsFamily.current().javaExecutable(spec.javaHome()).toString());
        command.addAll(spec.jvmArgs());
        command.add("-version");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        HOST_JAVA_OPTIONS.forEach(env::remove);
        env.putAll(spec.env());
        spec.workingDirectory().ifPresent(dir -> pb.directory(dir.toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return Optional.of("Could not run " + command.get(0) + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            // Read while it runs: the JVM's few lines fit in the pipe, a flood is cut at the timeout.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            if (p.exitValue() == 0) {
                return Optional.empty();
            }
            String out = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(reason(out, p.exitValue()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        } catch (Exception e) {
            p.destroyForcibly();
            return Optional.empty();
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), Charset.defaultCharset());
        } catch (IOException e) {
            return "";
        }
    }

    /** The JVM's own reason in its output: its first line that is not the launcher's generic farewell. */
    static String reason(String output, int exitCode) {
        List<String> lines =
                output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String l : lines) {
            if (!GENERIC.contains(l)) {
                return l;
            }
        }
        return lines.isEmpty() ? "java -version exited with code " + exitCode : lines.get(0);
    }
}
