package dev.kiln.app;

import dev.kiln.RemoteFrame;
import dev.kiln.app.command.Command;
import dev.kiln.app.editor.CodeEditor;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.SideBySide;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.app.view.Frames;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Run, and the worker it runs in: the editor's selection (or all of it) goes to the selected
 * worker, or to each of several selected workers side by side; a run asked for while the first
 * worker still starts waits for it. Where a run went wrong is marked in the editor.
 */
final class RunFlow {
    private final WorkbenchViewModel vm;
    private final CodeEditor editor;
    /** The first worker, asked for when the window opened; null if it was not. */
    private CompletableFuture<WorkerViewModel> first;

    RunFlow(WorkbenchViewModel vm, CodeEditor editor) {
        this.vm = vm;
        this.editor = editor;
    }

    /**
     * Lists the first worker once the window's first frame is drawn and the worker has started
     * ({@link WorkbenchViewModel#startFirstWorker()}; {@link Workbench#showWithFirstWorker} starts
     * its JVM before the window is built). Completes with the worker once it is listed.
     */
    CompletableFuture<WorkerViewModel> startFirstWorker(Scene scene, BooleanSupplier closing) {
        if (first != null) {
            return first;
        }
        CompletableFuture<WorkerViewModel> first = new CompletableFuture<>();
        this.first = first;
        Runnable start = () -> {
            if (closing.getAsBoolean()) {
                first.cancel(false);
                return;
            }
            vm.startFirstWorker().whenComplete((w, err) -> {
                if (err != null) {
                    first.completeExceptionally(err);
                } else {
                    first.complete(w);
                }
            });
        };
        if (scene == null) {
            Platform.runLater(start);
        } else {
            Frames.afterNextFrame(scene, start);
        }
        return first;
    }

    /**
     * Runs the selection, or the whole editor, in the selected worker; with several selected, in
     * each of them, side by side. While the first worker starts, the run waits for it.
     */
    void run() {
        WorkerViewModel s = vm.selected();
        if (s == null && (first == null || first.isDone())) {
            vm.say("No worker selected: start one with " + Command.NEW_WORKER.labelWithShortcut());
            return;
        }
        CodeEditor.Snippet snippet = editor.snippetToRun();
        if (snippet.source().isBlank()) {
            return;
        }
        editor.marks().clear();
        int at = snippet.offset();
        ResultEntry.Place place = new ResultEntry.Place(at, editor.lineOf(at), editor.columnOf(at));
        if (s == null) {
            vm.inform("The first worker is starting: the code runs as soon as it is ready");
            first.thenAccept(w -> markErrors(w, w.run(snippet.source(), place), snippet));
            return;
        }
        if (vm.chosenWorkers().size() > 1) {
            SideBySide sideBySide = vm.runSideBySide(snippet.source(), place);
            if (sideBySide != null) {
                sideBySide.entryOf(s).ifPresent(e -> markErrors(s, e, snippet));
            }
            return;
        }
        markErrors(s, s.run(snippet.source(), place), snippet);
    }

    /** Marks in the editor where {@code entry} went wrong, if it does, while its worker is shown. */
    private void markErrors(WorkerViewModel s, ResultEntry entry, CodeEditor.Snippet snippet) {
        entry.statusProperty().addListener((o, was, now) -> {
            if (now != ResultEntry.Status.ERROR
                    || vm.selected() != s
                    || !editor.getText().startsWith(snippet.source(), snippet.offset())) {
                return;
            }
            if (!entry.diagnostics().isEmpty()) {
                editor.showErrors(entry.diagnostics(), snippet.offset());
            }
            RemoteFrame threw = entry.failedFrame();
            if (threw != null) {
                editor.markRuntimeError(entry.editorLine(threw.sourceLine()) - 1, entry.summary());
            }
        });
    }
}
