package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interrupt stops a running evaluation, ten times in a row on one worker,
 * and the worker goes on. On the host's JDK, and on a JDK 25 where one is installed.
 */
class InterruptTest {
    /** A JDK 25 or later (its engine writes its own stop checks; Kiln writes them on 17), or a folder with none: skipped. */
    static final Path JDK25 = TestJdks.find(25, true).orElse(Path.of("no-jdk-25-found"));

    static Stream<Arguments> jdks() {
        return Stream.of(Arguments.of("host JDK", null), Arguments.of("JDK 25+", JDK25));
    }

    static Stream<Arguments> cases() {
        return jdks().flatMap(jdk -> Stream.of(
                        "while (true) {}",
                        "for (long i = 0; ; i++) {}",
                        "Thread.sleep(60_000)",
                        "new java.util.concurrent.LinkedBlockingQueue<>().take()",
                        // Kiln's own code runs on the snippet's thread here: a stop must not land in it
                        "for (long i = 0; ; i++) { System.out.println(\"line \" + i); }",
                        "new java.util.Scanner(System.in).nextLine()")
                .map(code -> Arguments.of(jdk.get()[0], jdk.get()[1], code)));
    }

    static Worker startOn(Path javaHome) {
        if (javaHome != null) {
            Assumptions.assumeTrue(Files.isExecutable(javaHome.resolve("bin/java")), "no JDK at " + javaHome);
        }
        return Worker.start(
                WorkerSpec.builder().echoOutput(false).javaHome(javaHome).build());
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void interruptStopsTheEvaluationTenTimesInARow(String jdk, Path javaHome, String code) throws Exception {
        try (Worker w = startOn(javaHome)) {
            w.evalWait("1"); // compiler warm
            for (int round = 0; round < 10; round++) {
                CompletableFuture<Object> running = startAndWaitUntilRunning(w, code);
                long t0 = System.nanoTime();
                w.interrupt();
                Throwable t = catchThrowable(() -> running.get(5, TimeUnit.SECONDS));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertThat(t)
                        .as("round %d", round)
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(EvaluationInterruptedException.class);
                assertThat(ms)
                        .as("round %d: stopped promptly after interrupt()", round)
                        .isLessThan(TestTime.generousMillis(Duration.ofSeconds(3)));
                assertThat(w.isRunning()).isTrue();
                assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
            }
        }
    }

    /**
     * The first evaluation of a new worker spends a while on the host (its JShell, the first
     * compile) and in the worker (loading the snippet engine) before the snippet's thread runs:
     * an interrupt at any moment of that must stop it, never be lost.
     */
    @org.junit.jupiter.api.Test
    void anInterruptAtAnyMomentOfAFirstEvaluationStopsIt() throws Exception {
        for (long delayMs = 0; delayMs <= 900; delayMs += 150) {
            try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
                CompletableFuture<Object> running = w.eval("while (true) {}");
                // The moment of the interrupt is what this test varies, not a synchronisation.
                CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS)
                        .execute(w::interrupt);
                Throwable t = catchThrowable(() -> running.get(30, TimeUnit.SECONDS));
                assertThat(t)
                        .as("interrupt %d ms after the first eval", delayMs)
                        .hasCauseInstanceOf(EvaluationInterruptedException.class);
                assertThat(w.evalFetch("1 + 1"))
                        .as("the next evaluation is not affected")
                        .isEqualTo(2);
            }
        }
    }

    /** As the JDK's engine does: an interrupt stops every thread the running snippet started too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anInterruptAlsoStopsALoopingThreadTheSnippetStarted(String jdk, Path javaHome) throws Exception {
        try (Worker w = startOn(javaHome)) {
            w.evalWait("Thread spinner = new Thread(() -> { long n = 0; while (true) { n++; } }, \"spinner\");");
            CompletableFuture<Object> running = startAndWaitUntilRunning(w, "spinner.start(); while (true) {}");
            w.interrupt();
            assertThat(catchThrowable(() -> running.get(30, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(EvaluationInterruptedException.class);
            // A call, not a snippet: the next snippet clears the flag that the checks read.
            assertThat(w.callFetch(InterruptTest::spinnerStillRuns))
                    .as("the snippet's own thread ended at a stop check")
                    .isFalse();
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
        }
    }

    /**
     * The stop checks' flag stays set after an interrupt until the next snippet runs: a variable's
     * {@code toString()} (snippet code, with checks) must still run when the variables are read.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void afterAnInterruptTheVariablesStillShowTheirText(String jdk, Path javaHome) throws Exception {
        try (Worker w = startOn(javaHome)) {
            w.evalWait("class Named { public String toString() { String s = \"\";"
                    + " for (int i = 0; i < 3; i++) { s += i; } return \"named \" + s; } }");
            w.evalWait("Named n = new Named();");
            CompletableFuture<Object> running = startAndWaitUntilRunning(w, "while (true) {}");
            w.interrupt();
            assertThat(catchThrowable(() -> running.get(30, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(EvaluationInterruptedException.class);
            assertThat(w.variables().get(30, TimeUnit.SECONDS))
                    .filteredOn(v -> v.name().equals("n"))
                    .extracting(SnippetVariable::valueText)
                    .containsExactly("named 012");
        }
    }

    /** In a worker: whether the thread named "spinner" still runs 30 s from now (or until it ends). */
    static boolean spinnerStillRuns() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("spinner")) {
                t.join(30_000);
                return t.isAlive();
            }
        }
        return false;
    }

    /**
     * Starts the code after a marker line, in the same snippet, and returns once the marker was
     * printed: the code is then running in the worker (not still being compiled on the host).
     */
    @SuppressWarnings("try") // the subscription only needs to be open until the code has started
    static CompletableFuture<Object> startAndWaitUntilRunning(Worker w, String code) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        try (Subscription s = w.onOutput(c -> {
            if (c.text().contains("kiln-started")) {
                started.complete(null);
            }
        })) {
            CompletableFuture<Object> running =
                    w.eval("{ System.out.println(\"kiln-started\");\n" + code + (code.endsWith("}") ? "" : ";") + " }");
            CompletableFuture.anyOf(started, running).get(30, TimeUnit.SECONDS);
            assertThat(running).as("the evaluation is running").isNotDone();
            return running;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBoundedLoopInterruptedHalfwayEndsEarly(String jdk, Path javaHome) throws Exception {
        try (Worker w = startOn(javaHome)) {
            String loop = "long s = 0; for (long i = 0; i < 3_000_000_000L; i++) { s += i ^ (s >>> 3); } s";
            w.evalWait(loop); // warm up the JIT for the loop shape
            long t0 = System.nanoTime();
            w.evalWait(loop);
            long full = System.nanoTime() - t0;
            CompletableFuture<Object> running = w.eval(loop);
            long t1 = System.nanoTime();
            // Interrupting halfway is the behaviour under test, not a synchronisation.
            CompletableFuture.delayedExecutor(full / 2, TimeUnit.NANOSECONDS).execute(w::interrupt);
            Throwable t = catchThrowable(() -> running.get(60, TimeUnit.SECONDS));
            long interrupted = System.nanoTime() - t1;
            assertThat(t).hasCauseInstanceOf(EvaluationInterruptedException.class);
            assertThat((double) interrupted / full).as("interrupted/full").isLessThan(0.8);
        }
    }
}
