package dev.kiln.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.WorkerSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenSSH server for tests: its own host key, user key, authorized_keys and config in a
 * temporary folder, listening on a free loopback port; nothing of the system's configuration is
 * used or touched. The "remote" machine is this one, reached over SSH as the same user.
 */
public final class SshTestServer {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process sshd;
    private final StringBuffer log = new StringBuffer();

    private SshTestServer(Path dir, int port, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.sshd = sshd;
    }

    /** Starts a server in {@code dir}; skips the test (with how to fix it) when OpenSSH's server is not installed. */
    public static SshTestServer start(Path dir) throws Exception {
        assumeTrue(
                Files.isExecutable(SSHD),
                "OpenSSH's server (" + SSHD + ") is not installed: apt-get install openssh-server (.ci/run does)");
        Path privsep = Path.of("/run/sshd");
        try {
            Files.createDirectories(privsep);
        } catch (IOException e) {
            assumeTrue(
                    false,
                    "sshd needs its privilege separation folder " + privsep + ", which cannot be created: "
                            + e.getMessage());
        }
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("user_key"));
        Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                                "\n",
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
                                        "Subsystem sftp internal-sftp",
                                        "AllowTcpForwarding yes",
                                        ""))
                        + "\n");
        Files.writeString(
                dir.resolve("known_hosts"),
                "[127.0.0.1]:" + port + " "
                        + Files.readString(dir.resolve("host_key.pub")).strip() + "\n");
        Files.writeString(dir.resolve("ssh_config"), ""); // nothing of the user's ~/.ssh/config
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .start();
        SshTestServer server = new SshTestServer(dir, port, p);
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread drain = new Thread(() -> server.drain(listening), "sshd-log");
        drain.setDaemon(true);
        drain.start();
        try {
            CompletableFuture.anyOf(listening, p.onExit()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.stop();
            throw new IllegalStateException("sshd did not start listening:\n" + server.log, e);
        }
        if (!listening.isDone()) {
            throw new IllegalStateException("sshd exited with " + p.exitValue() + ":\n" + server.log);
        }
        return server;
    }

    private void drain(CompletableFuture<Void> listening) {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(sshd.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
                if (line.contains("Server listening on")) {
                    listening.complete(null);
                }
            }
        } catch (IOException ignored) {
            // sshd is gone
        }
    }

    /** Generates an ed25519 key pair without a passphrase: {@code file} and {@code file.pub}. */
    public static void keygen(Path file) throws Exception {
        Process p = new ProcessBuilder(
                        "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kiln-test", "-f", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + out);
        }
    }

    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    public Path userKey() {
        return dir.resolve("user_key");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public Path hostKeyPub() {
        return dir.resolve("host_key.pub");
    }

    /** An empty SSH config: the user's own is never read by the tests. */
    public Path sshConfig() {
        return dir.resolve("ssh_config");
    }

    /** Kiln's cache folder on the "remote" side. */
    public Path remoteCache() {
        return dir.resolve("remote-cache");
    }

    public String target() {
        return "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port;
    }

    /** A spec for a worker on this server, quiet, with the test's key, known hosts, config and cache. */
    public WorkerSpec.Builder spec() {
        return WorkerSpec.builder()
                .host(target())
                .sshIdentity(userKey())
                .sshKnownHosts(knownHosts())
                .sshConfig(sshConfig())
                .cacheDirectory(remoteCache())
                .echoOutput(false);
    }

    /** The options the launcher gets for {@link #spec()}. */
    public SshOptions options() {
        return new SshOptions(target(), userKey(), knownHosts(), sshConfig());
    }

    /** The server's log so far (sshd -e). */
    public String log() {
        return log.toString();
    }

    /**
     * Imitates a network drop: ends every session process of the server (its children, with SIGKILL),
     * not the listener; the processes the sessions ran lose their stdin and connection.
     */
    public void dropConnections() {
        sshd.children().forEach(session -> {
            session.descendants()
                    .filter(p -> p.info().command().orElse("").contains("sshd"))
                    .forEach(ProcessHandle::destroyForcibly);
            session.destroyForcibly();
        });
    }

    /** Stops the server and whatever its sessions still run. */
    public void stop() throws Exception {
        List<ProcessHandle> left = sshd.descendants().toList();
        left.forEach(ProcessHandle::destroyForcibly);
        sshd.destroy();
        if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
            sshd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle p : left) {
            p.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** How long a test waits for what should happen at once (a generous bound on a busy machine). */
    public static final Duration PROMPTLY = Duration.ofSeconds(10);
}
