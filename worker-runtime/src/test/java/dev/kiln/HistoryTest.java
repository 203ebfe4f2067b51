package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's history: every evaluation with its outcome, as a script the jshell tool runs, and replayed. */
class HistoryTest {
    static final List<String> SESSION = List.of(
            "int x = 42;",
            "System.out.println(\"x is \" + x);",
            "int twice(int a) {\n    return 2 * a;\n}",
            "x / 0",
            "undefinedName + 1",
            "record Point(int x, int y) {}\nvar p = new Point(3, 4);",
            "System.out.println(twice(x) + \" \" + p);",
            "String s = \"ab\"; s.repeat(3)",
            "for (int i = 0; i < 3; i++) {\n    System.out.print(i);\n}\nSystem.out.println();");

    @Test
    void historyListsEveryEvaluationInOrderWithItsOutcome() {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            Instant before = Instant.now();
            for (String source : SESSION) {
                w.evaluate(source).handle((r, e) -> null).join();
            }
            List<HistoryEntry> history = w.history();
            assertThat(history).extracting(HistoryEntry::source).containsExactlyElementsOf(SESSION);
            assertThat(history.get(0).outcome()).isEqualTo(HistoryEntry.Outcome.SUCCESS);
            assertThat(history.get(0).text()).isEqualTo("x ==> 42");
            assertThat(history.get(3).outcome()).isEqualTo(HistoryEntry.Outcome.ERROR);
            assertThat(history.get(3).text()).contains("java.lang.ArithmeticException: / by zero");
            assertThat(history.get(4).outcome()).isEqualTo(HistoryEntry.Outcome.ERROR);
            assertThat(history.get(4).text()).contains("cannot find symbol");
            assertThat(history.get(7).text()).matches("\\$\\d+ ==> \"ababab\"");
            assertThat(history).allSatisfy(e -> {
                assertThat(e.time()).isAfterOrEqualTo(before);
                assertThat(e.duration()).isPositive();
            });
            assertThat(history).extracting(HistoryEntry::time).isSorted();
        }
    }

    @Test
    void anInterruptedEvaluationIsInTheHistoryAsInterrupted() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "Thread.sleep(600_000)");
            w.interrupt();
            running.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
            HistoryEntry last = w.history().get(w.history().size() - 1);
            assertThat(last.outcome()).isEqualTo(HistoryEntry.Outcome.INTERRUPTED);
            assertThat(w.historyAsJsh()).doesNotContain("sleep");
        }
    }

    @Test
    void theHistoryAsJshRunsInTheJdksJshellToolAndPrintsTheSameOutput(@TempDir Path dir) throws Exception {
        StringBuilder printed = new StringBuilder();
        String jsh;
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            Subscription s = w.onOutput(c -> {
                synchronized (printed) {
                    printed.append(c.text());
                }
            });
            for (String source : SESSION) {
                w.evaluate(source).handle((r, e) -> null).join();
            }
            s.close();
            jsh = w.historyAsJsh();
        }
        assertThat(jsh).doesNotContain("x / 0", "undefinedName").contains("int twice(int a) {\n    return 2 * a;\n}\n");
        Path file = dir.resolve("session.jsh");
        Files.writeString(file, jsh + "/exit\n");
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        Process p = new ProcessBuilder(
                        jshell.toString(), "-q", "-J-Duser.home=" + dir, "-R-Duser.home=" + dir, file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(TestTime.generousMillis(Duration.ofSeconds(60)), TimeUnit.MILLISECONDS))
                .isTrue();
        String jshellPrinted = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.toString()).isEqualTo("x is 42\n84 Point[x=3, y=4]\n012\n");
        assertThat(jshellPrinted).isEqualTo(printed.toString());
    }

    @Test
    void aNewWorkerReplaysAHistoryAndHasTheSameState() throws Exception {
        List<HistoryEntry> history;
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            for (String source : SESSION) {
                w.evaluate(source).handle((r, e) -> null).join();
            }
            history = w.history();
        }
        try (Worker again = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            List<EvalResult> results =
                    again.replay(history).get(TestTime.generousMillis(Duration.ofSeconds(60)), TimeUnit.MILLISECONDS);
            assertThat(results).hasSize(7);
            assertThat(again.evalFetch("twice(x) + p.y()")).isEqualTo(88);
            assertThat(again.history()).extracting(HistoryEntry::outcome).containsOnly(HistoryEntry.Outcome.SUCCESS);
        }
    }
}
