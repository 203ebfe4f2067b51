package dev.kiln.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.RemoteCallable;
import dev.kiln.RemoteRunnable;
import dev.kiln.host.CallPayloads;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LambdaReferenceTest {
    private static final LambdaReference.Classes HERE =
            name -> Class.forName(name, false, LambdaReferenceTest.class.getClassLoader());
    static final AtomicInteger RUNS = new AtomicInteger();

    @Test
    void aLambdaThatCapturesNothingIsMadeAgainFromItsReference() throws Exception {
        RemoteCallable<Integer> answer = () -> 6 * 7;
        byte[] form = LambdaReference.encode(answer);
        assertThat(form).isNotNull();
        assertThat(LambdaReference.isReference(form)).isTrue();

        Object made = LambdaReference.decode(form, HERE);
        assertThat(made).isInstanceOf(Callable.class);
        assertThat(((Callable<?>) made).call()).isEqualTo(42);
    }

    @Test
    void aLambdasBodyStandsForItReturningAndThrowingWhatItDoes() throws Exception {
        RemoteCallable<Integer> failing = () -> {
            throw new IOException("disk full");
        };
        Object made = LambdaReference.decode(LambdaReference.encode(failing), HERE);
        assertThatThrownBy(((Callable<?>) made)::call)
                .as("a checked exception, as it was thrown")
                .isExactlyInstanceOf(IOException.class)
                .hasMessage("disk full");

        RemoteCallable<int[]> array = () -> new int[] {1, 2};
        assertThat(((Callable<?>) LambdaReference.decode(LambdaReference.encode(array), HERE)).call())
                .isEqualTo(new int[] {1, 2});

        RemoteRunnable counting = () -> RUNS.incrementAndGet();
        Object run = LambdaReference.decode(LambdaReference.encode(counting), HERE);
        int before = RUNS.get();
        ((Runnable) run).run();
        assertThat(RUNS.get()).isEqualTo(before + 1);
        assertThat(run.getClass().getName())
                .as("its body, not a lambda made for it")
                .startsWith(LambdaReference.class.getName());
    }

    @Test
    void methodReferencesAndRunnablesToo() throws Exception {
        RemoteCallable<String> empty = String::new;
        RemoteRunnable count = LambdaReferenceTest::countRun;
        assertThat(((RemoteCallable<?>) LambdaReference.decode(LambdaReference.encode(empty), HERE)).call())
                .isEqualTo("");
        int before = RUNS.get();
        ((RemoteRunnable) LambdaReference.decode(LambdaReference.encode(count), HERE)).run();
        assertThat(RUNS.get()).isEqualTo(before + 1);
    }

    private static void countRun() {
        RUNS.incrementAndGet();
    }

    @Test
    void aLambdaThatCapturesValuesHasNoReference() {
        int x = 7;
        RemoteCallable<Integer> capturing = () -> x * 6;
        assertThat(LambdaReference.encode(capturing)).isNull();
        assertThat(LambdaReference.encode(new Object())).isNull();
    }

    @Test
    void callPayloadsSendReferencesForLambdasThatCaptureNothingAndJavaSerializationForTheRest() {
        int x = 7;
        RemoteCallable<Integer> capturing = () -> x * 6;
        RemoteCallable<Integer> plain = () -> 1;
        assertThat(LambdaReference.isReference(CallPayloads.of(plain))).isTrue();
        byte[] serialized = CallPayloads.of(capturing);
        assertThat(LambdaReference.isReference(serialized)).isFalse();
        assertThat(Arrays.copyOf(serialized, 2)).containsExactly(0xac, 0xed);
    }

    @Test
    void aReferenceToALambdaTheClassDoesNotMakeIsRefused() throws Exception {
        RemoteCallable<Integer> answer = () -> 42;
        byte[] form = LambdaReference.encode(answer);
        // The same reference, its implementation method renamed (same length): the class makes no such lambda.
        String text = new String(form, ISO_8859_1);
        int at = text.indexOf("lambda$");
        assertThat(at).isPositive();
        form[at] = 'L';
        assertThatThrownBy(() -> LambdaReference.decode(form, HERE))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("no such serializable lambda in " + LambdaReferenceTest.class.getName());
    }

    @Test
    void aTruncatedReferenceOrAnUnknownClassIsAClearError() {
        RemoteCallable<Integer> answer = () -> 42;
        byte[] form = LambdaReference.encode(answer);
        assertThatThrownBy(() -> LambdaReference.decode(Arrays.copyOf(form, form.length - 3), HERE))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> LambdaReference.decode(Arrays.copyOf(form, form.length + 1), HERE))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("1 bytes too many");
        assertThatThrownBy(() -> LambdaReference.decode(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5}, HERE))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("not a lambda reference");

        String text = new String(form, ISO_8859_1);
        int at = text.indexOf("LambdaReferenceTest");
        form[at] = 'X'; // the making class, renamed
        assertThatThrownBy(() -> LambdaReference.decode(form, HERE)).isInstanceOf(ClassNotFoundException.class);
    }
}
