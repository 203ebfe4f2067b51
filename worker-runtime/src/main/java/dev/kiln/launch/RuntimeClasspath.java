package dev.kiln.launch;

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
 * host's class path is given to a worker.
 */
public final class RuntimeClasspath {
    private static final String[] ANCHORS = {
        "dev.kiln.Worker",
        "com.esotericsoftware.kryo.Kryo",
        "com.esotericsoftware.minlog.Log",
        "com.esotericsoftware.reflectasm.ConstructorAccess",
        "org.objenesis.Objenesis",
        "com.sun.jna.Native",
        "com.sun.jna.platform.win32.Kernel32",
    };

    private static volatile List<Path> cached;

    private RuntimeClasspath() {}

    public static List<Path> entries() {
        List<Path> c = cached;
        if (c == null) {
            cached = c = compute();
        }
        return c;
    }

    private static List<Path> compute() {
        Set<Path> out = new LinkedHashSet<>();
        ClassLoader loader = RuntimeClasspath.class.getClassLoader();
        for (String anchor : ANCHORS) {
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
