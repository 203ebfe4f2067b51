package dev.kiln.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.RemoteException;
import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A host that has evaluated keeps a JShell session ready for its next worker: that worker's
 * first evaluation takes it, runs in that worker alone, and numbers its snippets from 1.
 */
class SpareShellTest {
    @Test
    void theNextWorkersFirstEvaluationTakesTheReadySessionAndRunsInThatWorker() throws Exception {
        WorkerSpec spec = WorkerSpec.builder().echoOutput(false).build();
        try (Worker first = Worker.start(spec);
                Worker next = Worker.start(spec)) {
            first.evalWait("int onlyInTheFirst = 1;");
            SpareShell.lastBuild().get(60, TimeUnit.SECONDS);
            assertThat(SpareShell.ready())
                    .as("a session was built for the next worker")
                    .isTrue();

            RemoteException thrown = (RemoteException) catchThrowable(
                    () -> next.evalFetch("throw new IllegalStateException(\"in \" + ProcessHandle.current().pid())"));
            assertThat(SpareShell.ready())
                    .as("its first evaluation took the session")
                    .isFalse();
            assertThat(thrown.remoteStackTrace())
                    .as("it ran in the next worker, numbered as the first of the user's snippets")
                    .startsWith("java.lang.IllegalStateException: in " + next.pid() + "\n\tat (#1:1)");
            assertThat(catchThrowable(() -> next.evalFetch("onlyInTheFirst")))
                    .as("the session holds nothing of the first worker's")
                    .hasMessageContaining("onlyInTheFirst");
            assertThat(next.evalFetch("Paths.get(\"a\").resolve(\"b\").toString()"))
                    .as("the default imports hold")
                    .isEqualTo("a" + java.io.File.separator + "b");
        }
    }
}
