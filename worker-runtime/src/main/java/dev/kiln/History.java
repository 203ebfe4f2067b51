package dev.kiln;

import dev.kiln.eval.SessionLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A worker's evaluations as the API tells them: its history, as a jshell script, and replayed in another worker. */
final class History {
    private History() {}

    static List<HistoryEntry> of(SessionLog log) {
        return log.all().stream().map(History::entry).toList();
    }

    private static HistoryEntry entry(SessionLog.Ran r) {
        if (r.failure() == null) {
            String text = r.result().display().isEmpty()
                    ? r.result().valueText()
                    : r.result().display();
            return new HistoryEntry(r.source(), HistoryEntry.Outcome.SUCCESS, text, r.took(), r.startedAt());
        }
        Throwable e = Replies.evaluationFailure(r.failure());
        HistoryEntry.Outcome outcome = e instanceof EvaluationInterruptedException
                ? HistoryEntry.Outcome.INTERRUPTED
                : HistoryEntry.Outcome.ERROR;
        String text = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return new HistoryEntry(r.source(), outcome, text, r.took(), r.startedAt());
    }

    /**
     * The sources of the entries that succeeded, in order, one after the other on lines of their own: a file the
     * jshell tool runs ({@code jshell session.jsh}) with the same effect, since Kiln's snippets start from the tool's
     * default imports.
     */
    static String asJsh(List<HistoryEntry> entries) {
        StringBuilder sb = new StringBuilder();
        for (HistoryEntry e : entries) {
            if (e.outcome() == HistoryEntry.Outcome.SUCCESS && !e.source().isBlank()) {
                String source = e.source().strip();
                sb.append(source).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Evaluates the sources of the entries that succeeded, in order, each after the one before has succeeded; the
     * future fails as the first that fails does, and the rest are not run.
     */
    static CompletableFuture<List<EvalResult>> replay(
            List<HistoryEntry> entries, Function<String, CompletableFuture<EvalResult>> evaluate) {
        List<EvalResult> results = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (HistoryEntry e : List.copyOf(entries)) {
            if (e.outcome() == HistoryEntry.Outcome.SUCCESS) {
                chain = chain.thenCompose(v -> evaluate.apply(e.source())).thenAccept(results::add);
            }
        }
        return chain.thenApply(v -> List.copyOf(results));
    }
}
