package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluating snippets in a worker. One worker serves the whole class, as in a session. */
class EvalTest {
    private static Worker w;

    @BeforeAll
    static void start() {
        w = Worker.start(WorkerSpec.builder().name("eval").echoOutput(false).build());
    }

    @AfterAll
    static void stop() {
        w.stop();
    }

    @Test
    void valuesOfExpressions() {
        assertThat(w.evalFetch("1 + 1")).isEqualTo(2).isInstanceOf(Integer.class);
        assertThat(w.evalFetch("Math.sqrt(123)", Double.class)).isEqualTo(11.090536506409418);
        assertThat(w.evalFetch("null")).isNull();
        assertThat(w.evalFetch("\"a\" + 1")).isEqualTo("a1");
        assertThat(w.evalFetch("int five = 5;")).isEqualTo(5);
        assertThat(w.evalFetch("System.getProperty(\"no.such.property\");")).isNull();
        assertThat(w.evalFetch("if (five > 1) { five++; }")).isNull();
    }

    @Test
    void declarationsPersistAndCanBeRedefined() {
        w.evalWait("int x = 2;");
        assertThat(w.evalFetch("x * 21")).isEqualTo(42);
        assertThat(w.evalFetch("int a = 2; a * 21")).isEqualTo(42);
        w.evalWait("int twice(int v) { return 2 * v; }");
        assertThat(w.evalFetch("twice(4)")).isEqualTo(8);
        w.evalWait("int twice(int v) { return 3 * v; }");
        assertThat(w.evalFetch("twice(4)")).isEqualTo(12);
        assertThat(w.evalFetch("List.of(1, 2)")).isEqualTo(List.of(1, 2));
        assertThat(w.evalFetch("import java.util.concurrent.atomic.AtomicInteger; new AtomicInteger(7).get()"))
                .isEqualTo(7);
    }

    @Test
    void valuesCrossAsData() {
        assertThat(w.evalFetch("new int[]{1, 2, 3}")).isInstanceOf(int[].class).isEqualTo(new int[] {1, 2, 3});
        assertThat(w.evalFetch("List.of(\"a\")")).isEqualTo(List.of("a"));
        assertThat(w.evalFetch("Map.of(\"k\", 1)")).isEqualTo(Map.of("k", 1));
        assertThat(w.evalFetch("java.time.LocalDate.of(2026, 11, 26)")).isEqualTo(java.time.LocalDate.of(2026, 11, 26));
        assertThat(w.evalFetch("java.util.concurrent.TimeUnit.SECONDS")).isEqualTo(TimeUnit.SECONDS);
        Object point = w.evalFetch("record Point(int x, int y) {} new Point(1, 2)");
        assertThat(point).isInstanceOf(RemoteValue.class);
        assertThat(((RemoteValue) point).text()).isEqualTo("Point[x=1, y=2]");
        assertThat(w.evalFetch("new Object() { public String toString() { return \"anon\"; } }"))
                .isInstanceOf(RemoteValue.class)
                .hasToString("anon");

        byte[] big = w.evalFetch(
                "byte[] big = new byte[50_000_000]; for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31); big",
                byte[].class);
        assertThat(big).hasSize(50_000_000);
        for (int i = 0; i < big.length; i += 9_973) {
            assertThat(big[i]).isEqualTo((byte) (i * 31));
        }
        assertThat(big[big.length - 1]).isEqualTo((byte) ((big.length - 1) * 31));
        w.evalWait("big = null;");
    }

    @Test
    void errorsAreReportedAndTheWorkerGoesOn() {
        Throwable runtime = catchThrowable(() -> w.evalFetch("1 / 0"));
        assertThat(runtime)
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("ArithmeticException")
                .hasMessageContaining("/ by zero");
        assertThat(((RemoteException) runtime).remoteStackTrace()).containsPattern("\tat \\(#\\d+:1\\)\n");

        Throwable compile = catchThrowable(() -> w.evalFetch("int y = \"s\";"));
        assertThat(compile).isInstanceOf(CompilationException.class);
        CompilationException ce = (CompilationException) compile;
        assertThat(ce.diagnostics()).isNotEmpty();
        assertThat(ce.diagnostics().get(0).line()).isEqualTo(1);
        assertThat(ce.diagnostics().get(0).message()).containsIgnoringCase("incompatible types");

        Throwable second = catchThrowable(() -> w.evalFetch("int ok = 1;\nString s = 5;"));
        assertThat(((CompilationException) second).diagnostics().get(0).line()).isEqualTo(2);

        assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
    }

