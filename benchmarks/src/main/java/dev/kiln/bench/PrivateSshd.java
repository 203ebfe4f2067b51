package dev.kiln.bench;

import dev.kiln.WorkerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An OpenSSH server of the benchmarks' own, on a free loopback port, with keys and configuration
 * in a temporary folder (nothing of the system's is used or touched): the "other machine" of
 * the SSH rows is this one, reached over SSH as the same user.
 */
final class PrivateSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process sshd;

    private PrivateSshd(Path dir, int port, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.sshd = sshd;
    }

    /** A running server, or empty with the reason when this machine cannot run one. */
    static Optional<PrivateSshd> start(StringBuilder whyNot) throws Exception {
        if (!Files.isExecutable(SSHD)) {
            whyNot.append("no OpenSSH server here (" + SSHD + "; Debian: apt-get install openssh-server)");
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("kiln-bench-sshd");
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("user_key"));
        Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.write(
                config,
                List.of(
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + dir.resolve("host_key"),
                        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                        "PidFile " + dir.resolve("sshd.pid"),
                        "UsePAM no",
                        "StrictModes no",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PermitRootLogin prohibit-password",
                        "AllowTcpForwarding yes"));
        Files.writeString(
                dir.resolve("known_hosts"),
                "[127.0.0.1]:" + port + " "
                        + Files.readString(dir.resolve("host_key.pub")).strip() + "\n");
        Files.writeString(dir.resolve("ssh_config"), "");
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Boolean> listening =
                CompletableFuture.supplyAsync(() -> waitForListening(p.getInputStream()));
        Boolean up;
        try {
            up = listening.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            up = null; // neither listening nor gone: the rest of the run goes on without the SSH rows
        }
        if (!Boolean.TRUE.equals(up)) {
            p.destroyForcibly();
            whyNot.append(
                    up == null
                            ? "the private sshd did not say it listens within 30 s"
                            : "the private sshd did not start (exit " + p.waitFor() + ")");
            return Optional.empty();
        }
        return Optional.of(new PrivateSshd(dir, port, p));
    }

    private static boolean waitForListening(InputStream log) {
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.contains("Server listening on")) {
                    // Keep draining in the background so that sshd never blocks on its log.
                    Thread drain = new Thread(() -> drainQuietly(r), "sshd-log");
                    drain.setDaemon(true);
                    drain.start();
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static void drainQuietly(java.io.BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // discarded
            }
        } catch (IOException ignored) {
            // sshd is gone
        }
    }

    private static void keygen(Path file) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + out);
        }
    }

    /** A quiet worker on this server, with the server's keys and a cache folder of its own. */
    WorkerSpec spec() {
        return WorkerSpec.builder()
                .host("ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port)
                .sshIdentity(dir.resolve("user_key"))
                .sshKnownHosts(dir.resolve("known_hosts"))
                .sshConfig(dir.resolve("ssh_config"))
                .cacheDirectory(dir.resolve("remote-cache"))
                .echoOutput(false)
                .build();
    }

    /** Stops the server and whatever its sessions still run. */
    @Override
    public void close() {
        sshd.descendants().forEach(ProcessHandle::destroyForcibly);
        sshd.destroy();
        sshd.onExit().completeOnTimeout(sshd, 10, TimeUnit.SECONDS).join();
        sshd.destroyForcibly();
        try {
            Scratch.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("could not delete the private sshd's folder " + dir + ": " + e);
        }
    }
}
