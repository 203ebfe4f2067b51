package dev.kiln;

import dev.kiln.deps.Coordinate;
import dev.kiln.deps.ResolutionException;
import dev.kiln.host.WorkerLink;
import dev.kiln.wire.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A worker's user class path: the spec's entries, then the jars of its dependencies (resolved
 * before the JVM was spawned), then the jars added while it runs. Adding resolves off the
 * caller's thread, then gives the jars to the worker (its user-code loader, which its calls and
 * snippets load through) and only then to the host-side JShell, so a snippet that compiles
 * against them also runs.
 */
final class UserClasspath {
    private final List<Path> entries;
    private final WorkerSpec spec;
    private final WorkerLink link;
    private final Evaluations evaluations;

    UserClasspath(List<Path> atStart, WorkerSpec spec, WorkerLink link, Evaluations evaluations) {
        this.entries = new ArrayList<>(atStart);
        this.spec = spec;
        this.link = link;
        this.evaluations = evaluations;
    }

    /** The entries now, in class path order. */
    synchronized List<Path> entries() {
        return List.copyOf(entries);
    }

    /**
     * Resolves {@code coordinates} once the worker is {@code ready} and adds the jars it lacks; completes
     * with those. A malformed coordinate fails with {@link IllegalArgumentException}, one that cannot be
     * resolved with {@link DependencyException}; the worker then gains nothing.
     */
    CompletableFuture<List<Path>> add(String[] coordinates, CompletableFuture<Worker> ready) {
        List<Coordinate> wanted;
        try {
            wanted = MavenDependencies.parse(Arrays.asList(coordinates));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (spec.host().isPresent()) {
            return CompletableFuture.failedFuture(new DependencyException("cannot add dependencies to "
                    + spec.host().get() + "'s worker while it runs: not supported for workers on other machines yet."
                    + " Give them in WorkerSpec.Builder.dependencies and start a new worker"));
        }
        return ready.thenApplyAsync(w -> resolve(wanted, spec.onDownload()), MavenDependencies.RESOLVING)
                .thenCompose(this::give);
    }

    private List<Path> resolve(List<Coordinate> wanted, Consumer<DownloadProgress> onDownload) {
        try {
            return spec.mavenDependencies().resolve(wanted, onDownload);
        } catch (ResolutionException e) {
            throw new CompletionException(new DependencyException(e.getMessage()));
        }
    }

    /** The worker first (so that what compiles also runs), then the host's JShell; then the list. */
    private CompletableFuture<List<Path>> give(List<Path> jars) {
        List<Path> fresh = new ArrayList<>(jars);
        fresh.removeAll(entries());
        if (fresh.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        String[] paths = fresh.stream().map(Path::toString).toArray(String[]::new);
        return link.request(id -> new Message.AddClasspath(id, paths))
                .thenApply(reply -> Replies.valueOrThrow(reply, null, "adding to the class path"))
                .thenCompose(v -> evaluations.addToClasspath(fresh))
                .thenApply(v -> {
                    synchronized (this) {
                        fresh.removeAll(entries);
                        entries.addAll(fresh);
                    }
                    return List.copyOf(fresh);
                });
    }
}
