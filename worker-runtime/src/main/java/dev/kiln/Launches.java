package dev.kiln;

import dev.kiln.deps.ResolutionException;
import dev.kiln.host.LaunchedWorker;
import dev.kiln.launch.ClassDataSharing;
import dev.kiln.launch.LaunchException;
import dev.kiln.launch.LaunchRequest;
import dev.kiln.launch.LocalLauncher;
import dev.kiln.launch.RuntimeClasspath;
import dev.kiln.launch.WorkerLauncher;
import dev.kiln.platform.OsFamily;
import dev.kiln.ssh.SshLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a spec becomes a started process: a name, its Maven dependencies resolved (on the launching
 * thread, before anything is spawned), then the launcher of its machine. The user class path is the
 * spec's entries, then the dependencies' jars.
 */
final class Launches {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final WorkerLauncher LOCAL = new LocalLauncher(OsFamily.current());

    private Launches() {}

    /**
     * A launched worker and its user class path.
     *
     * @param name      its display name
     * @param process   the process (one that never started when the dependencies could not be resolved)
     * @param classpath the spec's class path, then the jars of its dependencies
     */
    record Launch(String name, LaunchedWorker process, List<Path> classpath) {}

    static Launch launch(WorkerSpec spec) {
        String name = spec.name().orElseGet(() -> "worker-" + NAMES.incrementAndGet());
        List<Path> classpath = new ArrayList<>(spec.classpath());
        try {
            MavenDependencies deps = spec.mavenDependencies();
            for (Path jar : deps.resolve(MavenDependencies.parse(deps.coordinates()), spec.onDownload())) {
                if (!classpath.contains(jar)) {
                    classpath.add(jar);
                }
            }
        } catch (ResolutionException e) {
            return new Launch(name, LaunchedWorker.notStarted(new LaunchException(e.getMessage(), e)), classpath);
        }
        if (LiveWorkers.exiting()) {
            return new Launch(
                    name,
                    LaunchedWorker.notStarted(new LaunchException(
                            "this JVM is exiting (its shutdown hooks run): a worker started now would not be stopped"
                                    + " with it, so none is. Start workers before System.exit, not from a shutdown"
                                    + " hook")),
                    classpath);
        }
        LaunchedWorker process = launcher(spec).launchOrNotStarted(request(spec, name, classpath));
        return new Launch(name, process, List.copyOf(classpath));
    }

    /** Builds (or finds) the class data sharing archive for this spec's workers; see {@link Worker#prepareClassDataSharing}. */
    static CompletableFuture<Optional<Path>> prepareClassDataSharing(WorkerSpec spec) {
        if (!spec.classDataSharing() || !ClassDataSharing.allowedByHost()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return ClassDataSharing.ensureArchive(
                spec.javaHome(), RuntimeClasspath.entries(), ClassDataSharing.cacheDir(spec.cacheDirectory()));
    }

    /** What the launcher needs of {@code spec}, for a worker of this name and user class path. */
    private static LaunchRequest request(WorkerSpec spec, String name, List<Path> classpath) {
        boolean local = spec.host().isEmpty();
        return new LaunchRequest(
                name,
                spec.javaHome(),
                spec.jvmArgs(),
                spec.env(),
                List.copyOf(classpath),
                spec.workingDirectory(),
                spec.classDataSharing() && local,
                local ? ClassDataSharing.cacheDir(spec.cacheDirectory()) : SshLauncher.cacheDir(spec.cacheDirectory()),
                spec.startTimeout(),
                spec.lowPriority());
    }

    /** Who starts this spec's workers: this machine, or the SSH host. */
    private static WorkerLauncher launcher(WorkerSpec spec) {
        return spec.host().isEmpty() ? LOCAL : SshLauncher.of(spec.ssh());
    }
}
