package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.launch.SigintAtBirth;
import dev.kiln.os.InterruptDoorbell;
import dev.kiln.platform.OsFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The OS doorbell (SIGINT on POSIX) stops running code and never kills the worker. How the
 * host escalates to it when an interrupt message goes unconfirmed is shown by
 * InterruptEscalationTest.
 */
@EnabledOnOs(
        value = {OS.LINUX, OS.MAC},
        disabledReason = "sends SIGINT with the kill command")
class DoorbellTest {
    private static void sigint(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void sigintFromOutsideStopsTheEvaluationAndTheWorkerLives() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            w.evalWait("1");
            // SIGINT while idle: nothing runs, nothing happens.
            sigint(w.pid());
            assertThat(w.callFetch(() -> 5)).isEqualTo(5);
            assertThat(w.isRunning()).isTrue();

            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            sigint(w.pid());
            Throwable t = catchThrowable(() -> running.get(5, TimeUnit.SECONDS));
            assertThat(t).hasCauseInstanceOf(EvaluationInterruptedException.class);
            assertThat(w.isRunning()).isTrue();
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
        }
    }

    @Test
    void theHostsOwnDoorbellStopsARunningEvaluation() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            // The host's ring (the kill command on POSIX), as Worker.interrupt uses it after an unconfirmed message.
            InterruptDoorbell.forOs(OsFamily.current()).ring(w.pid(), "");
            Throwable t = catchThrowable(() -> running.get(5, TimeUnit.SECONDS));
            assertThat(t).hasCauseInstanceOf(EvaluationInterruptedException.class);
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
        }
    }

    @Test
    void aRingRightAfterTheWorkerIsReadyNeverEndsIt() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
                // The host may ring as soon as it has the worker's hello: the doorbell is in place by then.
                InterruptDoorbell.forOs(OsFamily.current()).ring(w.pid(), "");
                assertThat(w.callFetch(() -> 6 * 7)).isEqualTo(42);
                assertThat(w.isRunning()).isTrue();
            }
        }
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "reads the host's ignored signals from /proc")
    void aHostBornWithSigintIgnoredStartsWorkersThatDoNotIgnoreItAndTheirDoorbellStopsCode() throws Exception {
        // env --default-signal=INT between the host and the worker's JVM: the worker needs no libc (JNA) to reset it.
        assertThat(runHostWithSigintIgnored())
                .containsExactly(
                        "IGNORED true", "WORKER IGNORES false", "WORKER LOADED JNA false", "STOPPED", "NEXT 2");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "reads the host's ignored signals from /proc")
    void aWorkerBornWithSigintIgnoredResetsItThroughLibcAndItsDoorbellStillStopsCode() throws Exception {
        // As on a system whose env lacks --default-signal: the worker inherits SIG_IGN and resets it through libc
        // (JNA).
        assertThat(runHostWithSigintIgnored("-D" + SigintAtBirth.PROPERTY + "=libc"))
                .containsExactly("IGNORED true", "WORKER IGNORES false", "WORKER LOADED JNA true", "STOPPED", "NEXT 2");
    }

    /** Runs {@link SigintIgnoredHostMain} with SIGINT ignored from birth ({@code trap '' INT}); its lines. */
    private static List<String> runHostWithSigintIgnored(String... jvmFlags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process host = new ProcessBuilder(
                        "sh",
                        "-c",
                        "trap '' INT; exec \"$0\" " + String.join(" ", jvmFlags) + " -cp \"$1\" "
                                + SigintIgnoredHostMain.class.getName(),
                        java,
                        System.getProperty("java.class.path"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(host.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return out.lines().toList();
    }
}
