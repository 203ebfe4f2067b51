package dev.kiln.app.model;

import dev.kiln.DownloadProgress;
import dev.kiln.KilnException;
import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Maven dependencies as the UI resolves them: what a person wrote (a coordinate a line), checked for
 * shape; while it runs, the file being fetched and how far it has come ({@link #statusProperty()},
 * {@link #progressProperty()}: -1 while its size is unknown). Downloads are reported on Kiln's
 * threads; the latest reaches the properties through {@link Ui}, one update queued at a time.
 */
public final class DependencyResolution {
    private final Ui ui;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final AtomicReference<DownloadProgress> latest = new AtomicReference<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    public DependencyResolution(Ui ui) {
        this.ui = ui;
    }

    /**
     * The coordinates in {@code text}, one a line (blank lines skipped); {@link IllegalArgumentException}
     * quotes the first that is not a coordinate and shows the shape to write.
     */
    public static List<String> coordinates(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text == null ? new String[0] : text.split("\\R")) {
            if (!line.isBlank()) {
                WorkerSpec.builder().dependencies(line.strip()); // says what is wrong with it
                out.add(line.strip());
            }
        }
        return out;
    }

    /** Resolves the spec's dependencies, as its start will (which then finds them in the local repository). */
    public CompletableFuture<List<Path>> resolve(WorkerSpec spec) {
        show("Resolving " + String.join(", ", spec.dependencies()) + "…");
        return spec.toBuilder().onDownload(this::downloaded).build().resolveDependencies();
    }

    /**
     * Resolves {@code coordinates} with the worker's repositories, reporting downloads here, then adds them to
     * the running worker (which finds them in the local repository); completes with the jars it gained.
     */
    public CompletableFuture<List<Path>> addTo(Worker worker, List<String> coordinates) {
        String[] wanted = coordinates.toArray(String[]::new);
        if (!"localhost".equals(worker.host())) {
            return worker.addDependencies(wanted); // says it cannot, for now
        }
        WorkerSpec lookup = worker.spec().toBuilder().dependencies(coordinates).build();
        return resolve(lookup).thenCompose(jars -> {
            show("Adding to " + worker.name() + "…");
            return worker.addDependencies(wanted);
        });
    }

    /** What a failed resolution says: the library's words (the coordinate, why, where it looked). */
    public static String describe(Throwable failure) {
        Throwable t = KilnException.unwrap(failure);
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** "Downloading commons-lang3-3.14.0.jar: 120 KB of 643 KB", as a line of status. */
    public static String describe(DownloadProgress d) {
        String amount = kilobytes(d.bytes()) + (d.totalBytes() > 0 ? " of " + kilobytes(d.totalBytes()) : "");
        return (d.done() ? "Fetched " : "Downloading ") + d.file() + ": " + amount;
    }

    private static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%,d KB", (bytes + 1023) / 1024);
    }

    private void downloaded(DownloadProgress d) {
        latest.set(d);
        if (queued.compareAndSet(false, true)) {
            ui.post(() -> {
                queued.set(false);
                DownloadProgress last = latest.get();
                status.set(describe(last));
                progress.set(last.totalBytes() > 0 ? (double) last.bytes() / last.totalBytes() : -1);
            });
        }
    }

    private void show(String text) {
        ui.post(() -> {
            status.set(text);
            progress.set(-1);
        });
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