    /**
     * A snippet that starts a thread and leaves it running (a server, a thread blocked for good)
     * returns at once: its evaluation waits for the snippet, not for the threads it started. The
     * JDK's engine joins every thread of the snippet's group that it finds right after starting
     * the snippet, so a thread the snippet starts first, before that look, used to hang the
     * evaluation (and every later one) when the scheduler let the snippet win that race.
     */
    @Test
    void aSnippetThatLeavesAThreadRunningReturns() throws Exception {
        try (Worker d = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            d.evalWait("java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);");
            String leaveOneRunning = """
                    Thread t = new Thread(() -> { try { never.await(); } catch (InterruptedException e) { } }, "left-running");
                    t.setDaemon(true);
                    t.start();
                    """;
            for (int i = 0; i < 20; i++) {
                d.eval(leaveOneRunning);
            }
            Object running = d.eval(
                            "Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(\"left-running\")).count()")
                    .get(TestTime.generousMillis(Duration.ofSeconds(60)), TimeUnit.MILLISECONDS);
            assertThat(running)
                    .as("every evaluation returned, each leaving its thread running")
                    .isEqualTo(20L);
        }
    }

    @Test
    void evaluationsAreOrderedWhileCallsRunBeside() throws Exception {
        CompletableFuture<Object> first = w.eval("Thread.sleep(500); 900");
        CompletableFuture<Object> second = w.eval("901");
        int quick = w.callFetch(() -> 5);
        assertThat(quick).isEqualTo(5);
        assertThat(first).isNotDone();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(901);
        assertThat(first).as("the second evaluation completed after the first").isDone();
        assertThat(first.get()).isEqualTo(900);
    }

    @Test
    void specClasspathIsVisibleToSnippets(@TempDir Path tmp) throws Exception {
        Path jar = TestJars.jar(
                tmp,
                "snippetlib",
                Map.of(
                        "snippetlib.Tool",
                        "package snippetlib; public class Tool { public static int answer() { return 42; } }"));
        try (Worker withJar = Worker.start(
                WorkerSpec.builder().echoOutput(false).classpath(jar).build())) {
            assertThat(withJar.evalFetch("snippetlib.Tool.answer()")).isEqualTo(42);
            assertThat(withJar.evalFetch("import snippetlib.Tool; Tool.answer() + 1"))
                    .isEqualTo(43);
        }
    }

    @Test
    @SuppressWarnings("try") // the subscription only needs to be open while the snippet runs
    void outputArrivesBeforeTheResult() {
        List<OutputChunk> chunks = new CopyOnWriteArrayList<>();
        try (Subscription s = w.onOutput(chunks::add)) {
            Object v = w.evalFetch("for (int i = 0; i < 1000; i++) System.out.println(\"line \" + i); \"done\"");
            String seen = chunks.stream().map(OutputChunk::text).collect(Collectors.joining());
            assertThat(v).isEqualTo("done");
            assertThat(seen)
                    .startsWith("line 0" + System.lineSeparator())
                    .endsWith("line 999" + System.lineSeparator());
            assertThat(seen.lines().count()).isEqualTo(1000);
        }
    }

    @Test
    void displayAndDuration() throws Exception {
        EvalResult r = w.evaluate("Math.sqrt(144)").get(30, TimeUnit.SECONDS);
        assertThat(r.value()).isEqualTo(12.0);
        assertThat(r.valueText()).isEqualTo("12.0");
        assertThat(r.display()).matches("\\$\\d+ ==> 12\\.0");
        assertThat(r.duration()).isPositive();
        assertThat(w.evaluate("String greeting = \"hi\";").get().display()).isEqualTo("greeting ==> \"hi\"");
        assertThat(w.evaluate("void hello() {}").get().display()).isEqualTo("created method hello()");
    }

    @Test
    void signaturesGiveParameterHintsForWhatIsCalled() throws Exception {
        List<SignatureHint> max = w.signatures("Math.max(", 9, false).get(30, TimeUnit.SECONDS);
        assertThat(max)
                .extracting(SignatureHint::signature)
                .containsExactlyInAnyOrder(
                        "int Math.max(int a, int b)",
                        "long Math.max(long a, long b)",
                        "float Math.max(float a, float b)",
                        "double Math.max(double a, double b)");
        assertThat(max).extracting(SignatureHint::summary).containsOnly("");

        w.evalWait("int atMost(int v, int limit) { return Math.min(v, limit); }");
        String source = "int a = 1;\natMost(Math.abs(a), ";
        assertThat(w.signatures(source, source.length(), true).get(30, TimeUnit.SECONDS))
                .as("the worker's own method, in the snippet that holds the cursor")
                .extracting(SignatureHint::signature)
                .containsExactly("int atMost(int v, int limit)");
        assertThat(w.signatures("int q = 1;", 10, false).get(30, TimeUnit.SECONDS))
                .as("nothing is called at the cursor")
                .isEmpty();
        assertThat(catchThrowable(() -> w.signatures(null, 0, false).get(30, TimeUnit.SECONDS)))
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source is null");
    }

    @Test
    void completionFromTheWorkersState() throws Exception {
        List<Completion> sq = w.completions("Math.sq", 7).get(30, TimeUnit.SECONDS);
        assertThat(sq).extracting(Completion::continuation).contains("sqrt(");
        assertThat(sq.get(0).anchor()).isEqualTo(5);
        w.evalWait("int myCounter = 1;");
        List<Completion> mine = w.completions("int z = 3;\nmyCou", 16).get(30, TimeUnit.SECONDS);
        assertThat(mine).extracting(Completion::continuation).contains("myCounter");
    }
}
