package dev.kiln.app.model;

import dev.kiln.KilnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The editor's document: the text it starts with (what the settings kept, else a sample), the
 * {@code .jsh} file it was last opened from or saved to, whether it has unsaved changes, and the
 * window title naming that file ({@code • name.jsh — Kiln} while changed). Files are read and
 * written in the background; the outcome is posted to the UI, and failures and saves are told to
 * the user.
 *
 * <p>A document with a file has unsaved changes when its text differs from what was last read from
 * or written to that file. A document without one (Untitled) has them when its text is neither
 * blank nor the sample: it is in no file. The workbench keeps the editor's text for the next
 * start, so quitting loses no Untitled text; opening a file or a new document would.
 */
public final class EditorDocument {
    /** The editor's text on a first start: shows output, stderr in red and the memory chart climbing. */
    public static final String SAMPLE = """
            // Ctrl+Enter runs the selection, or all of it, in the worker.
            var blocks = new ArrayList<byte[]>();
            for (int i = 1; i <= 6; i++) {
                blocks.add(new byte[32 << 20]);
                System.out.println("holding " + i * 32 + " MB");
                Thread.sleep(500);
            }
            System.err.println("stderr shows in red");
            blocks.size() * 32 + " MB held"
            """;

    private static final String APP = "Kiln";
    /** The name of a document that has no file yet. */
    public static final String UNTITLED = "Untitled";

    private final Ui ui;
    private final Executor io;
    private final Consumer<Notice> tell;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(this, "modified");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", APP);
    /** The editor's text now, and the file's text as last read or written. */
    private String current = "";

    private String saved = "";

    /** {@code io} reads and writes files; {@code tell} shows the user a notice (on the UI thread). */
    public EditorDocument(Ui ui, Executor io, Consumer<Notice> tell) {
        this.ui = ui;
        this.io = io;
        this.tell = tell;
    }

    /** The text the editor starts with: the one kept from the last session, or the sample on a first start. */
    public static String startText(String kept) {
        return kept != null ? kept : SAMPLE;
    }

    /** The editor's text has become {@code text} (UI thread): every edit, open and new document. */
    public void textChanged(String text) {
        current = text;
        update();
    }

    /** Makes the document a new, empty Untitled one: hands "" to {@code show} (UI thread). */
    public void newDocument(Consumer<String> show) {
        show.accept("");
        file.set(null);
        saved = "";
        textChanged("");
    }

    /**
     * Reads {@code f} in the background; on the UI, hands its text to {@code show} and makes it the
     * document's file, or tells why it could not. Completes (on the UI) with the text.
     */
    public CompletableFuture<String> open(Path f, Consumer<String> show) {
        CompletableFuture<String> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return Files.readString(f, StandardCharsets.UTF_8);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        io)
                .whenComplete((text, err) -> ui.post(() -> {
                    if (err != null) {
                        tell.accept(Notice.error("Could not open " + f + ": " + reason(err)
                                + ". The editor is unchanged; choose another file."));
                        done.completeExceptionally(err);
                    } else {
                        show.accept(text);
                        saved = text;
                        file.set(f);
                        textChanged(text);
                        done.complete(text);
                    }
                }));
        return done;
    }

    /** Writes {@code text} to {@code f} in the background; on the UI, makes it the document's file and says so. */
    public CompletableFuture<Void> save(Path f, String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture.runAsync(
                        () -> {
                            try {
                                Files.writeString(f, text, StandardCharsets.UTF_8);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        io)
                .whenComplete((v, err) -> ui.post(() -> {
                    if (err != null) {
                        tell.accept(Notice.error("Could not save " + f + ": " + reason(err)
                                + ". The text is still in the editor; try Save as… elsewhere."));
                        done.completeExceptionally(err);
                    } else {
                        saved = text;
                        file.set(f);
                        update();
                        tell.accept(Notice.info("Saved " + f));
                        done.complete(null);
                    }
                }));
        return done;
    }

    private void update() {
        Path f = file.get();
        boolean changed = f != null ? !current.equals(saved) : !current.isBlank() && !current.equals(SAMPLE);
        modified.set(changed);
        if (f == null && !changed) {
            title.set(APP);
        } else {
            title.set((changed ? "• " : "") + name() + " — " + APP);
        }
    }

    /** The file's name, or {@value #UNTITLED}. */
    public String name() {
        Path f = file.get();
        return f == null ? UNTITLED : f.getFileName().toString();
    }

    /** Whether the text has changes no file holds (see the class comment); UI thread. */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    public boolean isModified() {
        return modified.get();
    }

    /** The I/O error as the user sees it, e.g. "java.nio.file.NoSuchFileException: /tmp/a.jsh". */
    private static String reason(Throwable err) {
        return KilnException.unwrap(err).getMessage();
    }

    /** The file last opened or saved, if any: where a Save dialog starts. */
    public Optional<Path> file() {
        return Optional.ofNullable(file.get());
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /**
     * "Kiln" for an unchanged Untitled document, else the document's name then "— Kiln", marked
     * with "• " while it has unsaved changes: "• demo.jsh — Kiln".
     */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
