package dev.kiln;

import dev.kiln.os.InterruptDoorbell;
import dev.kiln.os.PosixSignalDoorbell;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A host program for tests, run with SIGINT ignored (as under {@code nohup} or {@code trap '' INT}):
 * it says whether it sees that, starts a worker, says whether that worker ignores SIGINT once ready
 * and whether it loaded JNA (Linux: {@code /proc}), rings its doorbell while it evaluates an endless loop and prints what came of it
 * ({@code STOPPED}, then the next result), or {@code FAILED error}.
 */
public final class SigintIgnoredHostMain {
    private SigintIgnoredHostMain() {}

    public static void main(String[] args) {
        System.out.println("IGNORED " + PosixSignalDoorbell.sigintMayBeIgnoredHere());
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            System.out.println("WORKER IGNORES " + ignoresSigint(w.pid()));
            System.out.println("WORKER LOADED JNA " + loadedJna(w.pid()));
            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            InterruptDoorbell.forOs(OsFamily.current()).ring(w.pid(), "");
            try {
                running.get(10, TimeUnit.SECONDS);
                System.out.println("FAILED the loop ended by itself");
            } catch (ExecutionException e) {
                System.out.println(
                        e.getCause() instanceof EvaluationInterruptedException ? "STOPPED" : "FAILED " + e.getCause());
            }
            System.out.println("NEXT " + w.evalFetch("1 + 1"));
        } catch (Throwable t) {
            System.out.println("FAILED " + t);
        }
    }

    /**
     * Whether JNA's native library is mapped into the process: unpacked to a temporary {@code
     * jna<digits>.tmp}, or a system's {@code libjnidispatch}.
     */
    private static boolean loadedJna(long pid) throws IOException {
        return JNA_LIBRARY
                .matcher(Files.readString(Path.of("/proc", Long.toString(pid), "maps")))
                .find();
    }

    private static final Pattern JNA_LIBRARY = Pattern.compile("/jna-?\\d+\\.tmp|jnidispatch");

    /** Whether SIGINT is in the {@code SigIgn} mask of {@code /proc/<pid>/status}. */
    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(
                                        line.substring("SigIgn:".length()).trim(), 16)
                                & (1L << 1))
                        != 0;
            }
        }
        throw new IOException("no SigIgn line for " + pid);
    }
}
