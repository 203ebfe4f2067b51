package dev.kiln.launch;

import dev.kiln.host.HandshakeWatch;
import dev.kiln.host.LaunchedWorker;
import dev.kiln.host.WorkerLine;
import dev.kiln.os.ProcessPriority;
import dev.kiln.platform.OsFamily;
import dev.kiln.wire.Invitation;
import dev.kiln.wire.SharedResults;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Starts workers on this machine: a JVM spawned with an environment built from scratch, the
 * invitation written on its stdin, its connection a pair of named pipes the host made ahead
 * ({@link NamedPipes}, Linux) or a loopback listener's.
 */
public final class LocalLauncher implements WorkerLauncher {
    private final OsFamily os;
    /** Where this machine's workers make their shared-memory files, when it has a place for them. */
    private final Optional<Path> sharedFolder;
    /** Named pipes for workers' connections, where this OS has them. */
    private final Optional<NamedPipes> pipes;

    public LocalLauncher(OsFamily os) {
        this.os = os;
        this.sharedFolder = SharedResults.folder(os);
        this.pipes = NamedPipes.forOs(os);
    }

    /**
     * How a worker gets in: what the host waits with, the line it gets, and when the handshake is
     * over (the worker is in, or gone).
     */
    private record Way(
            HandshakeWatch watch,
            CompletableFuture<WorkerLine> line,
            CompletableFuture<?> over,
            Invitation invitation) {}

    /** A pair of named pipes when one is ready, else a loopback listener. */
    private Way way() throws IOException {
        Optional<Path> pair = pipes.flatMap(NamedPipes::take);
        if (pair.isPresent()) {
            try {
                PipeHandshake h = new PipeHandshake(pair.get());
                return new Way(h, CompletableFuture.completedFuture(h), h.over(), h.invitation());
            } catch (IOException e) {
                // A pair that cannot be opened (its folder removed under the host): this worker connects over loopback.
            }
        }
        HandshakeListener l = new HandshakeListener();
        return new Way(l, l.accepted().thenApply(WorkerLine::of), l.accepted(), l.invitation());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file: the OS cleans its temp folder
        }
    }

    @Override
    public LaunchedWorker launch(LaunchRequest request) throws LaunchException {
        List<String> kilnFlags = LaunchFlags.of(
                request.javaHome(),
                RuntimeClasspath.entries(),
                request.jvmArgs(),
                request.classDataSharing() && ClassDataSharing.allowedByHost(),
                request.cacheDir());
        List<String> cmd = WorkerCommand.of(
                os, request.javaHome(), kilnFlags, request.jvmArgs(), RuntimeClasspath.entries(), request.classpath());
        Path argumentFile = null;
        if (WorkerCommand.needsArgumentFile(cmd)) {
            try {
                argumentFile = Files.createTempFile("kiln-worker-", ".args"); // owner-only where POSIX
                Files.writeString(argumentFile, WorkerCommand.argumentFileText(cmd.subList(1, cmd.size())));
            } catch (IOException e) {
                throw new LaunchException("cannot write the worker's argument file: " + e.getMessage(), e);
            }
            cmd = WorkerCommand.withArgumentFile(cmd, argumentFile);
        }
        cmd = SigintAtBirth.here().command(cmd);
        WorkerPriority priority = WorkerPriority.of(os, request.lowPriority());
        cmd = priority.command(cmd);
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
            String check = priority.commandPrefix().isEmpty()
                    ? "Check the spec's javaHome (" + request.javaHome() + ")"
                    : "A low-priority worker starts under " + cmd.get(0) + ": put it on the PATH, or turn"
                            + " lowPriority off";
            throw new LaunchException("cannot run " + cmd.get(0) + ": " + e.getMessage() + ". " + check, e);
        }
        try {
            priority.afterSpawn(p.pid(), ProcessPriority::windows);
        } catch (IllegalStateException e) {
            p.destroyForcibly();
            throw new LaunchException(
                    e.getMessage() + ". Turn lowPriority off to start the worker at normal priority", e);
        }
        // Opened while the worker's JVM boots, not before it is spawned: the worker learns where to connect from its
        // invitation on stdin, which it reads only once its JVM is up.
        Way way;
        try {
            way = way();
        } catch (IOException e) {
            p.destroyForcibly();
            if (argumentFile != null) {
                deleteQuietly(argumentFile);
            }
            throw new LaunchException(
                    "cannot open a loopback listener for worker " + request.name() + ": " + e.getMessage(), e);
        }
        LocalProcess process = new LocalProcess(p);
        if (argumentFile != null) {
            Path read = argumentFile; // the launcher reads it before the JVM starts: gone once the worker is in or out
            CompletableFuture.anyOf(way.over(), process.onExit()).whenComplete((r, e) -> deleteQuietly(read));
        }
        Invitation invitation = way.invitation();
        Optional<Path> sharedResults = sharedFolder.map(
                f -> f.resolve("kiln-results-" + way.invitation().doorbellName()));
        if (sharedResults.isPresent()) {
            invitation = invitation.withResultsFile(sharedResults.get().toString());
        }
        try {
            OutputStream stdin = process.stdin();
            stdin.write(invitation.line().getBytes(StandardCharsets.US_ASCII));
            stdin.flush(); // stdin stays open: the worker exits when it closes (the host is gone)
        } catch (IOException e) {
            // The process died at once; the host reports it, with its stderr, when it sees the exit.
        }
        return new LaunchedWorker(
                process, spawnNanos, way.line(), invitation.doorbellName(), way.watch(), sharedResults);
    }
}
