package dev.kiln.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void aWorkersRowNamesTheMachineOfItsTargetWithoutUserSchemeOrPort() {
        assertThat(Format.machine("me@build-box")).isEqualTo("build-box");
        assertThat(Format.machine("build-box")).isEqualTo("build-box");
        assertThat(Format.machine("ssh://me@build-box:2222")).isEqualTo("build-box");
        assertThat(Format.machine("ssh://10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(Format.machine("ssh://me@[::1]:22")).isEqualTo("::1");
        assertThat(Format.machine("me@[fe80::1]")).isEqualTo("fe80::1");
    }
}
