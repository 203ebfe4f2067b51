package dev.kiln.ssh;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.concurrent.LazyLogger;
import dev.kiln.host.WorkerProcess;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.channel.ChannelExec;

/**
 * A worker process on another machine: the exec channel that started it carries its stdin,
 * stdout and stderr, and tells its exit (status, or the signal that ended it). Signals and
 * measurements go through exec channels of their own ({@code kill}, {@code ps}) on the same
 * connection, off the caller's thread. When the process ends, the SSH connection closes; when
 * the connection is lost, the process counts as ended at once (and ends there too: its stdin
 * and its connection close with the connection).
 */
final class RemoteProcess implements WorkerProcess {
    private static final System.Logger LOG = LazyLogger.of(RemoteProcess.class);
    private static final ExecutorService COMMANDS = Executors.newCachedThreadPool(KilnThreads.factory("kiln-ssh-"));
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Exit codes as a local shell reports a death by signal: 128 + the signal's number. */
    private static final Map<String, Integer> SIGNALS = Map.of(
            "HUP", 1, "INT", 2, "QUIT", 3, "ILL", 4, "ABRT", 6, "FPE", 8, "KILL", 9, "SEGV", 11, "PIPE", 13, "TERM",
            15);

    private final SshConnection ssh;
    private final ChannelExec channel;
    private final long pid;
    private final InputStream stdout;
    private final OutputStream stdin;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile String endedBecause = "";

    private RemoteProcess(SshConnection ssh, ChannelExec channel, long pid, InputStream stdout) {
        this.ssh = ssh;
        this.channel = channel;
        this.pid = pid;
        this.stdout = stdout;
        this.stdin = new FilterOutputStream(channel.getInvertedIn()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!exit.isDone()) { // once the channel is closed, there is nothing to end, and the connection is
                    // closing
                    super.close();
                }
            }
        };
        channel.addCloseFutureListener(f -> ended());
    }

    /**
     * Runs {@code script} (which prints its shell's pid on the first line, then execs the JVM) and
     * returns once that pid is known.
     */
    static RemoteProcess spawn(SshConnection ssh, String script, Duration timeout) throws IOException {
        ChannelExec channel = ssh.session().createExecChannel(RemoteShell.command(script));
        try {
            channel.open().verify(timeout);
            InputStream out = channel.getInvertedOut();
            long pid = CompletableFuture.supplyAsync(() -> readPid(out), COMMANDS)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (pid <= 0) {
                throw new IOException("the remote shell did not start the worker (no process id came back)");
            }
            return new RemoteProcess(ssh, channel, pid, out);
        } catch (TimeoutException e) {
            channel.close(true);
            throw new IOException("the remote shell did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            channel.close(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the remote worker", e);
        } catch (java.util.concurrent.ExecutionException | IOException | RuntimeException e) {
            channel.close(true);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static long readPid(InputStream in) {
        StringBuilder sb = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n' && sb.length() < 24) {
                sb.append((char) c);
            }
            return Long.parseLong(sb.toString().strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private void ended() {
        Integer status = channel.getExitStatus();
        String signal = channel.getExitSignal();
        int code;
        if (status != null) {
            code = status;
        } else if (signal != null) {
            code = 128 + SIGNALS.getOrDefault(signal, 0);
        } else {
            code = -1;
            endedBecause = "the SSH connection to " + ssh.where() + " was lost; the worker ends there as its"
                    + " connection and stdin close";
        }
        exit.complete(code);
        COMMANDS.execute(ssh::close);
    }

    /** Why the process counts as ended when it is not its own doing (the connection was lost); empty otherwise. */
    @Override
    public String endedBecause() {
        return endedBecause;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return channel.getInvertedErr();
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public void terminate() {
        signal("TERM");
    }

    @Override
    public void kill() {
        signal("KILL");
    }

    @Override
    public void ringDoorbell(String doorbellName) {
        signal("INT");
    }

    /** Sends the signal through an exec channel of its own, off the caller's thread. */
    private void signal(String name) {
        if (!isAlive()) {
            return;
        }
        COMMANDS.execute(() -> {
            try {
                RemoteShell.run(ssh.session(), "kill -s " + name + " " + pid, COMMAND_TIMEOUT);
            } catch (IOException | RuntimeException e) {
                if (isAlive()) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "cannot send SIG" + name + " to worker process " + pid + " on " + ssh.where() + ": "
                                    + e.getMessage());
                }
            }
        });
    }

    @Override
    public long residentBytes() {
        return residentBytesAsync()
                .completeOnTimeout(-1L, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /** Resident memory from {@code ps} there, through an exec channel, off the caller's thread; -1 when it cannot be read. */
    @Override
    public CompletableFuture<Long> residentBytesAsync() {
        if (!isAlive()) {
            return CompletableFuture.completedFuture(-1L);
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        RemoteShell.Result r = RemoteShell.run(ssh.session(), "ps -o rss= -p " + pid, COMMAND_TIMEOUT);
                        return r.exit() == 0 ? Long.parseLong(r.out().strip()) * 1024 : -1L;
                    } catch (IOException | RuntimeException e) {
                        return -1L;
                    }
                },
                COMMANDS);
    }

    /** Empty: a remote worker's CPU time comes from its own JVM. */
    @Override
    public Optional<Duration> cpuTime() {
        return Optional.empty();
    }
}
