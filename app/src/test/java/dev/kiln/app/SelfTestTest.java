package dev.kiln.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelfTestTest {
    @Test
    void namesTheModuleTheAppRunsIn() {
        Module named = ModuleLayer.boot().findModule("java.base").orElseThrow();
        assertThat(SelfTest.describe(named)).isEqualTo("module java.base");
    }

    @Test
    void saysWhenTheAppRunsFromTheClassPath() {
        // The tests run on the class path, so this class is in the unnamed module.
        assertThat(SelfTest.describe(SelfTestTest.class.getModule())).isEqualTo("the unnamed module (class path)");
    }
}
