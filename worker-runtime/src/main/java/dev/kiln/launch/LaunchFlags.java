package dev.kiln.launch;

import dev.kiln.concurrent.Timers;
import dev.kiln.platform.Jdk;
import dev.kiln.platform.OsFamily;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kiln's own JVM flags for a local worker: {@link WorkerEnvironment#kilnFlags} for its JDK's
 * version and, where class data sharing applies, {@link ClassDataSharing#flagsFor}.
 *
 * <p>Working them out reads the JDK's {@code release} file, hashes the archive's key, checks the
 * cache folder's owner and permissions and the archive's digest: several ms of the host's time
 * before every spawn, as a host runs its launch code too rarely for it to be compiled. So they are
 * worked out in full once per JDK, runtime, JVM flags and cache folder, then reused while the
 * files they were worked out from last are unchanged, each checked (its size and time) before
 * every launch: the JDK's {@code release} file and the archive (size and time, so an archive
 * rewritten in place is checked against its digest again before any worker maps it).
 *
 * <p>What else they rest on (the archive's key: the JDK's modules and the runtime's jars; the
 * cache folder's owner and permissions, which only their owner can change) is worked out again in
 * the background, at most every {@link #RECHECK_EVERY} and a while after the launch that found it
 * due, so as not to compete with that worker's start; the launches after it use its answer. Until
 * then a worker whose runtime jar changed is refused the stale archive by its own JVM (which
 * checks the class path's jars against the archive) and starts without it: slower, never wrong.
 */
final class LaunchFlags {
    /** How old reused flags may grow before they are worked out again in the background. */
    static final Duration RECHECK_EVERY = Duration.ofSeconds(5);
    /** How long after the launch that found a recheck due it runs. */
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(2);

    /** How many sets of inputs are remembered at most: a host whose every worker has flags of its own keeps none long. */
    static final int REMEMBERED_AT_MOST = 32;

    private static final Map<Inputs, Worked> REUSABLE = new ConcurrentHashMap<>();
    private static final Set<Inputs> RECHECKING = ConcurrentHashMap.newKeySet();
    /** How many times flags were worked out in full, by JDK (tests see reuse by it). */
    private static final Map<Path, AtomicLong> WORKED_OUT = new ConcurrentHashMap<>();

    private LaunchFlags() {}

    /**
     * What the flags are worked out from; {@code cacheDir} is null where no archive is asked for.
     * Its {@code equals} and {@code hashCode} are written out: a record's own go through method
     * handles, which cost a launch more than a millisecond while its code is interpreted.
     */
    private record Inputs(Path javaHome, List<Path> runtime, List<String> jvmArgs, Path cacheDir) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Inputs i
                    && javaHome.equals(i.javaHome)
                    && runtime.equals(i.runtime)
                    && jvmArgs.equals(i.jvmArgs)
                    && Objects.equals(cacheDir, i.cacheDir);
        }

        @Override
        public int hashCode() {
            return ((javaHome.hashCode() * 31 + runtime.hashCode()) * 31 + jvmArgs.hashCode()) * 31
                    + Objects.hashCode(cacheDir);
        }
    }

    /** Flags worked out in full, the files they rest on as they were before, and when. */
    private record Worked(List<String> flags, List<Stamp> stamps, long atNanos) {
        boolean unchanged() {
            for (Stamp s : stamps) {
                if (!s.equals(Stamp.of(s.file()))) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A file's size and time, 0 and 0 when there is no such file. Through {@code java.io.File}: two
     * native calls, where {@code Files.readAttributes} runs a millisecond of interpreted NIO code.
     */
    private record Stamp(File file, long size, long modified) {
        static Stamp of(File file) {
            return new Stamp(file, file.length(), file.lastModified());
        }

        @Override
        public boolean equals(Object o) { // written out, as Inputs's
            return o instanceof Stamp s && size == s.size && modified == s.modified && file.equals(s.file);
        }

        @Override
        public int hashCode() {
            return file.hashCode() * 31 + Long.hashCode(size);
        }
    }

    /**
     * Kiln's flags for a worker on {@code javaHome} with this runtime and these JVM flags, with the
     * class data sharing flags of the archive in {@code cacheDir} when {@code classDataSharing}.
     */
    static List<String> of(
            Path javaHome, List<Path> runtime, List<String> jvmArgs, boolean classDataSharing, Path cacheDir) {
        Inputs in = new Inputs(javaHome, runtime, jvmArgs, classDataSharing ? cacheDir : null);
        Worked reused = REUSABLE.get(in);
        if (reused != null && reused.unchanged()) {
            if (System.nanoTime() - reused.atNanos() > RECHECK_EVERY.toNanos()) {
                recheckLater(in);
            }
            return reused.flags();
        }
        return workOut(in);
    }

    /** How many sets of inputs have their flags remembered now. */
    static int remembered() {
        return REUSABLE.size();
    }

    /** How many times flags for workers on {@code javaHome} were worked out in full since this JVM started. */
    static long workedOut(Path javaHome) {
        AtomicLong n = WORKED_OUT.get(javaHome);
        return n == null ? 0 : n.get();
    }

    private static void recheckLater(Inputs in) {
        if (RECHECKING.add(in)) {
            Timers.timer()
                    .schedule(
                            () -> {
                                try {
                                    workOut(in);
                                } finally {
                                    RECHECKING.remove(in);
                                }
                            },
                            RECHECK_AFTER.toMillis(),
                            TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Works the flags out in full and keeps them for reuse, unless they are about to change: an
     * archive that is missing (its build has started) or not trusted is looked for at every launch.
     */
    private static List<String> workOut(Inputs in) {
        WORKED_OUT.computeIfAbsent(in.javaHome(), h -> new AtomicLong()).incrementAndGet();
        long at = System.nanoTime();
        // Stamped before they are read: a change made meanwhile shows at the next launch.
        List<Stamp> stamps = new ArrayList<>(
                List.of(Stamp.of(in.javaHome().resolve("release").toFile())));
        List<String> flags = new ArrayList<>(WorkerEnvironment.kilnFlags(
                Jdk.releaseVersion(in.javaHome()).map(Jdk::feature).orElse(0),
                OsFamily.current(),
                SigintAtBirth.here().workerMayBeBornIgnoring()));
        boolean settled = true;
        if (in.cacheDir() != null && ClassDataSharing.applies(in.runtime(), in.jvmArgs())) {
            List<String> cds = ClassDataSharing.flagsFor(in.javaHome(), in.runtime(), in.jvmArgs(), in.cacheDir());
            flags.addAll(cds);
            Path archive = ClassDataSharing.archiveIn(cds);
            if (archive == null) {
                settled = false;
            } else {
                stamps.add(Stamp.of(archive.toFile()));
                settled = ClassDataSharing.usable(archive); // the archive stamped is one whose digest matched
            }
        }
        List<String> result = List.copyOf(flags);
        if (settled) {
            if (REUSABLE.size() >= REMEMBERED_AT_MOST && !REUSABLE.containsKey(in)) {
                REUSABLE.clear(); // worked out again as they come
            }
            REUSABLE.put(in, new Worked(result, List.copyOf(stamps), at));
        } else {
            REUSABLE.remove(in);
        }
        return result;
    }
}
