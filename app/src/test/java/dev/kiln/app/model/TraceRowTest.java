package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.RemoteException;
import dev.kiln.RemoteFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A worker's trace as lines: real classes, causes, snippet frames like jshell's, machinery folded. */
class TraceRowTest {
    private static RemoteFrame snippet(String method, String id, int line, int sourceLine) {
        return new RemoteFrame("", method, "#" + id, line, id, sourceLine, false);
    }

    private static RemoteFrame machinery(String cls) {
        return new RemoteFrame(cls, "invoke", null, -1, null, 0, true);
    }

    private static RemoteFrame library(String cls, String method) {
        return new RemoteFrame(cls, method, "X.java", 10, null, 0, false);
    }

    private static List<String> texts(List<TraceRow> rows) {
        return rows.stream().map(TraceRow::text).toList();
    }

    @Test
    void snippetFramesReadLikeJshellAndTheMachineryIsFoldedIntoOneLinePerRun() {
        List<RemoteFrame> frames = List.of(
                snippet("divide", "1", 2, 3),
                snippet("", "2", 1, 5),
                machinery("jdk.internal.reflect.DirectMethodHandleAccessor"),
                machinery("java.lang.reflect.Method"),
                library("java.util.concurrent.FutureTask", "run"),
                machinery("dev.kiln.worker.SnippetExecutor"));
        RemoteException e = new RemoteException("java.lang.ArithmeticException", "/ by zero", frames, null);
        List<TraceRow> rows = TraceRow.of(e);
        assertThat(texts(rows))
                .containsExactly(
                        "java.lang.ArithmeticException: / by zero",
                        "    at divide (#1:2)",
                        "    at (#2:1)",
                        "    … 2 internal frames",
                        "    at java.util.concurrent.FutureTask.run(X.java:10)",
                        "    … 1 internal frame");
        assertThat(((TraceRow.Frame) rows.get(1)).inRunSource()).isTrue();
        assertThat(((TraceRow.Internal) rows.get(3)).frames()).hasSize(2);
        assertThat(e.getMessage())
                .as("the library's own text agrees, tab-indented as the JDK prints it")
                .startsWith("java.lang.ArithmeticException: / by zero\n\tat divide (#1:2)\n\tat (#2:1)\n");
        assertThat(TraceRow.innermostInRun(e).methodName()).isEqualTo("divide");
    }

    @Test
    void eachCauseShowsItsRealClassAndCountsTheFramesItShares() {
        RemoteFrame fail = snippet("fail", "1", 2, 2);
        RemoteFrame statement = snippet("", "2", 1, 4);
        RemoteFrame engine = machinery("jdk.jshell.execution.DirectExecutionControl");
        RemoteException cause =
                new RemoteException("java.lang.NumberFormatException", "x", List.of(fail, statement, engine), null);
        RemoteException top = new RemoteException(
                "java.lang.RuntimeException",
                "java.lang.NumberFormatException: x",
                List.of(fail, statement, engine),
                cause);
        List<TraceRow> rows = TraceRow.of(top);
        assertThat(texts(rows))
                .containsExactly(
                        "java.lang.RuntimeException: java.lang.NumberFormatException: x",
                        "    at fail (#1:2)",
                        "    at (#2:1)",
                        "    … 1 internal frame",
                        "Caused by: java.lang.NumberFormatException: x",
                        "    ... 2 more");
        assertThat(rows.get(4)).isEqualTo(new TraceRow.Heading("Caused by: java.lang.NumberFormatException: x", true));
        assertThat(TraceRow.innermostInRun(top)).isEqualTo(fail);
    }

    @Test
    void framesOfEarlierRunsHaveNoLineInThisRun() {
        RemoteException e = new RemoteException(
                "java.lang.IllegalStateException",
                null,
                List.of(snippet("helper", "1", 1, 0), snippet("", "4", 1, 1)),
                null);
        List<TraceRow> rows = TraceRow.of(e);
        assertThat(rows.get(0).text()).isEqualTo("java.lang.IllegalStateException");
        assertThat(((TraceRow.Frame) rows.get(1)).inRunSource()).isFalse();
        assertThat(TraceRow.innermostInRun(e).snippetId()).isEqualTo("4");
    }
}
