package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JVM's own verdict on a new worker's flags (a real {@code java -version}). */
class JvmFlagCheckTest {
    private static Optional<String> check(String... flags) throws Exception {
        WorkerSpec spec = WorkerSpec.builder().jvmArgs(flags).build();
        return JvmFlagCheck.check(spec, Duration.ofSeconds(30), Background.POOL).get(60, TimeUnit.SECONDS);
    }

    @Test
    void flagsTheJvmTakesPass() throws Exception {
        assertThat(check("-Xmx64m", "-XX:+UseSerialGC", "-Dkiln.demo=yes")).isEmpty();
    }

    @Test
    void aRefusedFlagComesBackInTheJvmsOwnWords() throws Exception {
        assertThat(check("-Xmx=garbage"))
                .hasValueSatisfying(m -> assertThat(m).isEqualTo("Invalid maximum heap size: -Xmx=garbage"));
        assertThat(check("-XX:+KilnNoSuchFlag"))
                .hasValueSatisfying(m -> assertThat(m).contains("Unrecognized VM option 'KilnNoSuchFlag'"));
        assertThat(check("-Xmx1k")).hasValueSatisfying(m -> assertThat(m).containsIgnoringCase("too small"));
    }

    @Test
    void theHostsJavaOptionVariablesDoNotCountButTheSpecsEnvironmentDoes() throws Exception {
        WorkerSpec spec = WorkerSpec.builder()
                .jvmArgs("-Xmx64m")
                .env("JAVA_TOOL_OPTIONS", "-XX:+KilnNoSuchFlag")
                .build();
        assertThat(JvmFlagCheck.check(spec, Duration.ofSeconds(30), Background.POOL)
                        .get(60, TimeUnit.SECONDS))
                .hasValueSatisfying(m -> assertThat(m).contains("KilnNoSuchFlag"));
        assertThat(JvmFlagCheck.HOST_JAVA_OPTIONS).contains("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    }

    @Test
    void onlyFlagsOrAnotherJdkNeedACheck() {
        assertThat(JvmFlagCheck.needed(WorkerSpec.builder().build())).isFalse();
        assertThat(JvmFlagCheck.needed(WorkerSpec.builder().jvmArgs("-Xmx64m").build()))
                .isTrue();
    }

    @Test
    void aWorkerOnAnotherMachineIsNotCheckedWithThisMachinesJava() {
        WorkerSpec remote = WorkerSpec.builder()
                .host("me@build-box")
                .javaHome(java.nio.file.Path.of("/opt/jdk-21"))
                .jvmArgs("-Xmx32g")
                .build();
        assertThat(JvmFlagCheck.needed(remote)).isFalse();
    }

    @Test
    void theReasonSkipsTheLaunchersGenericLines() {
        assertThat(JvmFlagCheck.reason("Error occurred during initialization of VM\nToo small maximum heap\n", 1))
                .isEqualTo("Too small maximum heap");
        assertThat(JvmFlagCheck.reason("", 3)).isEqualTo("java -version exited with code 3");
    }
}
