package dev.kiln.launch;

import dev.kiln.concurrent.Timers;
import dev.kiln.host.HandshakeWatch;
import dev.kiln.host.WorkerLine;
import dev.kiln.wire.Connection;
import dev.kiln.wire.Invitation;
import dev.kiln.wire.PipeInput;
import dev.kiln.wire.WorkerHello;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The host's side of a local worker's pair of named pipes ({@link NamedPipes}): the worker writes
 * to {@code <pair>.up} and reads from {@code <pair>.down}; it sends {@link Invitation#MAGIC}, the
 * token and its hello first, as it would on a socket.
 *
 * <p>Opening a named pipe waits until its other end is opened too, which a worker that dies
 * early never does. So the host opens neither end that way: it first opens each pipe for reading
 * and writing at once (a <em>keeper</em>, which on Linux never waits), then its own end (which
 * then finds the keeper as its other end). The worker's opens find the host's ends and do not
 * wait either. The keepers are closed as soon as the hello has come (the worker holds its ends
 * by then) or the worker is gone, so that the worker's end is the pipe's only other end: its exit
 * ends the host's reads, and the host's exit ends the worker's. Both names are unlinked then:
 * nobody else can open the pipes after that.
 */
final class PipeHandshake implements HandshakeWatch, WorkerLine {
    private final Path up;
    private final Path down;
    private final Invitation invitation;
    private final FileChannel fromWorker;
    private final FileChannel toWorker;
    private final FileChannel upKeeper;
    private final FileChannel downKeeper;
    private final Object lock = new Object();
    private boolean keepersClosed;
    private final CompletableFuture<Void> over = new CompletableFuture<>();

    /**
     * Opens the host's ends of the pair at {@code pair} ({@code pair.up} and {@code pair.down}, made
     * by {@link NamedPipes}); the invitation names them.
     *
     * @throws IOException when a pipe cannot be opened (nothing stays open then)
     */
    PipeHandshake(Path pair) throws IOException {
        this.up = Path.of(pair + Invitation.TO_HOST);
        this.down = Path.of(pair + Invitation.FROM_HOST);
        HandshakeSecret secret = HandshakeSecret.fresh();
        this.invitation = Invitation.viaPipes(pair.toString(), secret.token(), secret.doorbellName());
        FileChannel[] opened = new FileChannel[4];
        try {
            opened[0] = FileChannel.open(up, StandardOpenOption.READ, StandardOpenOption.WRITE);
            opened[1] = FileChannel.open(up, StandardOpenOption.READ);
            opened[2] = FileChannel.open(down, StandardOpenOption.READ, StandardOpenOption.WRITE);
            opened[3] = FileChannel.open(down, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            for (FileChannel c : opened) {
                closeQuietly(c);
            }
            deleteNames();
            throw e;
        }
        this.upKeeper = opened[0];
        this.fromWorker = opened[1];
        this.downKeeper = opened[2];
        this.toWorker = opened[3];
    }

    /** What the worker reads on its stdin: the pair's path, the token, and its doorbell's name. */
    Invitation invitation() {
        return invitation;
    }

    /** Completes once the handshake is over: the hello has come, or the worker is gone, or the host gave up. */
    CompletableFuture<Void> over() {
        return over;
    }

    @Override
    public WorkerHello readHello(long deadlineNanos) throws IOException, TimeoutException {
        // A worker alive and silent: its read is ended by closing the channel at the deadline.
        ScheduledFuture<?> late = Timers.timer()
                .schedule(this::abandon, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            DataInputStream in = new DataInputStream(PipeInput.stream(fromWorker));
            byte[] proof = invitation.proof();
            byte[] got = in.readNBytes(proof.length);
            if (!MessageDigest.isEqual(got, proof)) {
                throw new IOException(
                        got.length < proof.length
                                ? "the pipe ended before the worker's token"
                                : "a wrong token on the worker's pipe");
            }
            WorkerHello hello = WorkerHello.read(in);
            if (!late.cancel(false)) {
                throw new TimeoutException("the hello came as the deadline closed the pipes");
            }
            closeKeepers(); // the worker holds its ends now
            return hello;
        } catch (IOException e) {
            late.cancel(false);
            abandon();
            if (deadlineNanos - System.nanoTime() <= 0) {
                throw new TimeoutException("no hello");
            }
            throw e;
        }
    }

    @Override
    public Connection connection(String name, int maxFrame) {
        return new Connection(fromWorker, toWorker, name, maxFrame);
    }

    /** The pair is the worker's alone: no stranger can get in the way. */
    @Override
    public String interference() {
        return "";
    }

    /**
     * Ends the wait for the worker (its process is gone, or the host gave up): the keepers are
     * closed, so a read of a pipe the worker no longer writes ends; the names are unlinked. A
     * connection made already stays open.
     */
    @Override
    public void close() {
        closeKeepers();
    }

    /** Closes everything, the host's own ends too: for a worker whose start failed. */
    @Override
    public void abandon() {
        closeKeepers();
        closeQuietly(fromWorker);
        closeQuietly(toWorker);
    }

    private void closeKeepers() {
        synchronized (lock) {
            if (keepersClosed) {
                return;
            }
            keepersClosed = true;
        }
        closeQuietly(upKeeper);
        closeQuietly(downKeeper);
        deleteNames();
        over.complete(null);
    }

    private void deleteNames() {
        for (Path p : new Path[] {up, down}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the folder goes with the host
            }
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
