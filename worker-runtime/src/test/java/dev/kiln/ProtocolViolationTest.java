package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.DataOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A worker that breaks the protocol (here: a compromised worker writing a raw, invalid frame on
 * its own connection) is ended by its host, and callers are told why, not only how it exited.
 */
class ProtocolViolationTest {
    /** Runs in the worker: writes a frame with a negative length on the worker's own connection. */
    static void writeInvalidFrame() {
        try {
            writeRaw();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeRaw() throws Exception {
        Object[] raw = InWorker.rawConnection();
        synchronized (raw[1]) {
            DataOutputStream out = (DataOutputStream) raw[0];
            out.writeInt(-5);
            out.flush();
        }
    }

    @Test
    void aWorkerThatBreaksTheProtocolFailsItsRequestsWithTheReason() throws Exception {
        assertPendingRequestFailsAndWorkerEnds(ProtocolViolationTest::writeInvalidFrame, "invalid frame length -5");
    }

    /**
     * A worker with a request pending runs {@code breakTheProtocol}: the request fails at once with
     * a {@link WorkerTerminatedException} that gives {@code reason}, and the worker ends.
     */
    private static void assertPendingRequestFailsAndWorkerEnds(RemoteRunnable breakTheProtocol, String reason)
            throws Exception {
        Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build());
        CompletableFuture<Object> pending = w.call(() -> {
            Thread.sleep(60_000); // the request's own work, not synchronisation: it must still be pending
            return null;
        });
        w.callDo(breakTheProtocol);
        Throwable t = catchThrowable(() -> pending.get(30, TimeUnit.SECONDS));
        assertThat(t.getCause())
                .isInstanceOf(WorkerTerminatedException.class)
                .hasMessageContaining("Kiln closed its connection")
                .hasMessageContaining(reason);
        assertThat(w.onExit().get(30, TimeUnit.SECONDS)).isNotZero();
    }

    /**
     * Runs in the worker: writes a bulk result header whose length is not a whole number of its
     * {@code int}s, and the frame it announces.
     */
    static void writeMisalignedBulkResult() {
        writeBulkResult(70_001, false, new byte[70_001]);
    }

    /** Runs in the worker: writes a bulk result header that says its elements are in a shared-memory file never made. */
    static void writeSharedResultWithoutItsFile() {
        writeBulkResult(4 << 20, true, null);
    }

    /** Runs in the worker: a bulk result header of {@code int[]}, and {@code frame} after it when given. */
    private static void writeBulkResult(int length, boolean shared, byte[] frame) {
        try {
            Class<?> message = InWorker.runtimeClass("dev.kiln.wire.Message");
            Object header = InWorker.runtimeClass("dev.kiln.wire.Message$BulkResult")
                    .getConstructor(long.class, String.class, byte.class, int.class, boolean.class)
                    .newInstance(999_999L, "int[]", (byte) 'I', length, shared);
            Object encoded = InWorker.runtimeClass("dev.kiln.wire.WireCodec")
                    .getMethod("encode", message, int.class)
                    .invoke(null, header, 1 << 20);
            byte[] buffer = (byte[]) encoded.getClass().getMethod("getBuffer").invoke(encoded);
            int encodedLength = (int) encoded.getClass().getMethod("position").invoke(encoded);
            Object[] raw = InWorker.rawConnection();
            synchronized (raw[1]) {
                DataOutputStream out = (DataOutputStream) raw[0];
                out.writeInt(encodedLength);
                out.write(buffer, 0, encodedLength);
                if (frame != null) {
                    out.writeInt(frame.length);
                    out.write(frame);
                }
                out.flush();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMalformedBulkResultFailsPendingRequestsWithTheReason() throws Exception {
        assertPendingRequestFailsAndWorkerEnds(
                ProtocolViolationTest::writeMisalignedBulkResult,
                "int[] announces 70001 bytes, not a whole number of its 4-byte elements");
    }

    /**
     * A worker on this machine whose result says it is in its shared-memory file, which it never
     * made: the host refuses it and ends the worker. Needs Linux, where the lane is offered.
     */
    @Test
    void aResultInSharedMemoryWithoutItsFileFailsPendingRequestsWithTheReason() throws Exception {
        Assumptions.assumeTrue(
                dev.kiln.platform.OsFamily.current() == dev.kiln.platform.OsFamily.LINUX
                        && java.nio.file.Files.isDirectory(java.nio.file.Path.of("/dev/shm")),
                "the shared-memory lane is offered on Linux");
        assertPendingRequestFailsAndWorkerEnds(
                ProtocolViolationTest::writeSharedResultWithoutItsFile, "cannot open the worker's shared-memory file");
    }
}
