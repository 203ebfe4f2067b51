package dev.kiln;

import dev.kiln.platform.OsFamily;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks of a spec's paths that depend on the machine: made at build time, for a worker on this machine. */
final class SpecPaths {
    private SpecPaths() {}

    static void checkJavaHome(Path javaHome) {
        if (javaHome != null) {
            Path java = OsFamily.current().javaExecutable(javaHome);
            if (!Files.isRegularFile(java)) {
                throw new IllegalArgumentException("javaHome " + javaHome + " has no " + javaHome.relativize(java)
                        + ": give the folder of a JDK or JRE (the one that contains bin/java)");
            }
        }
    }

    /** The folder, absolute and normalized; it must exist. */
    static Path localFolder(Path dir) {
        if (dir == null) {
            return null;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "working directory " + dir.toAbsolutePath() + " is not an existing folder");
        }
        return dir.toAbsolutePath().normalize();
    }

    static void checkCacheDirectory(Path dir) {
        if (dir != null && !dir.isAbsolute()) {
            throw new IllegalArgumentException(
                    "cache directory must be an absolute path, got " + dir + ": try " + dir.toAbsolutePath());
        }
    }

    /** The file, absolute and normalized; it must exist. */
    static Path existingFile(Path file, String what) {
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    what + " " + file.toAbsolutePath() + " does not exist: give an existing file");
        }
        return file == null ? null : file.toAbsolutePath().normalize();
    }
}
