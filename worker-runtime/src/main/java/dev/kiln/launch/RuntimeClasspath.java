package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The jars (or class folders) a worker needs to run Kiln's worker side: this library
 * and its dependencies, found where the host loaded them from. Nothing else of the
 * host's class path is given to a worker, and of JNA's platform library only on Windows,
 * the one OS whose code uses it (a worker opens every jar of its class path once, when
 * the JDK looks for a logging provider; that one is the largest).
 */
public final class RuntimeClasspath {
    private static final String[] ANCHORS = {
        "dev.kiln.Worker",
        "com.esotericsoftware.kryo.Kryo",
        "com.esotericsoftware.minlog.Log",
        "com.esotericsoftware.reflectasm.ConstructorAccess",
        "org.objenesis.Objenesis",
        "com.sun.jna.Native",
    };

    /** What only Windows uses: JNA's platform library (its Kernel32, for the doorbell, metrics and priority). */
    private static final String[] WINDOWS_ANCHORS = {
        "com.sun.jna.platform.win32.Kernel32",
    };

    private static volatile List<Path> cached;

    private RuntimeClasspath() {}

    /** The runtime of a worker on this machine's OS. */
    public static List<Path> entries() {
        List<Path> c = cached;
        if (c == null) {
            cached = c = compute(OsFamily.current());
        }
        return c;
    }

    /** The runtime of a worker on {@code os}: without JNA's platform library but on Windows. */
    static List<Path> compute(OsFamily os) {
        Set<Path> out = new LinkedHashSet<>();
        ClassLoader loader = RuntimeClasspath.class.getClassLoader();
        List<String> anchors = new ArrayList<>(List.of(ANCHORS));
        if (os.isWindows()) {
            anchors.addAll(List.of(WINDOWS_ANCHORS));
        }
        for (String anchor : anchors) {
            try {
                Class<?> c = Class.forName(anchor, false, loader);
                CodeSource cs = c.getProtectionDomain().getCodeSource();
                if (cs != null && cs.getLocation() != null) {
                    out.add(Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize());
                }
            } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException | SecurityException e) {
                // An optional dependency that is absent (e.g. JNA): the worker runs without it.
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
