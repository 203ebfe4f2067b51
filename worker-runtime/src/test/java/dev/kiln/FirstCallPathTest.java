package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way from a worker's start to its first call's reply links no lambda or method reference
 * of Kiln's: the JVM links each on its first use, 0.2 to 1.5 ms while it still interprets (its
 * class archived or not), and a dozen of them cost a first call some 4-6 ms after the hello
 * (docs/BENCHMARKS.md). The JDK's own lambdas (the socket's) are not Kiln's to avoid.
 */
class FirstCallPathTest {
    @Test
    void aWorkerLinksNoLambdaOfKilnsBeforeItsFirstReply(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("classes.log");
        WorkerSpec spec = WorkerSpec.builder()
                .echoOutput(false)
                .jvmArgs("-Xlog:class+load=info:file=" + log)
                .build();
        try (Worker w = Worker.start(spec)) {
            assertThat((int) w.callFetch(() -> 6 * 7)).isEqualTo(42);
            // The reply was encoded, so its class logged, before it arrived.
            List<String> loaded = Files.readAllLines(log);
            int reply = indexOf(loaded, "dev.kiln.wire.Message$Result ");
            assertThat(reply)
                    .as("the reply's class in the worker's class-load log")
                    .isNotNegative();
            assertThat(loaded.subList(0, reply))
                    .as("lambda classes of Kiln's made before the first reply")
                    .noneMatch(l -> l.startsWith("[") && l.contains(" dev.kiln.") && l.contains("$$Lambda"));
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
