package dev.kiln.app;

import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Maven repository made at test time, laid out as Maven lays one out, with
 * {@code dev.kiln.test:greeter:1.0} ({@code demo.greet.Greeter.greet("x")} is {@code "Hello, X!"}) and
 * the artifact it depends on, {@code dev.kiln.test:shout:1.0}; and a settings file that mirrors every
 * repository to it. Compiled with the JDK's {@code javac} (the app's tests, in its module, cannot use
 * the compiler API); the library's own tests have the same repository in {@code TestMavenRepository}.
 */
final class TestMavenRepo {
    static final String GREETER = "dev.kiln.test:greeter:1.0";

    private TestMavenRepo() {}

    /** Creates the repository under {@code dir} and returns a settings file mirroring all repositories to it. */
    static Path settings(Path dir) throws IOException, InterruptedException {
        Path repo = Files.createDirectories(dir.resolve("repository"));
        Path shout = jar(
                dir,
                "shout",
                "demo.shout.Shout",
                "package demo.shout; public final class Shout {"
                        + " public static String loud(String s) { return s.toUpperCase() + \"!\"; } }",
                null);
        Path greeter = jar(
                dir,
                "greeter",
                "demo.greet.Greeter",
                "package demo.greet; public final class Greeter {"
                        + " public static String greet(String n) { return \"Hello, \" + demo.shout.Shout.loud(n); } }",
                shout);
        install(repo, "shout", shout, "");
        install(
                repo,
                "greeter",
                greeter,
                "<dependencies><dependency><groupId>dev.kiln.test</groupId>"
                        + "<artifactId>shout</artifactId><version>1.0</version></dependency></dependencies>");
        Path settings = dir.resolve("settings.xml");
        Files.writeString(
                settings,
                "<settings><localRepository>" + dir.resolve("local") + "</localRepository>"
                        + "<mirrors><mirror><id>test-mirror</id><mirrorOf>*</mirrorOf><url>" + repo.toUri()
                        + "</url></mirror></mirrors></settings>\n");
        return settings;
    }

    private static Path jar(Path dir, String name, String className, String source, Path classpath)
            throws IOException, InterruptedException {
        Path src = dir.resolve(name + "-src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        Path javac = Path.of(
                System.getProperty("java.home"), "bin", OsFamily.current().executableName("javac"));
        List<String> cmd = new ArrayList<>(List.of(javac.toString(), "--release", "17", "-d", classes.toString()));
        if (classpath != null) {
            cmd.addAll(List.of("-cp", classpath.toString()));
        }
        cmd.add(src.toString());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("javac did not compile " + className);
        }
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(os);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void install(Path repo, String artifactId, Path jar, String dependencies) throws IOException {
        Path dir = Files.createDirectories(
                repo.resolve("dev/kiln/test").resolve(artifactId).resolve("1.0"));
        Files.copy(jar, dir.resolve(artifactId + "-1.0.jar"));
        Files.writeString(
                dir.resolve(artifactId + "-1.0.pom"),
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                        + "<modelVersion>4.0.0</modelVersion><groupId>dev.kiln.test</groupId><artifactId>" + artifactId
                        + "</artifactId><version>1.0</version>" + dependencies + "</project>\n");
    }
}
