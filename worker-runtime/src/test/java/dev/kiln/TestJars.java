package dev.kiln;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles small classes into a jar at test time: code that exists only where a test puts it. */
final class TestJars {
    private TestJars() {}

    /** Compiles the given sources (fully qualified class name → source) into a new jar in {@code dir}. */
    static Path jar(Path dir, String jarName, Map<String, String> sources) throws IOException {
        return jar(dir, jarName, sources, List.of());
    }

    /** As {@link #jar(Path, String, Map)}, compiling against {@code classpath}. */
    static Path jar(Path dir, String jarName, Map<String, String> sources, List<Path> classpath) throws IOException {
        Path src = Files.createDirectories(dir.resolve(jarName + "-src"));
        Path classes = Files.createDirectories(dir.resolve(jarName + "-classes"));
        String[] args = new String[sources.size() + 6];
        int i = 0;
        args[i++] = "--release";
        args[i++] = "17";
        args[i++] = "-d";
        args[i++] = classes.toString();
        args[i++] = "-cp";
        args[i++] = classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args[i++] = f.toString();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args) != 0) {
            throw new IllegalStateException("test sources did not compile");
        }
        Path jar = dir.resolve(jarName + ".jar");
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream jos = new JarOutputStream(os);
                var walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                jos.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                jos.write(Files.readAllBytes(p));
                jos.closeEntry();
            }
        }
        return jar;
    }
}
