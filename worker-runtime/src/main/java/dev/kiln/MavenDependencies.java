package dev.kiln;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.deps.Coordinate;
import dev.kiln.deps.DependencyResolver;
import dev.kiln.deps.ResolutionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A spec's Maven dependencies and where to resolve them: part of what its workers are launched
 * with. Coordinates are kept as Maven writes them ({@code org.apache.commons:commons-lang3:3.14.0}).
 *
 * @param coordinates     the artifacts, checked for shape
 * @param repositories    the remote repositories' URLs; null for Maven Central and the settings' active profiles
 * @param localRepository the local repository; null for Maven's
 */
record MavenDependencies(List<String> coordinates, List<String> repositories, Path localRepository) {
    static final MavenDependencies NONE = new MavenDependencies(List.of(), null, null);

    /** Where resolutions run, off their callers' threads (downloads wait on the network). */
    static final ExecutorService RESOLVING = Executors.newCachedThreadPool(KilnThreads.factory("kiln-resolve-"));

    MavenDependencies {
        coordinates = List.copyOf(coordinates);
        repositories = repositories == null ? null : List.copyOf(repositories);
    }

    /** With {@code more} coordinates after these; {@link IllegalArgumentException} for one that is not a coordinate. */
    MavenDependencies plus(List<String> more) {
        Objects.requireNonNull(more, "coordinates");
        List<String> all = new ArrayList<>(coordinates);
        for (Coordinate c : parse(more)) {
            if (!all.contains(c.toString())) {
                all.add(c.toString());
            }
        }
        return new MavenDependencies(all, repositories, localRepository);
    }

    /** With these repositories instead of the default ones; each must be an http(s) or file URL. */
    MavenDependencies withRepositories(List<String> urls) {
        if (urls == null) {
            return new MavenDependencies(coordinates, null, localRepository);
        }
        for (String url : urls) {
            checkUrl(url);
        }
        return new MavenDependencies(coordinates, urls, localRepository);
    }

    MavenDependencies withLocalRepository(Path dir) {
        return new MavenDependencies(
                coordinates,
                repositories,
                dir == null ? null : dir.toAbsolutePath().normalize());
    }

    /** The coordinates parsed; {@link IllegalArgumentException} for the first that is not one. */
    static List<Coordinate> parse(List<String> coordinates) {
        List<Coordinate> out = new ArrayList<>();
        for (String c : coordinates) {
            out.add(Coordinate.parse(c));
        }
        return out;
    }

    private static void checkUrl(String url) {
        String scheme = null;
        try {
            scheme = url == null ? null : new URI(url.strip()).getScheme();
        } catch (URISyntaxException e) {
            // said below
        }
        if (scheme == null || !List.of("http", "https", "file").contains(scheme.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("repository \"" + url + "\" is not a repository URL: give the http(s) or"
                    + " file: URL of a Maven repository, e.g. " + DependencyResolver.CENTRAL);
        }
    }

    /** Resolves {@code wanted} (on the calling thread) with these repositories; the jars, dependencies included. */
    List<Path> resolve(List<Coordinate> wanted, Consumer<DownloadProgress> onDownload) throws ResolutionException {
        if (wanted.isEmpty()) {
            return List.of(); // and the resolver is not loaded: a worker's own runtime (nested workers) has none
        }
        try {
            return DependencyResolver.resolve(new DependencyResolver.Request(
                    wanted,
                    Optional.ofNullable(repositories),
                    Optional.ofNullable(localRepository),
                    d -> onDownload.accept(
                            new DownloadProgress(d.file(), d.repository(), d.bytes(), d.totalBytes(), d.done()))));
        } catch (NoClassDefFoundError e) {
            throw new ResolutionException("cannot resolve " + wanted + ": this JVM lacks Maven's resolver"
                    + " (dev.kiln:maven-resolver, the module dev.kiln.maven.resolver), which Kiln resolves dependencies"
                    + " with. A worker has none of its own: give the dependencies to the top host's worker, or put"
                    + " that jar on this JVM's class path");
        }
    }

    /** Resolves all the coordinates off the caller's thread; fails with {@link DependencyException}. */
    CompletableFuture<List<Path>> resolveAsync(Consumer<DownloadProgress> onDownload) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return resolve(parse(coordinates), onDownload);
                    } catch (ResolutionException e) {
                        throw new DependencyException(e.getMessage());
                    }
                },
                RESOLVING);
    }

    @Override
    public String toString() {
        return (coordinates.isEmpty() ? "" : ", dependencies=" + coordinates)
                + (repositories == null ? "" : ", repositories=" + repositories)
                + (localRepository == null ? "" : ", localRepository=" + localRepository);
    }
}
