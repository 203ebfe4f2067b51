package dev.kiln.app;

import dev.kiln.app.editor.CodeEditor;
import dev.kiln.app.model.EditorDocument;
import dev.kiln.app.view.Confirm;
import dev.kiln.app.view.FilePicker;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.stage.Stage;

/**
 * What New document, Open, Save and Save as do in the window, and the question before quitting:
 * unsaved changes are never thrown away without asking (Save / Don't save / Cancel). Save writes
 * to the document's file and asks for a name only when it has none; Save as always asks.
 */
final class DocumentFlow {
    private final Stage stage;
    private final EditorDocument document;
    private final CodeEditor editor;
    private FilePicker picker = FilePicker.dialogs();
    private boolean asking;

    DocumentFlow(Stage stage, EditorDocument document, CodeEditor editor) {
        this.stage = stage;
        this.document = document;
        this.editor = editor;
    }

    /** Where files to open and save to come from (the OS's dialogs unless a test says otherwise). */
    void usePicker(FilePicker p) {
        picker = p;
    }

    void newDocument() {
        whenChangesAreSafe("starting a new document", () -> {
            document.newDocument(editor::setText);
            editor.area().requestFocus();
        });
    }

    void open() {
        whenChangesAreSafe(
                "opening another file",
                () -> picker.open(stage, document.file()).ifPresent(f -> document.open(f, editor::setText)));
    }

    /** Saves to the document's file, or asks for one; completes with whether the text is now in a file. */
    CompletableFuture<Boolean> save() {
        Optional<Path> f = document.file();
        return f.isPresent() ? write(f.get()) : saveAs();
    }

    /** Asks for a file and saves to it; completes with whether the text is now in a file. */
    CompletableFuture<Boolean> saveAs() {
        return picker.saveAs(stage, document.file())
                .map(this::write)
                .orElseGet(() -> CompletableFuture.completedFuture(false));
    }

    private CompletableFuture<Boolean> write(Path f) {
        return document.save(f, editor.getText()).handle((v, err) -> err == null);
    }

    /**
     * Before quitting: runs {@code next} unless the document's file has unsaved changes and the
     * user cancels (or the save fails). Untitled text is not asked about: the workbench keeps the
     * editor's text for the next start.
     */
    void beforeQuit(Runnable next) {
        if (document.file().isPresent()) {
            whenChangesAreSafe("quitting", next);
        } else {
            next.run();
        }
    }

    /**
     * Runs {@code next} at once when there is nothing unsaved; else asks, and runs it after a
     * successful save or on Don't save, and not at all on Cancel or a failed save.
     */
    void whenChangesAreSafe(String what, Runnable next) {
        if (!document.isModified()) {
            next.run();
            return;
        }
        if (asking) {
            return; // the question is already on screen
        }
        asking = true;
        Confirm.saveChanges(stage, document.name(), what, choice -> {
            asking = false;
            switch (choice) {
                case SAVE ->
                    save().thenAccept(saved -> {
                        if (saved) {
                            next.run();
                        }
                    });
                case DONT_SAVE -> next.run();
                case CANCEL -> {}
            }
        });
    }
}
