package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Nested workers are reported to the top host, with their host's pid, states and exit. */
class NestedWorkerTest {
    @Test
    void aWorkerStartedInAWorkerIsReportedToTheTopHost() {
        try (Worker top = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            List<NestedWorker> events = new CopyOnWriteArrayList<>();
            top.onNestedChange(events::add);
            long innerPid = top.callFetch(() -> {
                Worker inner = Worker.start(
                        WorkerSpec.builder().name("inner").echoOutput(false).build());
                long pid = inner.callFetch(() -> ProcessHandle.current().pid());
                inner.stop();
                return pid;
            });
            // The exit report is sent before the call's reply, on the same connection.
            assertThat(events)
                    .extracting(NestedWorker::state)
                    .containsSubsequence(
                            WorkerState.STARTING, WorkerState.IDLE, WorkerState.STOPPING, WorkerState.EXITED);
            NestedWorker last = top.nestedWorkers().get(0);
            assertThat(last.pid()).isEqualTo(innerPid);
            assertThat(last.hostPid()).isEqualTo(top.pid());
            assertThat(last.name()).isEqualTo("inner");
            assertThat(last.state()).isEqualTo(WorkerState.EXITED);
            assertThat(last.exitCode()).isZero();
        }
    }
}
