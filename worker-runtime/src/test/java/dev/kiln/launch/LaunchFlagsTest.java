package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kiln's flags for a worker are worked out once, and again whenever a file they rest on changed. */
class LaunchFlagsTest {
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path tmp;

    @Test
    void theFlagsForAJdkAreReusedUntilItsReleaseFileChanges() throws Exception {
        Path jdk = Files.createDirectories(tmp.resolve("jdk"));
        Path release = Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        List<String> first = LaunchFlags.of(jdk, List.of(), List.of(), false, tmp.resolve("cache"));
        assertThat(first).contains("-Dfile.encoding=UTF-8");
        assertThat(LaunchFlags.of(jdk, List.of(), List.of(), false, tmp.resolve("cache")))
                .isEqualTo(first);
        assertThat(LaunchFlags.workedOut(jdk))
                .as("worked out once, then reused")
                .isEqualTo(1);

        // The JDK in that folder replaced by a JDK 22 (same length of version, the file's time moved on).
        FileTime before = Files.getLastModifiedTime(release);
        Files.writeString(release, "JAVA_VERSION=\"22.0.1\"\n");
        Files.setLastModifiedTime(release, FileTime.fromMillis(before.toMillis() + 5_000));
        assertThat(LaunchFlags.of(jdk, List.of(), List.of(), false, tmp.resolve("cache")))
                .isEqualTo(WorkerEnvironment.kilnFlags(
                        22, OsFamily.current(), SigintAtBirth.here().workerMayBeBornIgnoring()))
                .doesNotContain("-Dfile.encoding=UTF-8");
        assertThat(LaunchFlags.workedOut(jdk)).isEqualTo(2);

        Files.delete(release);
        assertThat(LaunchFlags.of(jdk, List.of(), List.of(), false, tmp.resolve("cache")))
                .as("a JDK of unknown version gets no version's flags")
                .isEmpty();
    }

    @Test
    void anArchiveRewrittenInPlaceIsCheckedAgainstItsDigestBeforeAWorkerMapsIt() throws Exception {
        List<Path> runtime = JarredRuntime.in(tmp);
        Path cache = tmp.resolve("cache");
        Path archive = ClassDataSharing.ensureArchive(JAVA_HOME, runtime, cache)
                .get(3, TimeUnit.MINUTES)
                .orElseThrow();
        long before = LaunchFlags.workedOut(JAVA_HOME);
        List<String> flags = LaunchFlags.of(JAVA_HOME, runtime, List.of(), true, cache);
        assertThat(flags).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(LaunchFlags.of(JAVA_HOME, runtime, List.of(), true, cache)).isEqualTo(flags);
        assertThat(LaunchFlags.workedOut(JAVA_HOME) - before)
                .as("worked out once, then reused")
                .isEqualTo(1);
        assertThat(LaunchFlags.of(JAVA_HOME, runtime, List.of("-Xshare:off"), true, cache))
                .as("a spec that turns sharing off itself")
                .noneMatch(f -> f.contains(archive.toString()));

        // Same size, other bytes: the archive is stamped anew, its digest no longer matches, no worker gets it.
        archive.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x5a;
        FileTime time = Files.getLastModifiedTime(archive);
        Files.write(archive, bytes);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(time.toMillis() + 5_000));
        assertThat(LaunchFlags.of(JAVA_HOME, runtime, List.of(), true, cache))
                .noneMatch(f -> f.contains(archive.toString()));

        // Rebuilt (the failed check started that): the next launch finds it and uses it.
        assertThat(ClassDataSharing.ensureArchive(JAVA_HOME, runtime, cache).get(3, TimeUnit.MINUTES))
                .contains(archive);
        assertThat(LaunchFlags.of(JAVA_HOME, runtime, List.of(), true, cache))
                .contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void aHostWhoseWorkersEachHaveFlagsOfTheirOwnRemembersABoundedNumber() throws Exception {
        Path jdk = Files.createDirectories(tmp.resolve("jdk"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        for (int i = 0; i < 3 * LaunchFlags.REMEMBERED_AT_MOST; i++) {
            assertThat(LaunchFlags.of(jdk, List.of(), List.of("-Dseed=" + i), false, tmp.resolve("cache")))
                    .containsExactly("-Dfile.encoding=UTF-8");
            assertThat(LaunchFlags.remembered()).isLessThanOrEqualTo(LaunchFlags.REMEMBERED_AT_MOST);
        }
    }
}
