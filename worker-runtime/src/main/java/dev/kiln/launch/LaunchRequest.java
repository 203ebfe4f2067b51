package dev.kiln.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a launcher starts: the host-side view of a worker's spec.
 *
 * @param name             the worker's display name
 * @param javaHome         the JDK to run it on
 * @param jvmArgs          the spec's JVM flags, as given
 * @param env              the spec's environment variables (on top of those the OS needs)
 * @param classpath        the user's class path
 * @param workingDirectory the working folder; empty for the host's
 * @param classDataSharing whether Kiln's class data sharing archive may be used
 * @param cacheDir         where archives are kept
 * @param startTimeout     how long the worker has from spawn to its hello
 * @param lowPriority      whether the worker runs at a lower CPU priority than the host (see {@link WorkerPriority})
 */
public record LaunchRequest(
        String name,
        Path javaHome,
        List<String> jvmArgs,
        Map<String, String> env,
        List<Path> classpath,
        Optional<Path> workingDirectory,
        boolean classDataSharing,
        Path cacheDir,
        Duration startTimeout,
        boolean lowPriority) {}
