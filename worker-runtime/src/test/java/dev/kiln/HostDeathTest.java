package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A host killed with SIGKILL takes its (busy) workers with it; a host that exits starts none as it does. */
class HostDeathTest {
    @Test
    void aWorkerAskedForAsTheHostExitsIsRefusedWithAReasonNotSpawned() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process host = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), StartWhileExitingMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out)
                .as("what the host's shutdown hook got")
                .startsWith("REFUSED ")
                .contains("this JVM is exiting")
                .contains("Start workers before System.exit");
    }

    @Test
    void killedHostTakesItsBusyWorkersWithinThreeSeconds() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process host = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), HostMain.class.getName(), "5")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<Long> pids = new ArrayList<>();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("PIDS")) {
                // skip anything else the host prints
            }
            assertThat(line).as("the host printed its workers").isNotNull();
            for (String p : line.substring(5).trim().split(" ")) {
                pids.add(Long.parseLong(p));
            }
            assertThat(pids).hasSize(5);
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            }
            host.destroyForcibly(); // SIGKILL: no shutdown hook runs
            host.waitFor(5, TimeUnit.SECONDS);
            long killedAt = System.nanoTime();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    long left = 3_000_000_000L - (System.nanoTime() - killedAt);
                    try {
                        h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
                    } catch (Exception e) {
                        // checked below
                    }
                });
            }
            assertThat((System.nanoTime() - killedAt) / 1_000_000).isLessThan(3_000);
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as("worker %d is gone", pid)
                        .isFalse();
            }
        } finally {
            host.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
