package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.launch.NamedPipes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local process that floods a worker's handshake port with silent connections cannot
 * keep the worker from starting. The workers here connect over loopback (the host property
 * {@code kiln.pipes=false}), as they do on Windows and macOS: on Linux they are otherwise given
 * named pipes that only this user can open, and have no port. This test is that process: it watches /proc/net for the
 * listening ports this JVM opens, as any local user could, and floods each one the moment it
 * appears; the workers start on a JDK whose java waits a moment first, so the flood always
 * comes before the worker.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "finds the listener's port in /proc/net, runs a /bin/sh wrapper")
class ListenerFloodTest {
    private static final int CONNECTIONS_PER_PORT = 100;

    @Test
    void workersStartWhileTheirHandshakePortIsFlooded(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("slow-jdk");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(
                java,
                "#!/bin/sh\nsleep 1\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Set<Integer> before = listeningPorts();
        List<Socket> flood = new CopyOnWriteArrayList<>();
        AtomicBoolean on = new AtomicBoolean(true);
        Thread attacker = new Thread(
                () -> {
                    Set<Integer> flooded = new HashSet<>(before);
                    while (on.get()) {
                        for (int port : listeningPorts()) {
                            if (flooded.add(port)) {
                                for (int i = 0; i < CONNECTIONS_PER_PORT; i++) {
                                    try {
                                        flood.add(new Socket(InetAddress.getLoopbackAddress(), port));
                                    } catch (IOException e) {
                                        break; // the listener closed
                                    }
                                }
                            }
                        }
                        Thread.onSpinWait();
                    }
                },
                "flooder");
        attacker.start();
        String pipes = System.getProperty(NamedPipes.PROPERTY);
        System.setProperty(NamedPipes.PROPERTY, "false");
        try {
            for (int i = 0; i < 3; i++) {
                try (Worker w = Worker.start(
                        WorkerSpec.builder().echoOutput(false).javaHome(home).build())) {
                    assertThat(w.callFetch(() -> 6 * 7)).isEqualTo(42);
                }
            }
            assertThat(flood.size()).as("connections the flood made").isGreaterThanOrEqualTo(CONNECTIONS_PER_PORT);
        } finally {
            if (pipes == null) {
                System.clearProperty(NamedPipes.PROPERTY);
            } else {
                System.setProperty(NamedPipes.PROPERTY, pipes);
            }
            on.set(false);
            attacker.join();
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    /** Loopback TCP ports in the LISTEN state whose sockets belong to this process. */
    private static Set<Integer> listeningPorts() {
        Set<String> mine = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        mine.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && mine.contains(f[9])) {
                    String local = f[1];
                    ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
