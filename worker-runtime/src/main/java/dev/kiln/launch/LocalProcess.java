package dev.kiln.launch;

import dev.kiln.host.WorkerProcess;
import dev.kiln.os.InterruptDoorbell;
import dev.kiln.os.ProcessMetrics;
import dev.kiln.platform.OsFamily;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A worker process on this machine: a {@link Process}, measured and rung through this OS's means. */
final class LocalProcess implements WorkerProcess {
    private static final ProcessMetrics METRICS = ProcessMetrics.forOs(OsFamily.current());

    private final Process process;
    private final CompletableFuture<Integer> exit;

    LocalProcess(Process process) {
        this.process = process;
        this.exit = process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void terminate() {
        process.destroy();
    }

    @Override
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void ringDoorbell(String doorbellName) {
        // Loaded on first ring: the POSIX doorbell's kill() goes through JNA, which a host that never
        // rings does not need to load.
        InterruptDoorbell.forOs(OsFamily.current()).ring(pid(), doorbellName);
    }

    @Override
    public long residentBytes() {
        return METRICS.rssBytes(pid());
    }

    @Override
    public Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }
}
