package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every request gets exactly one outcome, whatever user code did to {@code System.out},
 * {@code System.err} or the heap: the worker's reply path depends on none of them.
 */
class ReplyReliabilityTest {
    /** Far longer than any answer takes; a request that gets no outcome fails the test instead of hanging it. */
    static final Duration PROMPTLY = TestTime.generous(Duration.ofSeconds(30));

    static <T> T answer(CompletableFuture<T> request) throws Exception {
        return request.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static WorkerSpec quiet() {
        return WorkerSpec.builder().echoOutput(false).build();
    }

    @Test
    void callsAndEvaluationsAnswerAfterSystemOutIsSetToNull() throws Exception {
        try (Worker w = Worker.start(quiet())) {
            List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
            w.onOutput(chunks::add);
            assertThat(answer(w.eval("System.setOut(null); 1"))).isEqualTo(1);
            assertThat(answer(w.eval("1 + 1"))).isEqualTo(2);
            assertThat(answer(w.call(() -> 6 * 7))).isEqualTo(42);
            answer(w.call(() -> {
                System.setOut(null);
                return null;
            }));
            assertThat(answer(w.call(() -> {
                        System.err.println("stderr still arrives");
                        return 3;
                    })))
                    .isEqualTo(3);
            assertThat(answer(w.eval("System.err.println(\"and from a snippet\"); 4")))
                    .isEqualTo(4);
            assertThat(chunks.stream()
                            .filter(c -> c.stream() == StreamKind.STDERR)
                            .map(OutputChunk::text)
                            .reduce("", String::concat))
                    .contains("stderr still arrives")
                    .contains("and from a snippet");
        }
    }

    @Test
    void callsAndEvaluationsAnswerWhenSystemErrCannotFlush() throws Exception {
        try (Worker w = Worker.start(quiet())) {
            answer(w.call(ReplyReliabilityTest::setAnErrThatCannotFlush));
            assertThat(answer(w.call(() -> 6 * 7))).isEqualTo(42);
            assertThat(answer(w.eval("2 + 2"))).isEqualTo(4);
            assertThat(answer(w.eval("System.setOut(System.err); 5"))).isEqualTo(5);
            assertThat(answer(w.call(() -> 6))).isEqualTo(6);
        }
    }

    /** Runs in the worker (a static method: its anonymous class holds no test instance). */
    static Object setAnErrThatCannotFlush() {
        System.setErr(new PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void flush() {
                throw new IllegalStateException("this stream cannot flush");
            }
        });
        return null;
    }

    /**
     * A call whose result fills the heap as it is encoded: the encoding runs out of memory, the
     * request fails saying so, and the worker answers the next request.
     */
    @Test
    void aResultThatDoesNotFitTheHeapAsItIsSentFailsWithOutOfMemoryAndTheWorkerGoesOn() throws Exception {
        try (Worker w = Worker.start(
                WorkerSpec.builder().echoOutput(false).jvmArgs("-Xmx64m").build())) {
            Throwable t = catchThrowable(() -> answer(w.call(() -> {
                List<long[]> hog = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    hog.add(new long[32 * 1024]); // 30 MB in all, in pieces a 64 MB heap holds; encoded, 30 more
                }
                return hog;
            })));
            assertThat(t).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RemoteException.class);
            assertThat(t.getCause())
                    .hasMessageContaining("OutOfMemoryError")
                    .hasMessageContaining("while sending the result");
            assertThat(answer(w.call(() -> 1 + 1))).isEqualTo(2);
            assertThat(answer(w.eval("1 + 1"))).isEqualTo(2);
        }
    }

    /**
     * Code that fills the heap to the brim and returns what filled it: its reply cannot be built.
     * The request gets an outcome promptly, and so does the next one: an answer when the worker
     * could go on, else a termination that says OutOfMemoryError.
     */
    @Test
    void aHeapFilledToTheBrimStillGetsEveryRequestAnswered() throws Exception {
        try (Worker w = Worker.start(
                WorkerSpec.builder().echoOutput(false).jvmArgs("-Xmx64m").build())) {
            assertOutOfMemoryOutcome(w.call(() -> {
                List<long[]> hog = new ArrayList<>();
                try {
                    while (true) {
                        hog.add(new long[32 * 1024]);
                    }
                } catch (OutOfMemoryError e) {
                    return hog;
                }
            }));
            assertThat(answer(w.call(() -> 1 + 1))).isEqualTo(2);
            assertOutOfMemoryOutcome(w.eval("var hog = new ArrayList<long[]>();"
                    + " try { while (true) hog.add(new long[32 * 1024]); } catch (OutOfMemoryError e) { }"
                    + " hog"));
            Object next = outcome(w.eval("hog = null; 1 + 1"));
            if (next instanceof Throwable died) {
                assertThat(died).isInstanceOf(WorkerTerminatedException.class).hasMessageContaining("OutOfMemoryError");
            } else {
                assertThat(next).isEqualTo(2);
            }
        }
    }

    /** A failure that says OutOfMemoryError: the worker's, or its termination's. */
    private static void assertOutOfMemoryOutcome(CompletableFuture<?> request) throws Exception {
        Object got = outcome(request);
        assertThat(got).isInstanceOf(KilnException.class);
        assertThat(((Throwable) got)).hasMessageContaining("OutOfMemoryError");
    }

    /** The request's value, or the exception it failed with; never a hang. */
    private static Object outcome(CompletableFuture<?> request) throws Exception {
        try {
            return answer(request);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
