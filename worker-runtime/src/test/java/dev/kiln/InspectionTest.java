package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seeing inside a worker without attaching: its threads, its heap by class, its variables and declarations. */
class InspectionTest {
    private static Worker w;

    @BeforeAll
    static void start() {
        w = Worker.start(WorkerSpec.builder().echoOutput(false).build());
    }

    @AfterAll
    static void stop() {
        w.stop();
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(TestTime.generousMillis(Duration.ofSeconds(30)), TimeUnit.MILLISECONDS);
    }

    @Test
    void threadsOfABusyWorkerShowTheSnippetsThreadInItsLoop() throws Exception {
        w.evalWait("void spin() { while (true) {} }");
        CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "spin()");
        try {
            List<ThreadSnapshot> threads = await(w.threads());
            ThreadSnapshot first = threads.get(0);
            assertThat(first.role()).isEqualTo(ThreadSnapshot.Role.SNIPPET);
            assertThat(first.runsRequest()).isTrue();
            assertThat(first.state()).isEqualTo(Thread.State.RUNNABLE);
            assertThat(first.frames()).anySatisfy(f -> assertThat(f).contains(".spin("));
            assertThat(first.toJstack()).contains("java.lang.Thread.State: RUNNABLE", "\tat ", "spin(");
            assertThat(threads)
                    .filteredOn(t -> t.role() == ThreadSnapshot.Role.SNIPPET)
                    .hasSize(1);
            // Kiln's threads (the control thread that answered) are left out unless asked for.
            assertThat(threads).noneMatch(t -> t.name().equals("kiln-control"));
            assertThat(threads).allMatch(t -> t.role() != ThreadSnapshot.Role.INTERNAL);
            List<ThreadSnapshot> all = await(w.threads(true));
            assertThat(all).anySatisfy(t -> {
                assertThat(t.name()).isEqualTo("kiln-control");
                assertThat(t.role()).isEqualTo(ThreadSnapshot.Role.INTERNAL);
            });
            assertThat(all).extracting(ThreadSnapshot::name).contains("Reference Handler");
        } finally {
            w.interrupt();
            running.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void threadsThatKilnsLibrariesStartAreKilnsAndThreadsOfTheUsersCodeAreTheUsers() throws Exception {
        // As JNA starts its "JNA Cleaner" from Kiln's code: a thread whose context loader is Kiln's runtime.
        w.evalWait("var gate = new java.util.concurrent.CountDownLatch(1);");
        w.evalWait("Thread library = new Thread(() -> { try { gate.await(); } catch (InterruptedException e) {} },"
                + " \"library-cleaner\"); library.setContextClassLoader(dev.kiln.Worker.class.getClassLoader());"
                + " library.setDaemon(true); library.start();");
        w.evalWait("Thread mine = new Thread(() -> { try { gate.await(); } catch (InterruptedException e) {} },"
                + " \"my-worker-thread\"); mine.setDaemon(true); mine.start();");
        try {
            List<ThreadSnapshot> threads = await(w.threads());
            assertThat(threads).extracting(ThreadSnapshot::name).contains("my-worker-thread");
            assertThat(threads).extracting(ThreadSnapshot::name).doesNotContain("library-cleaner");
            assertThat(await(w.threads(true)))
                    .filteredOn(t -> t.name().equals("library-cleaner"))
                    .singleElement()
                    .satisfies(t -> assertThat(t.role()).isEqualTo(ThreadSnapshot.Role.INTERNAL));
        } finally {
            w.evalWait("gate.countDown();");
        }
    }

    @Test
    void twoThreadsDeadlockedByASnippetAreFlagged() throws Exception {
        try (Worker d = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            d.evalWait("""
                    Object a = new Object();
                    Object b = new Object();
                    CountDownLatch held = new CountDownLatch(2);
                    Thread lockBoth(String name, Object first, Object second) {
                        Thread t = new Thread(() -> {
                            synchronized (first) {
                                held.countDown();
                                try { held.await(); } catch (InterruptedException e) { return; }
                                synchronized (second) { }
                            }
                        }, name);
                        t.setDaemon(true);
                        t.start();
                        return t;
                    }
                    Thread left = lockBoth("left", a, b);
                    Thread right = lockBoth("right", b, a);
                    while (left.getState() != Thread.State.BLOCKED || right.getState() != Thread.State.BLOCKED) {
                        Thread.onSpinWait();
                    }
                    """);
            List<ThreadSnapshot> threads = await(d.threads());
            assertThat(threads)
                    .filteredOn(ThreadSnapshot::deadlocked)
                    .extracting(ThreadSnapshot::name)
                    .containsExactlyInAnyOrder("left", "right");
            ThreadSnapshot left = threads.stream()
                    .filter(t -> t.name().equals("left"))
                    .findFirst()
                    .orElseThrow();
            assertThat(left.role()).isEqualTo(ThreadSnapshot.Role.USER);
            assertThat(left.state()).isEqualTo(Thread.State.BLOCKED);
            assertThat(left.lockName()).startsWith("java.lang.Object@");
            assertThat(left.lockOwnerName()).isEqualTo("right");
            assertThat(left.locksHeld()).hasSize(1);
            assertThat(left.toJstack())
                    .contains("DEADLOCKED", "waiting to lock <java.lang.Object@", "owned by \"right\"");
        }
    }

    @Test
    void theHeapHistogramHasABigArrayAtTheTop() throws Exception {
        w.evalWait("byte[] big = new byte[100_000_000];");
        try {
            List<HeapHistogramEntry> histogram = await(w.heapHistogram());
            assertThat(histogram).hasSizeBetween(10, 100);
            HeapHistogramEntry top = histogram.get(0);
            assertThat(top.className()).isEqualTo("[B");
            assertThat(top.bytes()).isGreaterThanOrEqualTo(100_000_000L);
            assertThat(top.instances()).isPositive();
            assertThat(histogram).isSortedAccordingTo((x, y) -> Long.compare(y.bytes(), x.bytes()));
        } finally {
            w.evalWait("big = null;");
        }
    }

    @Test
    void aJvmWithoutHotSpotsDiagnosticCommandsSaysWhyItHasNoHistogram() throws Exception {
        // Without jdk.management the platform has no DiagnosticCommand MBean, as on a JVM that is not HotSpot;
        // without java.management there are no management beans at all.
        for (String modules : List.of("jdk.jshell,java.management,jdk.unsupported", "jdk.jshell,jdk.unsupported")) {
            noHistogramWith(modules);
        }
    }

    private static void noHistogramWith(String modules) throws Exception {
        WorkerSpec spec = WorkerSpec.builder()
                .echoOutput(false)
                .jvmArgs("--limit-modules", modules)
                .build();
        try (Worker bare = Worker.start(spec)) {
            Throwable t = catchThrowable(() -> await(bare.heapHistogram()));
            assertThat(KilnException.unwrap(t))
                    .isInstanceOf(KilnException.class)
                    .hasMessageContaining("has no HotSpot DiagnosticCommand MBean")
                    .hasMessageContaining("start the worker on a HotSpot JDK");
            assertThat(bare.evalFetch("1 + 1")).isEqualTo(2); // and the worker goes on
        }
    }

    @Test
    void variablesListNameTypeAndValueAsJshellShowsThem() throws Exception {
        w.evalWait("int x = 42;");
        w.evalWait("String greeting = \"hi\"; int[] some = {1, 2, 3};");
        w.evalWait("record Point(int x, int y) {} Point p = new Point(1, 2);");
        List<SnippetVariable> vars = await(w.variables());
        assertThat(vars)
                .contains(
                        new SnippetVariable("x", "int", "42"),
                        new SnippetVariable("greeting", "String", "\"hi\""),
                        new SnippetVariable("some", "int[]", "int[3] { 1, 2, 3 }"),
                        new SnippetVariable("p", "Point", "Point[x=1, y=2]"));
        // A value changed by a later snippet is read as it is now.
        w.evalWait("x = 7;");
        assertThat(await(w.variables())).contains(new SnippetVariable("x", "int", "7"));
    }

    @Test
    void variablesAnswerWhileASnippetRunsAndShowItsProgress() throws Exception {
        w.evalWait("long counter = 0;");
        CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) { counter++; }");
        try {
            List<SnippetVariable> vars = await(w.variables());
            assertThat(vars).anySatisfy(v -> {
                assertThat(v.name()).isEqualTo("counter");
                assertThat(Long.parseLong(v.valueText())).isNotNegative();
            });
        } finally {
            w.interrupt();
            running.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void declarationsListMethodsTypesAndImportsAsTheJshellToolDoes() {
        w.evalWait("int twice(int a) { return 2 * a; }");
        w.evalWait("record Segment(int from, int to) {}");
        w.evalWait("import java.time.*;");
        List<SnippetDeclaration> decls = w.declarations();
        assertThat(decls)
                .anySatisfy(d -> {
                    assertThat(d.kind()).isEqualTo(SnippetDeclaration.Kind.METHOD);
                    assertThat(d.name()).isEqualTo("twice");
                    assertThat(d.text()).isEqualTo("int twice(int)");
                    assertThat(d.source()).contains("return 2 * a;");
                })
                .anySatisfy(d -> assertThat(d.text()).isEqualTo("record Segment"))
                .anySatisfy(d -> assertThat(d.text()).isEqualTo("import java.time.*"))
                .anySatisfy(d -> assertThat(d.text()).isEqualTo("import java.util.*"));
    }

    @Test
    void aWorkerThatHasExitedAnswersNoQuestionsButKeepsItsDeclarations() throws Exception {
        Worker gone = Worker.start(WorkerSpec.builder().echoOutput(false).build());
        gone.evalWait("int kept(int a) { return a; }");
        gone.stop();
        Throwable t = catchThrowable(() -> await(gone.threads()));
        assertThat(KilnException.unwrap(t)).isInstanceOf(WorkerTerminatedException.class);
        assertThat(gone.declarations()).anySatisfy(d -> assertThat(d.name()).isEqualTo("kept"));
    }
}
