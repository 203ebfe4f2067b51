package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** How a worker is born with SIGINT at its default disposition when its host ignores it, per OS. */
class SigintAtBirthTest {
    private static final List<String> JAVA = List.of("/jdk/bin/java", "-cp", "kiln.jar", "Main");

    /** Counts how often env's support was asked about, and answers {@code answer}. */
    private static final class EnvProbe implements BooleanSupplier {
        final AtomicInteger asked = new AtomicInteger();
        final boolean answer;

        EnvProbe(boolean answer) {
            this.answer = answer;
        }

        @Override
        public boolean getAsBoolean() {
            asked.incrementAndGet();
            return answer;
        }
    }

    @Test
    void aHostThatDoesNotIgnoreSigintAddsNothingAndRunsNoProbe() {
        for (OsFamily os : OsFamily.values()) {
            EnvProbe env = new EnvProbe(true);
            SigintAtBirth born = SigintAtBirth.of(os, false, null, env);
            assertThat(born.command(JAVA)).as(os.name()).isEqualTo(JAVA);
            assertThat(born.workerMayBeBornIgnoring()).as(os.name()).isFalse();
            assertThat(env.asked).as(os.name()).hasValue(0);
        }
    }

    @Test
    void onLinuxEnvResetsSigintAndExecsTheJvmSoTheWorkerNeedsNoLibc() {
        SigintAtBirth born = SigintAtBirth.of(OsFamily.LINUX, true, null, new EnvProbe(true));
        List<String> cmd = born.command(JAVA);
        assertThat(cmd).startsWith("/usr/bin/env", "--default-signal=INT");
        assertThat(cmd.subList(2, cmd.size()))
                .as("the JVM's command follows, whole")
                .isEqualTo(JAVA);
        assertThat(born.workerMayBeBornIgnoring()).isFalse();
    }

    @Test
    void anEnvWithoutTheOptionOrTheLibcPropertyLeavesTheResetToTheWorker() {
        SigintAtBirth busybox = SigintAtBirth.of(OsFamily.LINUX, true, null, new EnvProbe(false));
        assertThat(busybox.command(JAVA)).isEqualTo(JAVA);
        assertThat(busybox.workerMayBeBornIgnoring()).isTrue();

        EnvProbe env = new EnvProbe(true);
        SigintAtBirth libc = SigintAtBirth.of(OsFamily.LINUX, true, "libc", env);
        assertThat(libc.command(JAVA)).isEqualTo(JAVA);
        assertThat(libc.workerMayBeBornIgnoring()).isTrue();
        assertThat(env.asked).as("not probed when the property says libc").hasValue(0);
    }

    @Test
    void onMacosOtherUnixesAndWindowsTheWorkerResetsItItself() {
        for (OsFamily os : List.of(OsFamily.MACOS, OsFamily.OTHER_UNIX, OsFamily.WINDOWS)) {
            EnvProbe env = new EnvProbe(true);
            SigintAtBirth born = SigintAtBirth.of(os, true, null, env);
            assertThat(born.command(JAVA)).as(os.name()).isEqualTo(JAVA);
            assertThat(born.workerMayBeBornIgnoring()).as(os.name()).isTrue();
            assertThat(env.asked).as(os.name()).hasValue(0);
        }
    }
}
