package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.wire.Message;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** An evaluation submitted while its worker exits fails with the API's exception, never a raw executor one. */
class EvaluationsTest {
    @Test
    void anEvaluationRacingTheWorkersExitFailsAsTerminated() {
        WorkerTerminatedException gone = new WorkerTerminatedException("w (pid 1)", 3, "");
        Evaluations evaluations = new Evaluations(
                "w",
                List.of(),
                Evaluations.channel(b -> new CompletableFuture<Message>(), () -> {}),
                () -> gone,
                () -> {});
        CompletableFuture<EvalResult> result = evaluations
                .run(CompletableFuture.completedFuture(null), e -> {
                    evaluations.close(); // the worker exits between the check and the submission
                    return e.evaluate("1");
                })
                .thenApply(Replies::result);
        Throwable t = catchThrowable(result::join);
        assertThat(KilnException.unwrap(t)).isSameAs(gone);
    }
}
