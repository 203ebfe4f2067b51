package dev.kiln.app.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.WorkerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFormTest {
    @Test
    void emptyFormIsTheDefaultSpecWithoutEcho() {
        WorkerSpec s = new SpecForm("", "", "", "", "", "", "").toSpec();
        assertThat(s.name()).isEmpty();
        assertThat(s.usesHostJdk()).isTrue();
        assertThat(s.jvmArgs()).isEmpty();
        assertThat(s.echoOutput()).isFalse();
    }

    @Test
    void everyFieldLandsInTheSpec(@TempDir Path dir) {
        WorkerSpec s = new SpecForm(
                        "demo",
                        System.getProperty("java.home"),
                        "256m",
                        "-XX:+UseSerialGC  -Dk=v",
                        "A=1\nB=x=y\n",
                        dir.toString(),
                        dir.toString())
                .toSpec();
        assertThat(s.name()).contains("demo");
        assertThat(s.jvmArgs()).containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-Dk=v");
        assertThat(s.env()).isEqualTo(Map.of("A", "1", "B", "x=y"));
        assertThat(s.classpath()).isEqualTo(List.of(dir.toAbsolutePath().normalize()));
        assertThat(s.workingDirectory()).contains(dir.toAbsolutePath().normalize());
    }

    @Test
    void wrongFieldsSayWhatToFix() {
        assertThatThrownBy(() -> new SpecForm("", "", "lots", "", "", "", "").toSpec())
                .hasMessageContaining("Max heap")
                .hasMessageContaining("512m");
        assertThatThrownBy(() -> new SpecForm("", "", "", "", "NOVALUE", "", "").toSpec())
                .hasMessageContaining("NAME=value");
        assertThatThrownBy(() -> new SpecForm("", "/nonexistent/jdk", "", "", "", "", "").toSpec())
                .hasMessageContaining("bin/java");
    }
}
