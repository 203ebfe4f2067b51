package dev.kiln.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A worker a launcher has started and invited, not yet connected.
 *
 * @param process      the process
 * @param spawnNanos   {@link System#nanoTime()} right before it was spawned
 * @param connection   completes with the worker's line once it has presented its token: a socket, or a
 *     pair of named pipes (complete from the start: the hello on them proves the token)
 * @param doorbellName the name of its OS interrupt doorbell
 * @param listener     stops waiting for the connection (closed once the worker is in, or gone)
 * @param sharedResults the file the worker was invited to make for its shared-memory lane
 *     ({@link dev.kiln.wire.SharedResults}); empty when it was offered none
 */
public record LaunchedWorker(
        WorkerProcess process,
        long spawnNanos,
        CompletableFuture<WorkerLine> connection,
        String doorbellName,
        HandshakeWatch listener,
        Optional<Path> sharedResults) {

    /** A worker whose process could not be started: its link fails the start with {@code why}. */
    public static LaunchedWorker notStarted(Exception why) {
        return new LaunchedWorker(
                new NoProcess(),
                System.nanoTime(),
                CompletableFuture.failedFuture(why),
                "",
                new HandshakeWatch() {
                    @Override
                    public String interference() {
                        return "";
                    }

                    @Override
                    public void close() {}
                },
                Optional.empty());
    }

    /** The process that never was: already exited (code -1), with empty pipes. */
    private static final class NoProcess implements WorkerProcess {
        private final CompletableFuture<Integer> exit = CompletableFuture.completedFuture(-1);

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public InputStream stdout() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream stderr() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream stdin() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public boolean isAlive() {
            return false;
        }

        @Override
        public void terminate() {}

        @Override
        public void kill() {}

        @Override
        public void ringDoorbell(String doorbellName) {
            throw new IllegalStateException("the worker's process was never started", new IOException());
        }

        @Override
        public long residentBytes() {
            return -1;
        }

        @Override
        public Optional<Duration> cpuTime() {
            return Optional.empty();
        }
    }
}
