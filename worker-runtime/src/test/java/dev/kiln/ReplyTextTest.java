package dev.kiln;

import static dev.kiln.ReplyReliabilityTest.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user code that turns a value into a reply (its {@code toString()}, a collection's
 * iteration) runs under the request's interrupt and a time budget: a {@code toString()} that
 * loops or blocks yields the value with a note instead of its text, and the worker goes on.
 */
class ReplyTextTest {
    static Stream<Arguments> toStringsThatNeverReturn() {
        return InterruptTest.jdks()
                .flatMap(jdk -> Stream.of(
                                "while (true) {}",
                                "try { Thread.sleep(600_000); } catch (InterruptedException e) { } return \"woke\";",
                                "synchronized (LOCK) { return \"got the lock\"; }")
                        .map(body -> Arguments.of(jdk.get()[0], jdk.get()[1], body)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("toStringsThatNeverReturn")
    void anInterruptStopsAToStringThatNeverReturnsAndTheValueArrivesWithANote(String jdk, Path javaHome, String body)
            throws Exception {
        try (Worker w = InterruptTest.startOn(javaHome)) {
            // A lock held for good by a thread of its own, for the toString() that waits for it.
            w.evalWait("Object LOCK = new Object();"
                    + " Thread holder = new Thread(() -> { synchronized (LOCK) { while (true) {"
                    + " try { Thread.sleep(600_000); } catch (InterruptedException e) { } } } });"
                    + " holder.setDaemon(true); holder.start();"
                    + " while (holder.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();");
            CompletableFuture<EvalResult> running = whenToStringRuns(
                    w,
                    () -> w.evaluate("new Object() { public String toString() { System.out.println(\"in toString\"); "
                            + body + " } }"));
            w.interrupt();
            EvalResult r = answer(running);
            assertThat(r.value()).isInstanceOf(RemoteValue.class);
            assertThat(((RemoteValue) r.value()).text()).contains("toString() was interrupted");
            assertThat(r.display()).contains("toString() was interrupted");
            assertThat(answer(w.eval("1 + 1"))).as("the next evaluation").isEqualTo(2);
            assertThat(answer(w.call(() -> 6 * 7))).as("the next call").isEqualTo(42);
        }
    }

    @Test
    void aToStringThatLoopsPastItsBudgetYieldsTheValueWithANote() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            EvalResult r = answer(w.evaluate("var x = new Object() { public String toString() { while (true) {} } };"));
            assertThat(((RemoteValue) r.value()).text()).contains("toString() did not finish within 5 s");
            assertThat(r.display()).startsWith("x ==> ").contains("toString() did not finish within 5 s");
            assertThat(answer(w.eval("x == null"))).as("the variable exists").isEqualTo(false);

            Object v = answer(w.call(ReplyTextTest::aToStringThatLoops));
            assertThat(((RemoteValue) v).text()).contains("toString() did not finish within 5 s");
            assertThat(answer(w.eval("2 + 2"))).isEqualTo(4);
        }
    }

    @Test
    void anInterruptStopsACallsToStringAndAListWhoseIterationNeverEnds() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            CompletableFuture<Object> looping = whenToStringRuns(w, () -> w.call(ReplyTextTest::aToStringThatLoops));
            w.interrupt();
            assertThat(((RemoteValue) answer(looping)).text()).contains("toString() was interrupted");

            CompletableFuture<Object> iterating =
                    whenToStringRuns(w, () -> w.call(ReplyTextTest::aListWhoseIterationSleeps));
            w.interrupt();
            assertThat(((RemoteValue) answer(iterating)).text()).contains("was interrupted");
            assertThat(answer(w.call(() -> 6 * 7))).as("the next call").isEqualTo(42);
        }
    }

    // Values calls return (static methods: their anonymous classes hold no test instance).

    static Object aToStringThatLoops() {
        return new Object() {
            @Override
            public String toString() {
                System.out.println("in toString");
                while (true) {
                    Thread.onSpinWait();
                }
            }
        };
    }

    static Object aListWhoseIterationSleeps() {
        return new AbstractList<Integer>() {
            @Override
            public Integer get(int index) {
                System.out.println("in toString: get(" + index + ")");
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return index;
            }

            @Override
            public int size() {
                return 1;
            }
        };
    }

    /** Starts a request and returns once its value's text is being computed (it printed "in toString"). */
    @SuppressWarnings("try") // the subscription only needs to be open until the text is being computed
    static <T> CompletableFuture<T> whenToStringRuns(Worker w, java.util.function.Supplier<CompletableFuture<T>> start)
            throws Exception {
        CompletableFuture<Void> inToString = new CompletableFuture<>();
        try (Subscription s = w.onOutput(c -> {
            if (c.text().contains("in toString")) {
                inToString.complete(null);
            }
        })) {
            CompletableFuture<T> request = start.get();
            answer(CompletableFuture.anyOf(inToString, request));
            assertThat(request).as("the request waits for its value's text").isNotDone();
            return request;
        }
    }
}
