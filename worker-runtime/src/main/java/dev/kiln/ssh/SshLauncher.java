package dev.kiln.ssh;

import static dev.kiln.ssh.RemoteShell.quote;

import dev.kiln.host.HandshakeWatch;
import dev.kiln.host.LaunchedWorker;
import dev.kiln.host.WorkerLine;
import dev.kiln.launch.HandshakeListener;
import dev.kiln.launch.LaunchException;
import dev.kiln.launch.LaunchRequest;
import dev.kiln.launch.RuntimeClasspath;
import dev.kiln.launch.WorkerCommand;
import dev.kiln.launch.WorkerEnvironment;
import dev.kiln.launch.WorkerLauncher;
import dev.kiln.launch.WorkerPriority;
import dev.kiln.wire.Invitation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts workers on another machine over SSH (Apache MINA SSHD, no OpenSSH client needed):
 * <ol>
 *   <li>connects and logs in ({@link SshConnection}: the host key must be known, the user's key);
 *   <li>asks the machine which {@code java} to use and what its cache holds, and copies the
 *       missing runtime jars there, once per content ({@link RemoteSetup});
 *   <li>opens the usual loopback handshake listener here, and has the remote side listen on its
 *       own loopback for the worker's connection, carried back inside the SSH connection;
 *   <li>runs {@code echo $$; exec [nice -n 10] env -i <env> <java> <flags> -cp <runtime jars> <main> --class-path=<user jars>} in an exec
 *       channel (the pid is known from spawn) and writes the invitation on that channel's stdin.
 * </ol>
 * The worker then connects, presents the token and speaks the protocol as a local one does.
 * Nothing listens on a network interface, on either machine: both listeners are loopback-only,
 * and the remote one closes once the worker is in.
 */
public final class SshLauncher implements WorkerLauncher {
    /** Kiln's cache folder on a remote machine when the spec names none (relative to the home folder there). */
    static final String DEFAULT_REMOTE_CACHE = ".cache/kiln";

    private final SshOptions options;

    private SshLauncher(SshOptions options) {
        this.options = options;
    }

    /** The launcher for a spec's SSH settings. */
    public static WorkerLauncher of(SshOptions options) {
        return new SshLauncher(options);
    }

    /** Kiln's cache folder on the remote machine: the spec's, else {@code ~/.cache/kiln} there. */
    public static Path cacheDir(Optional<Path> specCacheDirectory) {
        return specCacheDirectory.orElse(Path.of(DEFAULT_REMOTE_CACHE));
    }

    @Override
    public LaunchedWorker launch(LaunchRequest request) throws LaunchException {
        try {
            return start(request);
        } catch (NoClassDefFoundError e) {
            throw new LaunchException(
                    "cannot start worker " + request.name() + " on " + options.target()
                            + ": this JVM lacks Apache MINA SSHD (org.apache.sshd:sshd-core), which Kiln uses for workers on"
                            + " other machines; put it on the class path",
                    e);
        }
    }

    private LaunchedWorker start(LaunchRequest r) throws LaunchException {
        Duration timeout = r.startTimeout();
        Files files = files(r.classpath());
        SshConnection ssh = SshConnection.open(options, timeout);
        HandshakeListener listener = null;
        boolean started = false;
        try {
            RemoteSetup.Facts facts =
                    RemoteSetup.probe(ssh, remotePath(r.javaHome()), remotePath(r.cacheDir()), files.all(), timeout);
            RemoteSetup.upload(ssh, facts, files.all(), timeout);
            listener = new HandshakeListener();
            int remotePort = ssh.forwardToHost(listener.port());
            Invitation local = listener.invitation();
            Invitation invitation = new Invitation("127.0.0.1", remotePort, local.token(), local.doorbellName());
            long spawnNanos = System.nanoTime();
            RemoteProcess process = RemoteProcess.spawn(ssh, script(r, facts, files), timeout);
            try {
                OutputStream stdin = process.stdin();
                stdin.write(invitation.line().getBytes(StandardCharsets.US_ASCII));
                stdin.flush(); // stays open: the worker exits when it closes
            } catch (IOException e) {
                // The process died at once; the host reports it, with its stderr, when it sees the exit.
            }
            started = true;
            return new LaunchedWorker(
                    process,
                    spawnNanos,
                    listener.accepted().thenApply(WorkerLine::of),
                    listener.doorbellName(),
                    watch(listener, ssh, remotePort),
                    Optional.empty()); // on another machine: no memory to share
        } catch (IOException e) {
            throw new LaunchException(
                    "cannot start worker " + r.name() + " on " + ssh.where() + ": " + e.getMessage(), e);
        } finally {
            if (!started) {
                if (listener != null) {
                    listener.close();
                }
                ssh.close();
            }
        }
    }

    /**
     * What a remote worker's command is made of, each a file the remote cache keeps: Kiln's
     * runtime jars and the user's class path.
     */
    record Files(List<RuntimeFiles.Entry> runtime, List<RuntimeFiles.Entry> user) {
        List<RuntimeFiles.Entry> all() {
            List<RuntimeFiles.Entry> all = new ArrayList<>(runtime);
            all.addAll(user);
            return all;
        }
    }

    private static Files files(List<Path> userClasspath) throws LaunchException {
        return new Files(entries(RuntimeClasspath.entries()), entries(userClasspath));
    }

    private static List<RuntimeFiles.Entry> entries(List<Path> paths) throws LaunchException {
        List<RuntimeFiles.Entry> entries = new ArrayList<>();
        for (Path p : paths) {
            try {
                entries.add(RuntimeFiles.entry(p));
            } catch (IOException e) {
                throw new LaunchException("cannot read class path entry " + p + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    /** A path of the remote machine as its shell writes it; empty for the empty path (none given). */
    private static String remotePath(Path p) {
        return p.toString().replace('\\', '/');
    }

    /** The script of the worker's exec channel: its pid first, then the JVM in its place, with an environment from scratch. */
    static String script(LaunchRequest r, RemoteSetup.Facts facts, Files files) {
        StringBuilder s = new StringBuilder("echo $$\n");
        r.workingDirectory()
                .ifPresent(d -> s.append("cd -- ").append(quote(remotePath(d))).append(" || exit 125\n"));
        s.append("exec");
        if (r.lowPriority()) { // the remote shell is POSIX: nice lowers every thread, then execs env, which execs
            // the JVM
            WorkerPriority.NICE.forEach(a -> s.append(' ').append(a));
        }
        s.append(" env -i");
        for (Map.Entry<String, String> e :
                WorkerEnvironment.build(facts.env(), r.env(), facts.os()).entrySet()) {
            s.append(' ').append(quote(e.getKey() + "=" + e.getValue()));
        }
        s.append(' ').append(quote(facts.java()));
        List<String> flags = new ArrayList<>(WorkerEnvironment.kilnFlags(facts.javaFeature(), facts.os(), true));
        flags.addAll(r.jvmArgs());
        for (String f : flags) {
            s.append(' ').append(quote(f));
        }
        for (String a : WorkerCommand.main(
                facts.os(), remote(facts, files.runtime()), WorkerCommand.WORKER_MAIN, remote(facts, files.user()))) {
            s.append(' ').append(quote(a));
        }
        return s.toString();
    }

    private static List<String> remote(RemoteSetup.Facts facts, List<RuntimeFiles.Entry> entries) {
        return entries.stream()
                .map(e -> facts.runtimeDir() + "/" + e.relativePath())
                .toList();
    }

    /** The handshake's end: the listener here closes, and the remote side stops listening. */
    private static HandshakeWatch watch(HandshakeListener listener, SshConnection ssh, int remotePort) {
        return new HandshakeWatch() {
            @Override
            public String interference() {
                return listener.interference();
            }

            @Override
            public void acceptUntil(long deadlineNanos) {
                listener.acceptUntil(deadlineNanos);
            }

            @Override
            public void close() {
                listener.close();
                ssh.stopForwarding(remotePort);
            }
        };
    }
}
