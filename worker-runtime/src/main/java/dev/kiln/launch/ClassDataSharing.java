package dev.kiln.launch;

import dev.kiln.concurrent.LazyLogger;
import dev.kiln.platform.Jdk;
import dev.kiln.platform.OsFamily;
import dev.kiln.platform.UserFolders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Class data sharing for workers: an archive of the classes a worker loads before its first
 * replies, so a new worker maps them instead of parsing and verifying them.
 *
 * <p>One archive per JDK and runtime version, keyed by the JDK's home, its {@code release}
 * file and {@code lib/modules}, and the runtime class path entries with their sizes and
 * modification times. Kept in the user's cache folder ({@code $XDG_CACHE_HOME/kiln/cds},
 * {@code ~/.cache/kiln/cds}, {@code ~/Library/Caches/Kiln/cds}, {@code %LOCALAPPDATA%\Kiln\cds}).
 *
 * <p>The first launch for a key starts without an archive and builds one in the background:
 * a training JVM runs a real worker ({@code dev.kiln.worker.CdsTraining}) through its first calls
 * ({@link TrainingCalls}) and snippet engine and lists the classes it loads ({@code
 * -XX:DumpLoadedClassList}); the JDK's own list is added ({@link #addJdkDefaults}); a second JVM
 * dumps a static archive of them ({@code -Xshare:dump}), which takes the place of the JDK's default
 * archive in the worker; a third checks that it maps and serves the worker's classes. Only a
 * checked archive is moved into place; a key whose build failed is not tried again.
 *
 * <p>A static archive, on every JDK from 13 on: earlier versions built a dynamic one on top of
 * the JDK's ({@code -XX:ArchiveClassesAtExit}), and a worker then mapped and searched two. With one
 * archive of what it uses a worker was ready some 3 ms sooner and answered its first call some 4
 * ms sooner on JDK 17 (8-10 ms on JDK 25), and held 1-1.5 MB less (alternated runs here). Not
 * JDK 25's AOT cache ({@code -XX:AOTCacheOutput}, JEP 483/514): it loads and links every class
 * it holds as the JVM starts, the first request's (Kryo, the call path) included, and a JDK 25
 * worker with it was ready later than with no archive at all.
 *
 * <p>Never breaks a start: flags are added only when the archive exists and has a
 * static archive's header; the JVM itself ignores an archive it cannot use
 * ({@code -Xshare:auto}), and {@code -Xlog:cds*=off} keeps its warning off the worker's
 * output. Skipped when a runtime entry is a folder (AppCDS accepts only jars: in Kiln's own
 * tests the runtime is {@code target/classes}), when the spec's JVM flags already say
 * anything about sharing, and when the host property {@code kiln.cds=false} is set.
 */
public final class ClassDataSharing {
    /** Host system property: {@code false} disables worker class data sharing, whatever the specs say. */
    public static final String PROPERTY = "kiln.cds";
    /** Host system property: the folder for Kiln's caches, for specs that name none. */
    public static final String CACHE_PROPERTY = "kiln.cacheDir";
    /** Archives kept in the cache folder; older ones (other JDKs, older builds) are removed. */
    static final int KEEP = 8;

    /** The first four bytes of a static archive ({@code -Xshare:dump}), in the JVM's byte order. */
    private static final int STATIC_MAGIC = 0xf00baba2;

    private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";

    /** The suffix of the AOT caches earlier versions built for JDK 25+: removed when archives are pruned. */
    private static final String OLD_AOT_SUFFIX = ".aot";

    private static final System.Logger LOG = LazyLogger.of(ClassDataSharing.class);

    /** Archive builds in progress or done in this JVM, by archive path: a registry, so each archive is built once. */
    private static final Map<String, CompletableFuture<Optional<Path>>> BUILDS = new ConcurrentHashMap<>();

