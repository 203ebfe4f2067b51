package dev.kiln.launch;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that builds a class data sharing archive (a training run, a check): started with a
 * worker's environment, its output collected, killed with what it started when it overruns
 * or the host exits (no orphan process).
 */
final class BuildJvm {
    private static final long TIMEOUT_SECONDS = 120;

    /** Build JVMs still running. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private BuildJvm() {}

    /** How a build JVM ended: its exit code (-1 when it timed out) and its output. */
    record Result(int exitCode, String output) {}

    /** Runs {@code cmd} to its end, or kills it after the time limit. */
    static Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        Map<String, String> built = WorkerEnvironment.build(System.getenv(), Map.of(), OsFamily.current());
        env.clear();
        env.putAll(built);
        Process p = pb.start();
        RUNNING.add(p);
        p.onExit().thenRun(() -> RUNNING.remove(p));
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(
                () -> {
                    try (InputStream in = p.getInputStream()) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                r -> KilnThreads.start(r, "kiln-cds-output"));
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            destroyTree(p);
            p.waitFor(10, TimeUnit.SECONDS);
            return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s");
        }
        String text;
        try {
            text = out.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            text = "";
        }
        return new Result(p.exitValue(), text);
    }

    /** Kills every build JVM still running and waits a little for each (the host is exiting). */
    static void killAll() {
        RUNNING.forEach(BuildJvm::destroyTree);
        RUNNING.forEach(
                p -> p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join());
    }

    /** Kills a build JVM and what it started (on JDK 25+, the JVM that assembles the AOT cache). */
    private static void destroyTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
