package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.wire.Connection;
import dev.kiln.wire.FrameCodec;
import dev.kiln.wire.Invitation;
import dev.kiln.wire.Message;
import dev.kiln.wire.WorkerHello;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's side of a worker's named pipes: the hello comes through them, a worker gone or silent
 * ends the wait, and once the hello is in, either side's end ends the other's reads.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "named pipes opened for reading and writing at once (Linux)")
class PipeHandshakeTest {
    private static final long OWN_PID = ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    private NamedPipes pipes;

    private PipeHandshake handshake() throws IOException {
        pipes = new NamedPipes(tmp);
        pipes.fillNow();
        return new PipeHandshake(pipes.take().orElseThrow());
    }

    @AfterEach
    void madeInTheBackgroundBeforeTheFolderGoes() throws InterruptedException {
        if (pipes != null) {
            pipes.awaitFill();
        }
    }

    /** The worker's side, as {@code WorkerMain} opens it: to the host first, then from it. */
    private record WorkerEnds(FileOutputStream up, FileInputStream down) {
        static WorkerEnds open(Invitation inv) throws IOException {
            FileOutputStream up = new FileOutputStream(inv.pipeToHost());
            return new WorkerEnds(up, new FileInputStream(inv.pipeFromHost()));
        }

        void hello(byte[] proof) throws IOException {
            DataOutputStream out = new DataOutputStream(up);
            out.write(proof);
            WorkerHello.current().write(out);
            out.flush();
        }
    }

    @Test
    void theHelloComesThroughTheNamesGoAndTheConnectionCarriesMessagesBothWays() throws Exception {
        PipeHandshake hs = handshake();
        Invitation inv = hs.invitation();
        assertThat(inv.viaPipes()).isTrue();
        WorkerEnds worker = WorkerEnds.open(inv);
        worker.hello(inv.proof());

        WorkerHello hello = hs.readHello(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));

        assertThat(hello.pid()).isEqualTo(OWN_PID);
        assertThat(Path.of(inv.pipeToHost()))
                .as("unlinked once the worker holds its ends")
                .doesNotExist();
        assertThat(Path.of(inv.pipeFromHost())).doesNotExist();
        assertThat(hs.over()).isCompleted();
        BlockingQueue<Message> atHost = new LinkedBlockingQueue<>();
        BlockingQueue<Message> atWorker = new LinkedBlockingQueue<>();
        CompletableFuture<Throwable> hostClosed = new CompletableFuture<>();
        Connection host = hs.connection("worker-1", FrameCodec.DEFAULT_MAX_FRAME);
        Connection onWorker = new Connection(worker.down(), worker.up(), "host", FrameCodec.DEFAULT_MAX_FRAME);
        host.start(atHost::add, hostClosed::complete);
        onWorker.start(atWorker::add, reason -> {});

        host.send(new Message.StatsRequest(7));
        assertThat(atWorker.poll(30, TimeUnit.SECONDS)).isEqualTo(new Message.StatsRequest(7));
        onWorker.send(new Message.InterruptAck(7, 2));
        assertThat(atHost.poll(30, TimeUnit.SECONDS)).isEqualTo(new Message.InterruptAck(7, 2));

        onWorker.close(); // the worker's end, as when its process exits
        assertThat(hostClosed.get(30, TimeUnit.SECONDS))
                .as("a clean end of stream, without a keeper left to hold the pipe open")
                .isNull();
        host.close();
    }

    @Test
    void aWorkerGoneBeforeItsHelloEndsTheWaitAtOnce() throws Exception {
        PipeHandshake hs = handshake();
        CompletableFuture<WorkerHello> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return hs.readHello(System.nanoTime() + TimeUnit.MINUTES.toNanos(5));
            } catch (IOException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        });
        hs.close(); // as the host does when the worker's process exits

        Throwable t = catchThrowable(() -> waiting.get(30, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause().getCause())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ended before the worker's token");
        assertThat(Path.of(hs.invitation().pipeToHost())).doesNotExist();
    }

    @Test
    void aWorkerThatOpensItsEndsAndSaysNothingIsGivenUpAtTheDeadline() throws Exception {
        PipeHandshake hs = handshake();
        WorkerEnds silent = WorkerEnds.open(hs.invitation());
        long t0 = System.nanoTime();

        Throwable t = catchThrowable(() -> hs.readHello(t0 + TimeUnit.MILLISECONDS.toNanos(300)));

        assertThat(t).isInstanceOf(TimeoutException.class);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(silent.down().read()).as("the host's ends are closed").isEqualTo(-1);
        silent.up().close();
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        PipeHandshake hs = handshake();
        WorkerEnds rogue = WorkerEnds.open(hs.invitation());
        byte[] wrong = hs.invitation().proof();
        wrong[wrong.length - 1] ^= 1;
        rogue.hello(wrong);

        Throwable t = catchThrowable(() -> hs.readHello(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));

        assertThat(t).isInstanceOf(IOException.class).hasMessageContaining("wrong token");
        assertThat(rogue.down().read()).isEqualTo(-1);
        rogue.up().close();
    }

    @Test
    void theHostsEndEndsTheWorkersRead() throws Exception {
        PipeHandshake hs = handshake();
        WorkerEnds worker = WorkerEnds.open(hs.invitation());
        worker.hello(hs.invitation().proof());
        hs.readHello(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));

        hs.abandon(); // as when the host's process ends

        assertThat(worker.down().read())
                .as("the worker sees its host gone: no keeper holds the pipe open")
                .isEqualTo(-1);
        worker.up().close();
    }
}
