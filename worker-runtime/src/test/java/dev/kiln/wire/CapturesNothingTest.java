package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.RemoteCallable;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

class CapturesNothingTest {
    @Test
    void onlyLambdasWithoutCapturedValuesQualify() {
        RemoteCallable<Integer> plain = () -> 42;
        int x = 7;
        RemoteCallable<Integer> capturing = () -> x * 6;
        RemoteCallable<String> methodRef = String::new;
        assertThat(CapturesNothing.test(plain.getClass())).isTrue();
        assertThat(CapturesNothing.test(methodRef.getClass())).isTrue();
        assertThat(CapturesNothing.test(capturing.getClass())).as("captures x").isFalse();
        assertThat(CapturesNothing.test(Stateless.class))
                .as("a class of ours, not a lambda")
                .isFalse();
        assertThat(CapturesNothing.test(Object.class)).isFalse();
    }

    static final class Stateless implements Serializable {}
}
