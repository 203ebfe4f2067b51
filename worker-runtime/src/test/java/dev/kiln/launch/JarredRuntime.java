package dev.kiln.launch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** The runtime as an application has it, for class data sharing tests: the library as a jar (in tests it is target/classes). */
final class JarredRuntime {
    private JarredRuntime() {}

    /** The runtime's entries, each folder jarred into {@code dir}. */
    static List<Path> in(Path dir) throws IOException {
        List<Path> runtime = new ArrayList<>();
        for (Path p : RuntimeClasspath.entries()) {
            runtime.add(Files.isDirectory(p) ? jar(p, dir.resolve("kiln-runtime.jar")) : p);
        }
        return runtime;
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return jar;
    }
}
