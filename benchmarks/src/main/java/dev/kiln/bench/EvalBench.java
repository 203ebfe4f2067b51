package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The eval round trip of a trivial expression on a warm worker, against JShell's
 * default engine (a remote JVM over JDI) in the same host. Both compile with javac in the
 * host; they differ in transport and execution engine. Run by {@link EvalRoundTrip}.
 */
public class EvalBench {

    @State(Scope.Benchmark)
    public static class KilnWorker {
        Worker worker;

        @Setup
        public void start() {
            worker = Worker.start(
                    WorkerSpec.builder().name("bench-eval").echoOutput(false).build());
            worker.evalFetch("1 + 1");
        }

        @TearDown
        public void stop() {
            worker.stop();
        }
    }

    @State(Scope.Benchmark)
    public static class DefaultJShell {
        JShell jshell;

        @Setup
        public void start() {
            jshell = JShell.create();
            jshell.eval("1 + 1");
        }

        @TearDown
        public void stop() {
            jshell.close();
        }
    }

    @Benchmark
    public Object kilnEval(KilnWorker s) {
        return s.worker.evalFetch("1 + 1");
    }

    @Benchmark
    public String jshellEval(DefaultJShell s) {
        List<SnippetEvent> events = s.jshell.eval("1 + 1");
        return events.get(0).value();
    }
}
