package dev.kiln;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Maven repository made at test time, laid out as Maven lays one out
 * ({@code group/path/artifact/version/artifact-version.jar} and its POM), with two artifacts:
 * {@code dev.kiln.test:greeter:1.0} ({@code demo.greet.Greeter.greet("kiln")} is
 * {@code "Hello, KILN!"}) and the one it depends on, {@code dev.kiln.test:shout:1.0}
 * ({@code demo.shout.Shout.loud}). Resolution from it needs no network: give it as a
 * {@code file:} repository ({@link #url()}), or mirror every repository to it in a settings file
 * ({@link #settingsMirroringAllTo}).
 */
public final class TestMavenRepository {
    public static final String GREETER = "dev.kiln.test:greeter:1.0";
    public static final String SHOUT = "dev.kiln.test:shout:1.0";

    private final Path root;

    private TestMavenRepository(Path root) {
        this.root = root;
    }

    /** Compiles both artifacts and installs them, with their POMs, into {@code dir}/repository. */
    public static TestMavenRepository create(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("repository"));
        Path work = Files.createDirectories(dir.resolve("build"));
        Path shout = TestJars.jar(
                work,
                "shout",
                Map.of(
                        "demo.shout.Shout",
                        "package demo.shout; public final class Shout {"
                                + " public static String loud(String s) { return s.toUpperCase() + \"!\"; } }"));
        Path greeter = TestJars.jar(
                work,
                "greeter",
                Map.of(
                        "demo.greet.Greeter",
                        "package demo.greet; public final class Greeter {"
                                + " public static String greet(String name) {"
                                + " return \"Hello, \" + demo.shout.Shout.loud(name); } }"),
                List.of(shout));
        TestMavenRepository repo = new TestMavenRepository(root);
        repo.install("shout", shout, "");
        repo.install(
                "greeter",
                greeter,
                "<dependencies><dependency><groupId>dev.kiln.test</groupId><artifactId>shout</artifactId>"
                        + "<version>1.0</version></dependency></dependencies>");
        return repo;
    }

    private void install(String artifactId, Path jar, String dependencies) throws IOException {
        Path dir = Files.createDirectories(
                root.resolve("dev/kiln/test").resolve(artifactId).resolve("1.0"));
        Files.copy(jar, dir.resolve(artifactId + "-1.0.jar"));
        Files.writeString(
                dir.resolve(artifactId + "-1.0.pom"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                        + "<groupId>dev.kiln.test</groupId><artifactId>" + artifactId + "</artifactId>"
                        + "<version>1.0</version>" + dependencies + "</project>\n");
    }

    /** The repository's folder. */
    public Path root() {
        return root;
    }

    /** The repository as a {@code file:} URL, for {@code WorkerSpec.Builder.repositories}. */
    public String url() {
        return root.toUri().toString();
    }

    /**
     * Writes a Maven settings file whose mirror {@code test-mirror} stands for every repository (Central
     * included) and points here, with {@code localRepository} as the local repository; returns the file.
     */
    public Path settingsMirroringAllTo(Path file, Path localRepository) throws IOException {
        Files.writeString(
                file,
                "<settings><localRepository>" + localRepository + "</localRepository><mirrors><mirror>"
                        + "<id>test-mirror</id><mirrorOf>*</mirrorOf><url>" + url() + "</url></mirror></mirrors>"
                        + "</settings>\n");
        return file;
    }
}
