package dev.kiln.host;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A started worker process as its host sees it, wherever it runs: its pipes, its exit, and
 * the means to end it, interrupt it and measure it. A launcher makes one.
 */
public interface WorkerProcess {
    long pid();

    InputStream stdout();

    InputStream stderr();

    /** The worker's stdin: its invitation is written here, and the pipe stays open while the host lives. */
    OutputStream stdin();

    /** Completes with the exit code when the process has ended. */
    CompletableFuture<Integer> onExit();

    boolean isAlive();

    /** Asks the process to end (SIGTERM; on Windows the same as {@link #kill()}). */
    void terminate();

    /** Ends the process at once (SIGKILL, TerminateProcess). */
    void kill();

    /** Rings the worker's OS interrupt doorbell (SIGINT, or the named event on Windows). */
    void ringDoorbell(String doorbellName);

    /** Resident memory in bytes, from the OS; -1 when it cannot be read. */
    long residentBytes();

    /** As {@link #residentBytes()}, for a process whose OS is a round trip away (a remote one): it does not block. */
    default CompletableFuture<Long> residentBytesAsync() {
        return CompletableFuture.completedFuture(residentBytes());
    }

    /** Why the process counts as ended when it did not end by itself (a remote one whose connection was lost); else empty. */
    default String endedBecause() {
        return "";
    }

    /** CPU time used so far, from the OS, when it tells. */
    Optional<Duration> cpuTime();
}