    /** Temporary archives being built: a host that exits meanwhile deletes them (they are megabytes each). */
    private static final java.util.Set<Path> TEMPORARY = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            hostExiting = true; // before the kill: the build that sees it must not blame the archive
                            BuildJvm.killAll();
                            TEMPORARY.forEach(t -> {
                                deleteQuietly(t);
                                deleteQuietly(t.resolveSibling(t.getFileName() + ".config"));
                                deleteQuietly(TrainingCalls.fileFor(t));
                                deleteQuietly(classListFor(t));
                            });
                        },
                        "kiln-kill-cds-builds-on-exit"));
    }

    /** Set by the shutdown hook: builds ending from now on were ended by the host's exit. */
    private static volatile boolean hostExiting;

    private ClassDataSharing() {}

    /**
     * The JVM flags that make a worker use the archive for its JDK and runtime, or none. When
     * the archive does not exist yet, starts building it in the background and returns none.
     */
    public static List<String> flagsFor(Path javaHome, List<Path> runtime, List<String> jvmArgs, Path cacheDir) {
        if (!applies(runtime, jvmArgs)) {
            return List.of();
        }
        Optional<String> key = key(javaHome, runtime);
        Optional<Path> dir = trusted(cacheDir);
        if (key.isEmpty() || dir.isEmpty()) {
            return List.of();
        }
        Path archive = archivePath(dir.get(), key.get());
        if (usable(archive)) {
            return flags(archive, feature(key.get()));
        }
        ensureArchive(javaHome, runtime, cacheDir);
        return List.of();
    }

    /** An archive a worker may map: a real archive, with the digest Kiln recorded, in files only this user can write. */
    static boolean usable(Path archive) {
        return isArchive(archive) && CacheTrust.verified(archive);
    }

    /** Folders warned about already (a warning per folder and host JVM). */
    private static final java.util.Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    /**
     * The cache folder to use: {@code cacheDir}, made owner-only when Kiln creates it, if it can
     * be trusted; else the user's own cache folder, if that can; else none (workers then start
     * without an archive). A folder refused is reported once, with the reason.
     */
    static Optional<Path> trusted(Path cacheDir) {
        Optional<String> problem = problemWith(cacheDir);
        if (problem.isEmpty()) {
            return Optional.of(cacheDir);
        }
        if (WARNED.add(cacheDir)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "worker class data sharing does not use " + cacheDir + ": "
                            + problem.get() + ". Make it yours and writable by you only (chmod 700), or choose another"
                            + " folder (WorkerSpec.cacheDirectory, -Dkiln.cacheDir)");
        }
        Path own = UserFolders.current().cache();
        return !own.equals(cacheDir) && problemWith(own).isEmpty() ? Optional.of(own) : Optional.empty();
    }

    private static Optional<String> problemWith(Path cacheDir) {
        Path cds = cacheDir.resolve("cds");
        try {
            CacheTrust.createPrivate(cds);
        } catch (IOException e) {
            return Optional.of("cannot create " + cds + ": " + e.getMessage());
        }
        return CacheTrust.folderProblem(cds);
    }

    /**
     * Kiln's flags for a worker on a JDK of feature version {@code feature} that uses {@code
     * archive}. From JDK 14 on, the archives are mapped where they were dumped ({@code
     * ArchiveRelocationMode=0}, the JDK's default until the JDK moved to 1 for address-space
     * randomization): relocating them at every start patches every pointer of both archives on
     * the worker's main thread before it runs any code (about a tenth of a worker's launch
     * here). A worker runs whatever code its host sends, so randomizing where the JDK's class
     * metadata lies protects it from little; docs/SECURITY.md says so. The JVM still relocates
     * when that address is taken.
     */
    static List<String> flags(Path archive, int feature) {
        List<String> flags = new ArrayList<>(List.of(ARCHIVE_FLAG + archive, "-Xlog:cds*=off"));
        if (feature >= 14) {
            flags.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
        }
        return List.copyOf(flags);
    }

    /** The archive that flags made by {@link #flags} name, or null when they name none. */
    static Path archiveIn(List<String> flags) {
        for (String f : flags) {
            if (f.startsWith(ARCHIVE_FLAG)) {
                return Path.of(f.substring(ARCHIVE_FLAG.length()));
            }
        }
        return null;
    }

    /** The JDK feature version of an archive key ({@code jdk17-...}, see {@link #key}). */
    static int feature(String key) {
        return Integer.parseInt(key.substring("jdk".length(), key.indexOf('-')));
    }

    /**
     * The archive for this JDK and runtime, built now if it is missing (in the background,
     * shared with any launch that asked for it). Empty when CDS does not apply or the build failed.
     */
    public static CompletableFuture<Optional<Path>> ensureArchive(Path javaHome, List<Path> runtime, Path cacheDir) {
        if (!applies(runtime, List.of())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Optional<String> key = key(javaHome, runtime);
        Optional<Path> dir = trusted(cacheDir);
        if (key.isEmpty() || dir.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Path archive = archivePath(dir.get(), key.get());
        if (usable(archive)) {
            return CompletableFuture.completedFuture(Optional.of(archive));
        }
        // A finished build whose archive has gone bad since (deleted, truncated) is done again.
        return BUILDS.compute(
                archive.toString(),
                (k, previous) -> previous != null && !(previous.isDone() && !usable(archive))
                        ? previous
                        : CompletableFuture.supplyAsync(
                                () -> build(javaHome, runtime, dir.get(), key.get()),
                                r -> dev.kiln.concurrent.KilnThreads.start(r, "kiln-cds-build")));
    }

    /** False when the host property {@code kiln.cds=false} turns class data sharing off for every worker. */
    public static boolean allowedByHost() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /** The cache folder for a spec's setting: that folder, else the host property {@code kiln.cacheDir}, else the user's. */
    public static Path cacheDir(Optional<Path> specified) {
        if (specified.isPresent()) {
            return specified.get();
        }
        String override = System.getProperty(CACHE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return UserFolders.current().cache();
    }

    /** AppCDS takes only jar class paths; and a spec that configures sharing itself is left alone. */
    static boolean applies(List<Path> runtime, List<String> jvmArgs) {
        if (runtime.isEmpty()) {
            return false;
        }
        for (Path p : runtime) {
            if (!p.getFileName().toString().toLowerCase().endsWith(".jar") || !Files.isRegularFile(p)) {
                return false;
            }
        }
        for (String a : jvmArgs) {
            if (a.startsWith("-Xshare")
                    || a.contains("SharedArchiveFile")
                    || a.contains("ArchiveClassesAtExit")
                    || a.contains("AutoCreateSharedArchive")
                    || a.contains("SharedClassListFile")
                    || a.contains("DumpLoadedClassList")
                    || a.contains("UseSharedSpaces")
                    || a.startsWith("-XX:AOT")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The archive's key: what the JVM checks before it maps an archive (JDK build, class path
     * entries, their sizes and times), hashed. Empty when the JDK is older than 13 or unknown.
     * The hash names a file and guards nothing (the JVM checks the archive against its class path,
     * {@link CacheTrust} its bytes), so it is no SHA-256: a fresh host would start the JDK's security
     * providers for it (some 20 ms here) before its first launch.
     */
    static Optional<String> key(Path javaHome, List<Path> runtime) {
        try {
            Path home = javaHome.toRealPath();
            Optional<String> version = javaVersion(home);
            if (version.isEmpty() || Jdk.feature(version.get()) < 13) {
                return Optional.empty();
            }
            StringBuilder sb = new StringBuilder("kiln-cds-4\n")
                    .append(home)
                    .append('\n')
                    .append(version.get())
                    .append('\n');
            Path release = home.resolve("release");
            if (Files.isRegularFile(release)) {
                sb.append(Files.readString(release, StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
            appendFile(sb, home.resolve("lib").resolve("modules"));
            for (Path p : runtime) {
                appendFile(sb, p.toAbsolutePath());
            }
            return Optional.of("jdk" + Jdk.feature(version.get()) + "-" + name(sb.toString()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * 24 hex digits (96 bits) that stand for {@code text}: two 64-bit FNV-1a hashes of its UTF-8
     * bytes from different starting points, each mixed with MurmurHash3's finalizer.
     */
    static String name(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        for (byte x : bytes) {
            a = (a ^ (x & 0xff)) * 0x100000001b3L;
            b = (b ^ (x & 0xff)) * 0x100000001b3L;
        }
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(mix(a)) + hex.toHexDigits((int) (mix(b ^ a) >>> 32));
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static void appendFile(StringBuilder sb, Path p) throws IOException {
        if (Files.exists(p)) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            sb.append(p)
                    .append(' ')
                    .append(a.size())
                    .append(' ')
                    .append(a.lastModifiedTime().toMillis())
                    .append('\n');
        }
    }

    /** The JDK's version, from its {@code release} file (or this JVM's, when it is this JDK). */
    static Optional<String> javaVersion(Path home) throws IOException {
        Optional<String> recorded = Jdk.releaseVersion(home);
        if (recorded.isPresent()) {
            return recorded;
        }
        if (home.equals(Path.of(System.getProperty("java.home")).toRealPath())) {
            return Optional.of(System.getProperty("java.version"));
        }
        return Optional.empty();
    }

    /** Where the archive for a key lives. */
    static Path archivePath(Path cacheDir, String key) {
        return cacheDir.resolve("cds").resolve(key + ".jsa");
    }

    /**
     * Adds the JDK's own list of classes ({@code lib/classlist}, the one its default archive was
     * dumped from) to the training's: the worker's archive replaces the JDK's, so without them
     * user code would load those classes from the JDK's modules, more slowly than a bare JVM does.
     * None when the JDK has no such list (a jlinked runtime may not).
     */
    static void addJdkDefaults(Path classList, Path javaHome) throws IOException {
        Path defaults = javaHome.resolve("lib").resolve("classlist");
        if (Files.isRegularFile(defaults)) {
            Files.write(classList, Files.readAllBytes(defaults), StandardOpenOption.APPEND);
        }
    }

    /** The list of classes the training loaded, beside the temporary archive {@code tmp} it is dumped to. */
    static Path classListFor(Path tmp) {
        String name = tmp.getFileName().toString();
        int end = name.indexOf(".tmp");
        return tmp.resolveSibling((end < 0 ? name : name.substring(0, end)) + ".classlist");
    }

    private static Path failedMarker(Path cacheDir, String key) {
        return cacheDir.resolve("cds").resolve(key + ".failed");
    }

    /** A regular file that starts with a static archive's magic number. */
    static boolean isArchive(Path p) {
        int magic = STATIC_MAGIC;
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            if (b.length < 4) {
                return false;
            }
            // The header is written in the platform's byte order (little-endian on x86 and arm64).
            int le = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
            int be = (b[3] & 0xff) | (b[2] & 0xff) << 8 | (b[1] & 0xff) << 16 | (b[0] & 0xff) << 24;
            return le == magic || be == magic;
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ building

    private static Optional<Path> build(Path javaHome, List<Path> runtime, Path cacheDir, String key) {
        String ours = key + "." + ProcessHandle.current().pid() + ".";
        try {
            return buildArchive(javaHome, runtime, cacheDir, key);
        } finally {
            // Moved into place or deleted by now: a host exiting later has nothing of this build to clean up.
            TEMPORARY.removeIf(t -> t.getFileName().toString().startsWith(ours));
        }
    }

    private static Optional<Path> buildArchive(Path javaHome, List<Path> runtime, Path cacheDir, String key) {
        Path target = archivePath(cacheDir, key);
        if (Files.exists(failedMarker(cacheDir, key))) {
            return Optional.empty();
        }
        Path tmp = null;
        try {
            CacheTrust.createPrivate(target.getParent());
            tmp = target.resolveSibling(
                    key + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp.jsa");
            TEMPORARY.add(tmp);
            String java = OsFamily.current().javaExecutable(javaHome).toString();
            long t0 = System.nanoTime();
            Path classList = classListFor(tmp);
            try {
                List<String> training = List.of(java, "-XX:DumpLoadedClassList=" + classList, "-Xlog:cds*=off");
                BuildJvm.Result train = TrainingCalls.train(concat(training, trainingMain(runtime)), tmp);
                if (train.exitCode() != 0 || !Files.isRegularFile(classList)) {
                    return failed(
                            cacheDir, key, tmp, "training run exited with " + train.exitCode() + ": " + train.output());
                }
                addJdkDefaults(classList, javaHome);
                List<String> dump = new ArrayList<>(List.of(
                        java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + tmp));
                dump.addAll(WorkerCommand.classPath(
                        OsFamily.current(), runtime.stream().map(Path::toString).toList()));
                BuildJvm.Result dumped = BuildJvm.run(dump);
                if (dumped.exitCode() != 0 || !isArchive(tmp)) {
                    return failed(
                            cacheDir,
                            key,
                            tmp,
                            "dumping the archive exited with " + dumped.exitCode() + ": " + dumped.output());
                }
            } finally {
                Files.deleteIfExists(classList);
            }
            // The archive must map and serve the worker's main class, or it is worth nothing.
            List<String> checkCmd = new ArrayList<>(List.of(java));
            checkCmd.addAll(List.of("-XX:SharedArchiveFile=" + tmp, "-Xshare:auto"));
            checkCmd.add("-Xlog:class+load=info");
            checkCmd.addAll(trainingMain(runtime));
            checkCmd.add("--check");
            BuildJvm.Result check = BuildJvm.run(checkCmd);
            String expected = WorkerCommand.WORKER_MAIN + " source: shared objects file";
            if (check.exitCode() != 0 || !check.output().contains(expected)) {
                return failed(cacheDir, key, tmp, "the archive is not used by a JVM (exit " + check.exitCode() + ")");
            }
            CacheTrust.writeDigest(target, tmp); // before the archive is in place: no archive without its digest
            if (!install(tmp, target, ClassDataSharing::move)) {
                return Optional.empty();
            }
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "worker CDS archive built in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + target);
            prune(target.getParent());
            return Optional.of(target);
        } catch (IOException | RuntimeException e) {
            return failed(cacheDir, key, tmp, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(tmp);
            return Optional.empty();
        }
    }

    /** The training's class path and main class: a worker's, so the archive matches a worker's class path. */
    static List<String> trainingMain(List<Path> runtime) {
        return WorkerCommand.main(
                OsFamily.current(),
                runtime.stream().map(Path::toString).toList(),
                WorkerCommand.TRAINING_MAIN,
                List.of());
    }

    private static Optional<Path> failed(Path cacheDir, String key, Path tmp, String why) {
        deleteQuietly(tmp);
        if (hostExiting) {
            // the host's exit ended the build, not a fault of the archive: the next host tries again
            return Optional.empty();
        }
        LOG.log(System.Logger.Level.INFO, "worker class data sharing is off for this JDK and runtime: " + why);
        try {
            Files.writeString(failedMarker(cacheDir, key), why + "\n");
        } catch (IOException ignored) {
            // not remembered: the next host tries again
        }
        return Optional.empty();
    }

    /** Moves a file into place, replacing what is there. */
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Puts a built archive in place; false when the OS denied it for now. On Windows the archive
     * being replaced may be mapped by a worker or held by a virus scanner: that is transient, so
     * no failure is remembered and the next build tries again; the temporary file goes.
     */
    static boolean install(Path tmp, Path target, Mover mover) throws IOException {
        try {
            mover.move(tmp, target);
            return true;
        } catch (AccessDeniedException e) {
            deleteQuietly(tmp);
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /**
     * Keeps the newest archives, each with its digest and stamp; the rest belong to replaced JDKs
     * or older builds of the runtime, and go with theirs (a digest or stamp whose archive is gone
     * goes too).
     */
    private static void prune(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> archives = new ArrayList<>();
            List<Path> sidecars = new ArrayList<>();
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".jsa")) {
                    archives.add(f);
                } else if (name.endsWith(".jsa" + CacheTrust.DIGEST_SUFFIX)
                        || name.endsWith(".jsa" + CacheTrust.STAMP_SUFFIX)) {
                    sidecars.add(f);
                } else if (name.endsWith(OLD_AOT_SUFFIX) || name.endsWith(OLD_AOT_SUFFIX + CacheTrust.DIGEST_SUFFIX)) {
                    deleteQuietly(f); // an AOT cache an earlier Kiln built for JDK 25+
                }
            }
            archives.sort(Comparator.comparing(ClassDataSharing::modified).reversed());
            for (int i = KEEP; i < archives.size(); i++) {
                deleteQuietly(archives.get(i));
            }
            List<Path> kept = archives.subList(0, Math.min(KEEP, archives.size()));
            for (Path sidecar : sidecars) {
                if (kept.stream()
                        .noneMatch(a -> CacheTrust.digestFile(a).equals(sidecar)
                                || CacheTrust.stampFile(a).equals(sidecar))) {
                    deleteQuietly(sidecar);
                }
            }
        } catch (IOException | UncheckedIOException ignored) {
            // pruning is housekeeping only
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // on Windows a mapped archive cannot be deleted; it goes next time
        }
    }
}
