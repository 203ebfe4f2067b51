package dev.kiln.platform;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The operating system family, the one fact behind every OS-specific decision in Kiln: each
 * such decision is a function of an {@code OsFamily} value, so a test on one OS can check the
 * branches of the others.
 *
 * <pre>{@code
 * Path java = OsFamily.current().javaExecutable(Path.of(System.getProperty("java.home")));
 * }</pre>
 */
public enum OsFamily {
    WINDOWS,
    MACOS,
    LINUX,
    /** Another POSIX system (the BSDs, Solaris, AIX): treated like Linux where it matters. */
    OTHER_UNIX;

    private static final OsFamily CURRENT = of(System.getProperty("os.name", ""));

    /** The family of the OS this JVM runs on. */
    public static OsFamily current() {
        return CURRENT;
    }

    /** The family an {@code os.name} value belongs to ({@code "Windows 11"}, {@code "Mac OS X"}, {@code "Linux"}). */
    public static OsFamily of(String osName) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return MACOS;
        }
        if (os.startsWith("linux")) {
            return LINUX;
        }
        return OTHER_UNIX;
    }

    public boolean isWindows() {
        return this == WINDOWS;
    }

    /** POSIX signals, {@code /bin/sh}, {@code kill}: every family but Windows. */
    public boolean isPosix() {
        return this != WINDOWS;
    }

    /** The file name of an executable: {@code java.exe} on Windows, {@code java} elsewhere. */
    public String executableName(String name) {
        return this == WINDOWS ? name + ".exe" : name;
    }

    /** The {@code java} launcher of a JDK or JRE home folder. */
    public Path javaExecutable(Path javaHome) {
        return javaHome.resolve("bin").resolve(executableName("java"));
    }
}
