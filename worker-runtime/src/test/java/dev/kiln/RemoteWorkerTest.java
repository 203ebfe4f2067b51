package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.ssh.SshTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers on another machine over SSH, through a private OpenSSH server on loopback: the
 * "remote" machine is this one, reached as the same user, which still runs every part of the
 * remote path (connection, host key and user key, the runtime copied to the remote cache, the
 * worker's connection inside the SSH connection, signals and measurements through exec channels).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs OpenSSH's server, /usr/sbin/sshd (Debian: openssh-server)")
class RemoteWorkerTest {
    @TempDir
    static Path tmp;

    static SshTestServer sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshTestServer.start(Files.createDirectories(tmp.resolve("sshd")));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.stop();
        }
    }

    @Test
    void aRemoteWorkerEvaluatesCallsAndRunsFromTheCopiedRuntime() throws Exception {
        try (Worker w = Worker.start(sshd.spec().build())) {
            assertThat(w.host()).isEqualTo(sshd.target());
            assertThat(w.evalFetch("int x = 2; x * 21")).isEqualTo(42);
            int base = 40;
            // The lambda's class (this test) is not on the remote class path: the worker fetches it from the host.
            assertThat(w.callFetch(() -> base + 2)).isEqualTo(42);
            assertThat(w.javaVersion()).isPresent();
            // The "remote" machine is this one: its process runs from Kiln's jars in the remote cache.
            String cmd =
                    ProcessHandle.of(w.pid()).orElseThrow().info().commandLine().orElse("");
            assertThat(cmd)
                    .contains(sshd.remoteCache().resolve("runtime").toString())
                    .contains("dev.kiln.worker.WorkerMain");
        }
        Path runtime = sshd.remoteCache().resolve("runtime");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runtime)))
                .isEqualTo("rwx------");
        List<Path> copied;
        try (Stream<Path> s = Files.walk(runtime)) {
            copied = s.filter(Files::isRegularFile).toList();
        }
        assertThat(copied)
                .isNotEmpty()
                .allMatch(f -> !f.getFileName().toString().startsWith("."));
        long before = Files.getLastModifiedTime(copied.get(0)).toMillis();
        try (Worker again = Worker.start(sshd.spec().build())) {
            assertThat(again.evalFetch("1 + 1")).isEqualTo(2);
        }
        // Copied once per content: a second worker finds every jar in place.
        assertThat(Files.getLastModifiedTime(copied.get(0)).toMillis()).isEqualTo(before);
        try (Stream<Path> s = Files.walk(runtime)) {
            assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(copied.size());
        }
    }

    @Test
    void aRemoteWorkersClassPathIsTheUsersCopiedJarsAndNoneOfKilns() throws Exception {
        Path jar = Files.createDirectories(tmp.resolve("user-jar")).resolve("greeting.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("kiln-remote-greeting.txt"));
            out.write("hello from the user's jar".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (Worker w = Worker.start(sshd.spec().classpath(List.of(jar)).build())) {
            String classPath = w.callFetch(() -> System.getProperty("java.class.path"));
            assertThat(classPath)
                    .as("the copy of the user's jar in the remote cache, alone")
                    .startsWith(sshd.remoteCache().toString())
                    .endsWith(".jar")
                    .doesNotContain(java.io.File.pathSeparator);
            assertThat(w.callFetch(() -> new String(
                            Thread.currentThread()
                                    .getContextClassLoader()
                                    .getResourceAsStream("kiln-remote-greeting.txt")
                                    .readAllBytes(),
                            StandardCharsets.UTF_8)))
                    .isEqualTo("hello from the user's jar");
            assertThat(w.callFetch(() -> Thread.currentThread()
                            .getContextClassLoader()
                            .getResource("com/esotericsoftware/kryo/Kryo.class")))
                    .as("Kiln's libraries are not the user's")
                    .isNull();
        }
    }

    @Test
    void outputArrivesInOrderAndStatsAreTheRemoteProcesses() throws Exception {
        try (Worker w = Worker.start(sshd.spec().build())) {
            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            w.onOutput(chunks::add);
            w.evalWait(
                    "for (int i = 0; i < 200; i++) System.out.println(\"line \" + i); System.err.println(\"oops\");");
            StringBuilder out = new StringBuilder();
            chunks.stream().filter(c -> c.stream() == StreamKind.STDOUT).forEach(c -> out.append(c.text()));
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                expected.append("line ").append(i).append('\n');
            }
            assertThat(out.toString()).isEqualTo(expected.toString());
            assertThat(chunks)
                    .anyMatch(c -> c.stream() == StreamKind.STDERR && c.text().contains("oops"));

            WorkerStats s = w.stats();
            assertThat(s.rssBytes()).isGreaterThan(10_000_000L);
            assertThat(s.heapUsedBytes()).isPositive();
            assertThat(s.cpuTime()).isPositive();
        }
    }

    @Test
    void interruptStopsRunningCodeAndTheRemoteWorkerGoesOn() throws Exception {
        try (Worker w = Worker.start(sshd.spec().build())) {
            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            w.interrupt();
            Throwable t = catchThrowable(() -> running.get(10, TimeUnit.SECONDS));
            assertThat(t)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(EvaluationInterruptedException.class);
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
        }
    }

    @Test
    void stopAndKillEndTheRemoteProcess() throws Exception {
        Worker w = Worker.start(sshd.spec().build());
        ProcessHandle remote = ProcessHandle.of(w.pid()).orElseThrow();
        assertThat(w.stop()).isTrue();
        assertThat(w.onExit().get(10, TimeUnit.SECONDS)).isZero();
        remote.onExit().get(10, TimeUnit.SECONDS);
        assertThat(w.state()).isEqualTo(WorkerState.EXITED);

        Worker k = Worker.start(sshd.spec().build());
        ProcessHandle killed = ProcessHandle.of(k.pid()).orElseThrow();
        k.kill();
        assertThat(k.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(137); // SIGKILL, as a local shell reports it
        killed.onExit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNestedWorkerRunsOnTheRemoteMachine() {
        try (Worker top = Worker.start(sshd.spec().build())) {
            long[] pids = top.callFetch(() -> {
                try (Worker inner =
                        Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
                    return new long[] {
                        ProcessHandle.current().pid(),
                        inner.callFetch(() -> ProcessHandle.current().pid())
                    };
                }
            });
            assertThat(pids[0]).isEqualTo(top.pid());
            assertThat(pids[1]).isNotEqualTo(pids[0]);
            assertThat(ProcessHandle.of(pids[1]).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
            assertThat(top.nestedWorkers()).singleElement().satisfies(n -> {
                assertThat(n.hostPid()).isEqualTo(top.pid());
                assertThat(n.state()).isEqualTo(WorkerState.EXITED);
            });
        }
    }

    @Test
    void aHostAliasOfTheSshConfigGivesHostNamePortUserAndKey() throws Exception {
        Path config = tmp.resolve("alias_config");
        Files.writeString(
                config,
                "Host kiln-test-box\n  HostName 127.0.0.1\n  Port " + sshd.port() + "\n  User "
                        + System.getProperty("user.name") + "\n  IdentityFile " + sshd.userKey() + "\n");
        WorkerSpec spec = WorkerSpec.builder()
                .host("kiln-test-box")
                .sshConfig(config)
                .sshKnownHosts(sshd.knownHosts())
                .cacheDirectory(sshd.remoteCache())
                .echoOutput(false)
                .build();
        try (Worker w = Worker.start(spec)) {
            assertThat(w.host()).isEqualTo("kiln-test-box");
            assertThat(w.callFetch(() -> 6 * 7)).isEqualTo(42);
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAClearStartFailure() throws Exception {
        Path stranger = tmp.resolve("stranger_key");
        SshTestServer.keygen(stranger);
        Throwable t = catchThrowable(
                () -> Worker.start(sshd.spec().sshIdentity(stranger).build()));
        assertThat(t)
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("did not accept the SSH key")
                .hasMessageContaining(stranger.toString())
                .hasMessageContaining("authorized_keys");
        assertThat(Worker.live()).isEmpty();
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty_known_hosts"), "");
        Throwable t = catchThrowable(
                () -> Worker.start(sshd.spec().sshKnownHosts(empty).build()));
        assertThat(t)
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("[127.0.0.1]:" + sshd.port())
                .hasMessageContaining("is not known")
                .hasMessageContaining("ED25519 key fingerprint is " + fingerprint(sshd.hostKeyPub()));
        assertThat(Files.readString(empty)).isEmpty(); // never written down

        Path other = tmp.resolve("other_host_key");
        SshTestServer.keygen(other);
        Path changed = Files.writeString(
                tmp.resolve("changed_known_hosts"),
                "[127.0.0.1]:" + sshd.port() + " " + Files.readString(Path.of(other + ".pub")));
        Throwable c = catchThrowable(
                () -> Worker.start(sshd.spec().sshKnownHosts(changed).build()));
        assertThat(c)
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("CHANGED")
                .hasMessageContaining(fingerprint(sshd.hostKeyPub()));
    }

    /** The SHA256 fingerprint as OpenSSH prints it ({@code ssh-keygen -l}). */
    private static String fingerprint(Path publicKey) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-f", publicKey.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out.split(" ")[1]; // "256 SHA256:... comment (ED25519)"
    }

    @Test
    void aRemoteWithoutAUsableJavaSaysWhichJavaWasTriedAndWhatItSaid() throws Exception {
        Throwable missing = catchThrowable(() ->
                Worker.start(sshd.spec().javaHome(Path.of("/nonexistent/jdk")).build()));
        assertThat(missing)
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("no usable Java on")
                .hasMessageContaining("/nonexistent/jdk/bin/java (from WorkerSpec.javaHome)")
                .hasMessageContaining("not found");

        Path old = Files.createDirectories(tmp.resolve("old-jdk/bin"));
        Path java = old.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'java version \"1.8.0_392\"' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        Throwable eight = catchThrowable(
                () -> Worker.start(sshd.spec().javaHome(old.getParent()).build()));
        assertThat(eight)
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("is Java 8")
                .hasMessageContaining("need Java 17 or newer")
                .hasMessageContaining("java version \"1.8.0_392\"");
        assertThat(Worker.live()).isEmpty();
    }

    @Test
    void aDroppedConnectionFailsPendingRequestsAtOnceAndTheRemoteWorkerEnds() throws Exception {
        Worker w = Worker.start(sshd.spec().build());
        ProcessHandle remote = ProcessHandle.of(w.pid()).orElseThrow();
        CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "Thread.sleep(600_000)");
        sshd.dropConnections();
        Throwable t = catchThrowable(() -> running.get(10, TimeUnit.SECONDS));
        assertThat(t)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(WorkerTerminatedException.class)
                .hasMessageContaining("SSH connection")
                .hasMessageContaining("was lost");
        assertThat(w.state()).isEqualTo(WorkerState.EXITED);
        // The worker's stdin and connection closed with the session: it ends by itself, within seconds.
        remote.onExit().get(10, TimeUnit.SECONDS);
        assertThat(catchThrowable(() -> w.evalFetch("1"))).isInstanceOf(WorkerTerminatedException.class);
        assertThat(Worker.live()).doesNotContain(w);
    }
}
