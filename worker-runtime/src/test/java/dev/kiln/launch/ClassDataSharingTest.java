package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.TestJdks;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClassDataSharingTest {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    /** A JDK 25 or later, for the AOT cache (the test is skipped where there is none). */
    private static final Optional<Path> JDK25 = TestJdks.find(25, true);

    @TempDir
    Path tmp;

    private Path cache() {
        return tmp.resolve("cache");
    }

    /** The archive for {@code runtime} in this test's cache, built now. */
    private Path builtArchive(List<Path> runtime) throws Exception {
        return ClassDataSharing.ensureArchive(JAVA_HOME, runtime, cache())
                .get(3, TimeUnit.MINUTES)
                .orElseThrow();
    }

    @Test
    void anArchiveTheOsWillNotReplaceNowIsNotAFailureForGood(@TempDir Path dir) throws Exception {
        Path tmp = Files.writeString(dir.resolve("new.tmp.jsa"), "archive");
        Path target = Files.writeString(dir.resolve("key.jsa"), "mapped by a running worker");
        boolean installed = ClassDataSharing.install(tmp, target, (from, to) -> {
            throw new java.nio.file.AccessDeniedException(to.toString()); // what Windows says of a mapped file
        });
        assertThat(installed).isFalse();
        assertThat(tmp).as("the temporary archive is gone").doesNotExist();
        assertThat(target).hasContent("mapped by a running worker");
        assertThat(ClassDataSharing.install(
                        Files.writeString(dir.resolve("again.tmp.jsa"), "archive"),
                        target,
                        (from, to) -> Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING)))
                .as("the next try goes ahead")
                .isTrue();
        assertThat(target).hasContent("archive");
    }

    @Test
    void onlyJarClassPathsAndSpecsThatLeaveSharingAloneQualify() throws IOException {
        Path jar = Files.write(tmp.resolve("a.jar"), new byte[] {1});
        assertThat(ClassDataSharing.applies(List.of(jar), List.of("-Xmx64m"))).isTrue();
        assertThat(ClassDataSharing.applies(List.of(jar, tmp), List.of()))
                .as("a class folder")
                .isFalse();
        assertThat(ClassDataSharing.applies(List.of(jar), List.of("-Xshare:off")))
                .isFalse();
        assertThat(ClassDataSharing.applies(List.of(jar), List.of("-XX:SharedArchiveFile=/x.jsa")))
                .isFalse();
        assertThat(ClassDataSharing.applies(List.of(), List.of())).isFalse();
    }

    @Test
    void anArchivesNameIsTwentyFourHexDigitsThatFollowEveryCharacterOfItsKey() {
        String key = "kiln-cds-3\n/usr/lib/jvm/java-17\n17.0.15\n/a.jar 1234 5678\n";
        assertThat(ClassDataSharing.name(key)).matches("[0-9a-f]{24}").isEqualTo(ClassDataSharing.name(key));
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < key.length(); i++) {
            names.add(ClassDataSharing.name(key.substring(0, i) + (char) (key.charAt(i) ^ 1) + key.substring(i + 1)));
        }
        names.add(ClassDataSharing.name(key));
        assertThat(names).as("one name per text").hasSize(key.length() + 1);
    }

    @Test
    void theKeyChangesWithTheRuntimeJars() throws IOException {
        Path jar = Files.write(tmp.resolve("a.jar"), new byte[] {1});
        String before = ClassDataSharing.key(JAVA_HOME, List.of(jar)).orElseThrow();
        assertThat(ClassDataSharing.key(JAVA_HOME, List.of(jar))).contains(before);
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertThat(ClassDataSharing.key(JAVA_HOME, List.of(jar)).orElseThrow()).isNotEqualTo(before);
        assertThat(before).startsWith("jdk" + Runtime.version().feature() + "-");
    }

    @Test
    void garbageIsNotAnArchive() throws IOException {
        assertThat(ClassDataSharing.isArchive(Files.writeString(tmp.resolve("x.jsa"), "garbage")))
                .isFalse();
        assertThat(ClassDataSharing.isArchive(tmp.resolve("missing.jsa"))).isFalse();
    }

    static Stream<Arguments> jdks() {
        return Stream.of(
                Arguments.of("host JDK", JAVA_HOME, "-XX:SharedArchiveFile=", ".jsa"),
                Arguments.of("JDK 25+", JDK25.orElse(null), "-XX:SharedArchiveFile=", ".jsa"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void buildsAnArchiveThatWorkersUseAndRebuildsABadOne(String label, Path javaHome, String flag, String suffix)
            throws Exception {
        Assumptions.assumeTrue(javaHome != null, "no JDK 25 or later on this machine (see TestJdks)");
        List<Path> runtime = jarredRuntime();
        assertThat(ClassDataSharing.flagsFor(javaHome, runtime, List.of("-Xshare:off"), cache()))
                .isEmpty();

        Optional<Path> archive =
                ClassDataSharing.ensureArchive(javaHome, runtime, cache()).get(3, TimeUnit.MINUTES);
        assertThat(archive).isPresent();
        assertThat(archive.get()).startsWith(tmp.resolve("cache"));
        assertThat(archive.get().getFileName().toString()).endsWith(suffix);
        assertThat(ClassDataSharing.isArchive(archive.get())).isTrue();
        List<String> flags = ClassDataSharing.flagsFor(javaHome, runtime, List.of(), cache());
        assertThat(flags).contains(flag + archive.get());
        assertThat(run(javaHome, runtime, flags, "-Xlog:class+load=info"))
                .contains("dev.kiln.worker.WorkerMain source: shared objects file");
        try (Stream<Path> left = Files.list(archive.get().getParent())) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no temporary files left")
                    .noneMatch(n -> n.contains(".tmp") || n.endsWith(".config") || n.endsWith(".classlist"));
        }

        // A damaged archive: no flags, no failed start, and a rebuild.
        archive.get().toFile().setWritable(true);
        Files.writeString(archive.get(), "garbage");
        assertThat(run(javaHome, runtime, ClassDataSharing.flags(archive.get(), 17)))
                .isEmpty(); // starts, and says nothing
        assertThat(ClassDataSharing.flagsFor(javaHome, runtime, List.of(), cache()))
                .isEmpty();
        Optional<Path> rebuilt =
                ClassDataSharing.ensureArchive(javaHome, runtime, cache()).get(3, TimeUnit.MINUTES);
        assertThat(rebuilt).contains(archive.get());
        assertThat(ClassDataSharing.isArchive(archive.get())).isTrue();
    }

    @Test
    void theArchiveHoldsTheJdksOwnDefaultClassesBesideTheWorkers() throws Exception {
        Path defaults = JAVA_HOME.resolve("lib").resolve("classlist");
        Assumptions.assumeTrue(Files.isRegularFile(defaults), "this JDK has no list of its default classes");
        List<Path> runtime = jarredRuntime();
        Path archive = builtArchive(runtime);
        // The archive takes the place of the JDK's own: what that one serves a bare JVM, this one serves a worker.
        String dictionary = run(
                JAVA_HOME,
                runtime,
                ClassDataSharing.flags(archive, Runtime.version().feature()),
                "-XX:+PrintSharedArchiveAndExit",
                "-XX:+PrintSharedDictionary");
        List<String> jdkDefaults = Files.readAllLines(defaults).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("@"))
                .map(l -> l.split(" ")[0].replace('/', '.'))
                .toList();
        assertThat(dictionary).contains(" dev.kiln.worker.WorkerMain ", " dev.kiln.worker.WorkerAgent ");
        assertThat(jdkDefaults).isNotEmpty().allMatch(c -> dictionary.contains(" " + c + " "));
    }

    @Test
    void theAotCachesOfEarlierVersionsAreRemovedWithOldArchives() throws Exception {
        List<Path> runtime = jarredRuntime();
        Path cds = Files.createDirectories(cache().resolve("cds"));
        Path oldCache = Files.writeString(cds.resolve("jdk25-0123456789abcdef01234567.aot"), "an old AOT cache");
        Path oldDigest = Files.writeString(cds.resolve("jdk25-0123456789abcdef01234567.aot.sha256"), "digest");
        assertThat(ClassDataSharing.ensureArchive(JAVA_HOME, runtime, cache()).get(3, TimeUnit.MINUTES))
                .isPresent();
        assertThat(oldCache).doesNotExist();
        assertThat(oldDigest).doesNotExist();
    }

    @Test
    void archivesAreMappedWhereTheyWereDumpedFromJdk14On() {
        Path archive = Path.of("jdk17-0123456789abcdef01234567.jsa");
        assertThat(ClassDataSharing.flags(archive, 17))
                .containsSubsequence("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
        assertThat(ClassDataSharing.flags(archive, 13))
                .as("JDK 13 has no such flag: it would not start")
                .noneMatch(f -> f.contains("ArchiveRelocationMode"));
        assertThat(ClassDataSharing.feature("jdk25-0123456789abcdef01234567")).isEqualTo(25);
    }

    @Test
    void prunedArchivesTakeTheirDigestsWithThem() throws Exception {
        List<Path> runtime = jarredRuntime();
        Path cds = Files.createDirectories(cache().resolve("cds"));
        List<Path> old = new ArrayList<>();
        for (int i = 0; i < ClassDataSharing.KEEP; i++) {
            Path a = Files.writeString(cds.resolve("jdk17-00000000000000000000000" + i + ".jsa"), "an old archive");
            Files.writeString(CacheTrust.digestFile(a), "digest");
            Files.setLastModifiedTime(a, FileTime.fromMillis(1_000_000L * (i + 1)));
            old.add(a);
        }
        Path orphan = Files.writeString(cds.resolve("jdk17-ffffffffffffffffffffffff.jsa.sha256"), "digest");

        Path built = ClassDataSharing.ensureArchive(JAVA_HOME, runtime, cache())
                .get(3, TimeUnit.MINUTES)
                .orElseThrow();

        assertThat(old.get(0)).as("the oldest archive, one too many").doesNotExist();
        assertThat(CacheTrust.digestFile(old.get(0))).as("and its digest").doesNotExist();
        assertThat(orphan).as("a digest whose archive is gone").doesNotExist();
        assertThat(old.subList(1, old.size())).allMatch(Files::exists);
        assertThat(CacheTrust.digestFile(old.get(1))).exists();
        assertThat(CacheTrust.digestFile(built)).exists();
    }

    @Test
    @EnabledOnOs(
            value = {OS.LINUX, OS.MAC},
            disabledReason = "POSIX owners and permissions")
    void archivesInFoldersOthersCanWriteOrSwappedArchivesAreNeverUsed() throws Exception {
        List<Path> runtime = jarredRuntime();
        Path archive = builtArchive(runtime);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.getParent())))
                .as("a cache folder Kiln creates is its user's only")
                .isEqualTo("rwx------");
        assertThat(ClassDataSharing.flagsFor(JAVA_HOME, runtime, List.of(), cache()))
                .contains("-XX:SharedArchiveFile=" + archive);

        // The same archive, with its digest, in a folder other users can write: someone could have put it there.
        Path shared = Files.createDirectories(tmp.resolve("shared/cds"));
        Files.setPosixFilePermissions(shared.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.copy(archive, shared.resolve(archive.getFileName()));
        Files.copy(
                CacheTrust.digestFile(archive),
                shared.resolve(CacheTrust.digestFile(archive).getFileName()));
        assertThat(ClassDataSharing.trusted(tmp.resolve("shared"))).isNotEqualTo(Optional.of(tmp.resolve("shared")));
        assertThat(ClassDataSharing.flagsFor(JAVA_HOME, runtime, List.of(), tmp.resolve("shared")))
                .noneMatch(f -> f.contains(shared.toString()));

        // An archive swapped in place (valid header, other bytes): its digest no longer matches.
        archive.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(archive, bytes);
        assertThat(ClassDataSharing.isArchive(archive))
                .as("it still looks like an archive")
                .isTrue();
        assertThat(ClassDataSharing.flagsFor(JAVA_HOME, runtime, List.of(), cache()))
                .isEmpty();
        assertThat(ClassDataSharing.ensureArchive(JAVA_HOME, runtime, cache()).get(3, TimeUnit.MINUTES))
                .as("rebuilt")
                .contains(archive);
        assertThat(ClassDataSharing.usable(archive)).isTrue();
    }

    @Test
    @EnabledOnOs(
            value = {OS.LINUX, OS.MAC},
            disabledReason = "a file's inode and change time (the \"unix\" attribute view)")
    void aVerifiedArchiveIsNotReadAgainByTheNextHostUnlessItChanged() throws Exception {
        List<Path> runtime = jarredRuntime();
        Path archive = builtArchive(runtime);
        Path stamp = CacheTrust.stampFile(archive);
        CacheTrust.forgetVerified();
        assertThat(CacheTrust.verified(archive)).isTrue();
        assertThat(stamp)
                .as("no stamp for an archive that changed a moment ago: a change within the file system's"
                        + " time granularity would not show")
                .doesNotExist();

        Instant later = Instant.now().plusSeconds(60);
        CacheTrust.forgetVerified();
        assertThat(CacheTrust.verified(archive, later, OsFamily.current())).isTrue();
        assertThat(stamp).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stamp)))
                .isEqualTo("rw-------");

        int hashed = CacheTrust.hashes();
        CacheTrust.forgetVerified(); // the next host
        assertThat(CacheTrust.verified(archive, later, OsFamily.current())).isTrue();
        assertThat(ClassDataSharing.flagsFor(JAVA_HOME, runtime, List.of(), cache()))
                .contains("-XX:SharedArchiveFile=" + archive);
        assertThat(CacheTrust.hashes())
                .as("the stamp spared reading the archive")
                .isEqualTo(hashed);

        // Other bytes, the same size and modification time: the change time gives it away.
        FileTime modified = Files.getLastModifiedTime(archive);
        archive.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(archive, bytes);
        Files.setLastModifiedTime(archive, modified);
        CacheTrust.forgetVerified();
        assertThat(CacheTrust.verified(archive, later, OsFamily.current())).isFalse();
        assertThat(CacheTrust.hashes()).as("read again, and refused").isEqualTo(hashed + 1);
    }

    @Test
    void onWindowsAnArchiveIsHashedOncePerHostAndGetsNoStamp() throws Exception {
        Path archive = builtArchive(jarredRuntime());
        Instant later = Instant.now().plusSeconds(60);
        for (int host = 0; host < 2; host++) {
            CacheTrust.forgetVerified();
            int hashed = CacheTrust.hashes();
            assertThat(CacheTrust.verified(archive, later, OsFamily.WINDOWS)).isTrue();
            assertThat(CacheTrust.hashes()).as("host " + host + " read it").isEqualTo(hashed + 1);
            assertThat(CacheTrust.verified(archive, later, OsFamily.WINDOWS)).isTrue();
            assertThat(CacheTrust.hashes()).as("once per host").isEqualTo(hashed + 1);
        }
        assertThat(CacheTrust.stampFile(archive)).doesNotExist();
    }

    @Test
    @EnabledOnOs(
            value = {OS.LINUX, OS.MAC},
            disabledReason = "POSIX permissions")
    void anArchivesDigestIsItsOwnersOnlyWhateverTheUmask() throws Exception {
        Path archive = builtArchive(jarredRuntime());
        // Made with the default mode, a user's umask of 002 (Debian's for users with their own group)
        // would leave it group-writable, and such a digest is never trusted.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(CacheTrust.digestFile(archive))))
                .isEqualTo("rw-------");
    }

    @Test
    void aHostThatExitsDuringABuildLeavesNoTemporaryArchiveAndNoFailureMark() throws Exception {
        List<Path> runtime = jarredRuntime();
        List<String> cmd = new ArrayList<>(List.of(
                JAVA_HOME.resolve("bin").resolve("java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BuildInterruptedByExit.class.getName(),
                cache().toString()));
        runtime.forEach(p -> cmd.add(p.toString()));
        Process host = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(host.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(host.exitValue()).as(out).isZero();
        assertThat(out).contains("temporary archive written");
        try (Stream<Path> left = Files.list(cache().resolve("cds"))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("what the exiting host left: no temporary archive, and no mark that the build failed"
                            + " (the next host builds it)")
                    .noneMatch(n -> n.contains(".tmp") || n.endsWith(".failed"));
        }
    }

    /** Runs the training class's check mode (loads WorkerMain) with these flags; returns its output. */
    private String run(Path javaHome, List<Path> runtime, List<String> flags, String... more) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.addAll(flags);
        cmd.addAll(List.of(more));
        cmd.addAll(ClassDataSharing.trainingMain(runtime));
        cmd.add("--check");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private List<Path> jarredRuntime() throws IOException {
        return JarredRuntime.in(tmp);
    }
}
