package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
        "org.objectweb.asm.ClassReader",
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
            locationOf(anchor, loader).ifPresent(out::add);
        }
        return List.copyOf(new ArrayList<>(out));
    }

    /**
     * The jar or class folder the class named {@code className} comes from, found by its class
     * file rather than by loading it: loading Kryo's, JNA's and the other anchors only to ask
     * where they lie parsed classes a host that never uses them does not need (some 10 ms of a
     * fresh host's first launch). Empty for an absent class or one not in a file (a nested jar).
     */
    static Optional<Path> locationOf(String className, ClassLoader loader) {
        String resource = className.replace('.', '/') + ".class";
        URL url = loader == null ? ClassLoader.getSystemResource(resource) : loader.getResource(resource);
        if (url == null) {
            return Optional.empty(); // an optional dependency that is absent (e.g. JNA): the worker runs without it
        }
        try {
            String spec = url.toString();
            if (spec.startsWith("jar:")) {
                int bang = spec.indexOf("!/");
                return bang < 0 ? Optional.empty() : file(new URI(spec.substring("jar:".length(), bang)));
            }
            // A class folder: the class file's path less the class's package folders and file name.
            int depth = Path.of(resource).getNameCount();
            return file(url.toURI())
                    .filter(classFile -> classFile.getNameCount() > depth)
                    .map(classFile ->
                            classFile.getRoot().resolve(classFile.subpath(0, classFile.getNameCount() - depth)));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> file(URI uri) {
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(uri).toAbsolutePath().normalize());
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException | SecurityException e) {
            return Optional.empty();
        }
    }
}
