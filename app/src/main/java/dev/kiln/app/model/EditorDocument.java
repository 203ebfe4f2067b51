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
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The editor's document: the text it starts with (what the settings kept, else a sample), the
 * {@code .jsh} file it was last opened from or saved to, and the window title naming that file.
 * Files are read and written in the background; the outcome is posted to the UI, and failures
 * and saves are told to the user.
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

    private final Ui ui;
    private final Executor io;
    private final Consumer<String> tell;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", APP);

    /** {@code io} reads and writes files; {@code tell} shows the user a message (on the UI thread). */
    public EditorDocument(Ui ui, Executor io, Consumer<String> tell) {
        this.ui = ui;
        this.io = io;
        this.tell = tell;
    }

    /** The text the editor starts with: the one kept from the last session, or the sample on a first start. */
    public static String startText(String kept) {
        return kept != null ? kept : SAMPLE;
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
                        tell.accept("Could not open " + f + ": " + reason(err));
                        done.completeExceptionally(err);
                    } else {
                        show.accept(text);
                        setFile(f);
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
                        tell.accept("Could not save " + f + ": " + reason(err));
                        done.completeExceptionally(err);
                    } else {
                        setFile(f);
                        tell.accept("Saved " + f);
                        done.complete(null);
                    }
                }));
        return done;
    }

    private void setFile(Path f) {
        file.set(f);
        title.set(APP + " — " + f.getFileName());
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

    /** "Kiln", or "Kiln — name.jsh" once a file is opened or saved. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
