package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Under load, every result and every byte of output arrives. */
class LoadTest {
    @Test
    void twentyWorkersEachRunAHundredEvaluationsAndAllOutputArrivesInOrder() throws Exception {
        List<CompletableFuture<Worker>> starts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            starts.add(Worker.startAsync(
                    WorkerSpec.builder().echoOutput(false).name("load-" + i).build()));
        }
        List<Worker> workers = new ArrayList<>();
        try {
            for (CompletableFuture<Worker> s : starts) {
                workers.add(s.get(120, TimeUnit.SECONDS));
            }
            List<StringBuilder> outputs = new ArrayList<>();
            List<List<CompletableFuture<Object>>> results = new ArrayList<>();
            for (Worker w : workers) {
                StringBuilder out = new StringBuilder();
                outputs.add(out);
                w.onOutput(c -> {
                    synchronized (out) {
                        out.append(c.text());
                    }
                });
                List<CompletableFuture<Object>> mine = new ArrayList<>();
                for (int e = 0; e < 100; e++) {
                    mine.add(w.eval("for (int i = 0; i < 10; i++) System.out.println(\"line \" + (" + e
                            + " * 10 + i)); " + e + " * 3"));
                }
                results.add(mine);
            }
            for (int k = 0; k < workers.size(); k++) {
                for (int e = 0; e < 100; e++) {
                    assertThat(results.get(k).get(e).get(300, TimeUnit.SECONDS)).isEqualTo(e * 3);
                }
                StringBuilder expected = new StringBuilder();
                for (int line = 0; line < 1_000; line++) {
                    expected.append("line ").append(line).append(System.lineSeparator());
                }
                synchronized (outputs.get(k)) {
                    assertThat(outputs.get(k).toString())
                            .as(workers.get(k).name())
                            .isEqualTo(expected.toString());
                }
            }
        } finally {
            workers.parallelStream().forEach(Worker::stop);
        }
    }

    /**
     * 200 MB printed by one snippet: a consuming listener receives every byte, nothing deadlocks,
     * and the host retains none of it (it holds at most one 32 KB output frame at a time).
     */
    @Test
    void twoHundredMegabytesOfOutputAllArriveWithBoundedHostMemory() throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            AtomicLong chars = new AtomicLong();
            AtomicLong lines = new AtomicLong();
            AtomicLong maxChunk = new AtomicLong();
            w.onOutput(c -> {
                chars.addAndGet(c.text().length());
                maxChunk.accumulateAndGet(c.text().length(), Math::max);
                lines.addAndGet(c.text().chars().filter(ch -> ch == '\n').count());
            });
            // The host builds a spare JShell session after a worker's first evaluation, in the background: a build
            // still running, or started by this test's evaluation, is not output that was kept.
            dev.kiln.eval.SpareShellAccess.awaitBuilt();
            System.gc();
            long before = usedHeap();
            // 2,000,000 lines of 99 characters plus a newline: 200,000,000 characters.
            Object r = w.evalFetch(
                    "String row = \"x\".repeat(99); for (int i = 0; i < 2_000_000; i++) System.out.println(row); \"done\"");
            assertThat(r).isEqualTo("done");
            assertThat(chars.get()).isEqualTo(200_000_000L);
            assertThat(lines.get()).isEqualTo(2_000_000L);
            assertThat(maxChunk.get()).isLessThanOrEqualTo(32 * 1024);
            dev.kiln.eval.SpareShellAccess.awaitBuilt();
            System.gc();
            assertThat(usedHeap() - before)
                    .as("host heap retained after 200 MB of output")
                    .isLessThan(50_000_000L);
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
