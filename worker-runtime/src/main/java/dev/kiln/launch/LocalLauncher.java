package dev.kiln.launch;

import dev.kiln.host.LaunchedWorker;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Starts workers on this machine: a JVM spawned with an environment built from scratch, the
 * invitation written on its stdin, its connection accepted on a loopback listener.
 */
public final class LocalLauncher implements WorkerLauncher {
    private final OsFamily os;

    public LocalLauncher(OsFamily os) {
        this.os = os;
    }

    @Override
    public LaunchedWorker launch(LaunchRequest request) throws LaunchException {
        HandshakeListener listener;
        try {
            listener = new HandshakeListener(request.name());
        } catch (IOException e) {
            throw new LaunchException(
                    "cannot open a loopback listener for worker " + request.name() + ": " + e.getMessage(), e);
        }
        List<String> kilnFlags = request.classDataSharing() && ClassDataSharing.allowedByHost()
                ? ClassDataSharing.flagsFor(
                        request.javaHome(), RuntimeClasspath.entries(), request.jvmArgs(), request.cacheDir())
                : List.of();
        List<String> cmd = WorkerCommand.of(
                os, request.javaHome(), kilnFlags, request.jvmArgs(), RuntimeClasspath.entries(), request.classpath());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        Map<String, String> built = WorkerEnvironment.build(System.getenv(), request.env(), os);
        env.clear();
        env.putAll(built);
        request.workingDirectory().ifPresent(d -> pb.directory(d.toFile()));
        Process p;
        long spawnNanos = System.nanoTime();
        try {
            p = pb.start();
        } catch (IOException e) {
            listener.close();
            throw new LaunchException(
                    "cannot run " + cmd.get(0) + ": " + e.getMessage() + ". Check the spec's javaHome ("
                            + request.javaHome() + ")",
                    e);
        }
        LocalProcess process = new LocalProcess(p);
        try {
            OutputStream stdin = process.stdin();
            stdin.write(listener.invitation().line().getBytes(StandardCharsets.US_ASCII));
            stdin.flush(); // stdin stays open: the worker exits when it closes (the host is gone)
        } catch (IOException e) {
            // The process died at once; the host reports it, with its stderr, when it sees the exit.
        }
        return new LaunchedWorker(process, spawnNanos, listener.accepted(), listener.doorbellName(), listener);
    }
}
