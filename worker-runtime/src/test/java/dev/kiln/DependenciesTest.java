package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maven dependencies by coordinates, resolved for real by Maven's resolver from a repository the
 * test lays out (no network): at start and on a live worker, the library and what it depends on
 * are there for the next snippet and for calls; what cannot be resolved says which coordinate,
 * why, and where Kiln looked, and leaves the worker as it was.
 */
class DependenciesTest {
    private static final long LIMIT = TestTime.generousMillis(java.time.Duration.ofSeconds(60));

    @TempDir
    Path tmp;

    private TestMavenRepository repo;
    private Path local;

    @BeforeEach
    void repository() throws IOException {
        repo = TestMavenRepository.create(tmp);
        local = tmp.resolve("local");
    }

    private WorkerSpec.Builder spec() {
        return WorkerSpec.builder().echoOutput(false).repositories(repo.url()).localRepository(local);
    }

    /** What a call that uses the library sees: the class is found through the code's own loader in the worker. */
    static String greetInCall(String name) throws ReflectiveOperationException {
        Class<?> greeter = Class.forName("demo.greet.Greeter", true, DependenciesTest.class.getClassLoader());
        return (String) greeter.getMethod("greet", String.class).invoke(null, name);
    }

    @Test
    void dependenciesOfTheSpecAreOnTheClassPathFromTheStartWithTheirOwnDependencies() throws Exception {
        List<DownloadProgress> downloads = new CopyOnWriteArrayList<>();
        WorkerSpec spec = spec().dependencies(TestMavenRepository.GREETER)
                .onDownload(downloads::add)
                .build();
        assertThat(spec.dependencies()).containsExactly(TestMavenRepository.GREETER);
        try (Worker w = Worker.start(spec)) {
            w.evalWait("import demo.greet.Greeter;");
            assertThat(w.evalFetch("Greeter.greet(\"kiln\")")).isEqualTo("Hello, KILN!");
            assertThat(w.callFetch(() -> greetInCall("call"))).isEqualTo("Hello, CALL!");
            assertThat(w.classpath())
                    .as("the jars, fetched into the local repository")
                    .containsExactly(
                            local.resolve("dev/kiln/test/greeter/1.0/greeter-1.0.jar"),
                            local.resolve("dev/kiln/test/shout/1.0/shout-1.0.jar"));
        }
        assertThat(downloads)
                .as("the resolver's downloads, each reported done")
                .anyMatch(d -> d.file().equals("greeter-1.0.jar") && d.done() && d.bytes() > 0)
                .anyMatch(d -> d.file().equals("shout-1.0.jar") && d.done());
    }

    @Test
    void addDependenciesGivesALiveWorkerTheLibraryForItsNextSnippetsAndCalls() throws Exception {
        try (Worker w = Worker.start(spec().build())) {
            w.evalWait("int kept = 42;");
            assertThatThrownBy(() -> w.evalFetch("demo.greet.Greeter.greet(\"kiln\")"))
                    .as("before: no such class")
                    .isInstanceOf(CompilationException.class);
            assertThatThrownBy(() -> w.callFetch(() -> greetInCall("call")))
                    .isInstanceOf(RemoteException.class)
                    .hasMessageContaining("ClassNotFoundException");

            List<Path> added = w.addDependencies(TestMavenRepository.GREETER).get(LIMIT, TimeUnit.MILLISECONDS);

            assertThat(added)
                    .containsExactly(
                            local.resolve("dev/kiln/test/greeter/1.0/greeter-1.0.jar"),
                            local.resolve("dev/kiln/test/shout/1.0/shout-1.0.jar"));
            w.evalWait("import demo.greet.Greeter;");
            assertThat(w.evalFetch("Greeter.greet(\"kiln\")")).isEqualTo("Hello, KILN!");
            assertThat(w.callFetch(() -> greetInCall("call"))).isEqualTo("Hello, CALL!");
            assertThat(w.evalFetch("kept")).as("the same worker, state kept").isEqualTo(42);
            assertThat(w.classpath()).containsAll(added);
            assertThat(w.addDependencies(TestMavenRepository.SHOUT).get(LIMIT, TimeUnit.MILLISECONDS))
                    .as("a jar already on the class path is not added twice")
                    .isEmpty();
        }
    }

    @Test
    void aCoordinateThatDoesNotExistFailsTheStartNamingItAndTheRepositoriesTried() {
        WorkerSpec spec = spec().dependencies("dev.kiln.test:nope:1.0").build();
        assertThatThrownBy(() -> Worker.start(spec))
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("dev.kiln.test:nope:1.0")
                .hasMessageContaining("no such artifact")
                .hasMessageContaining(local.toString())
                .hasMessageContaining(repo.url());
    }

    @Test
    void whatCannotBeAddedFailsTheFutureAndTheWorkerStaysUsable() throws Exception {
        try (Worker w = Worker.start(spec().build())) {
            assertThatThrownBy(() -> w.addDependencies("dev.kiln.test:nope:1.0").get(LIMIT, TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(DependencyException.class)
                    .hasMessageContaining("dev.kiln.test:nope:1.0")
                    .hasMessageContaining(repo.url());
            assertThatThrownBy(() -> w.addDependencies("commons-lang3").get(LIMIT, TimeUnit.MILLISECONDS))
                    .cause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"commons-lang3\" is not a Maven coordinate")
                    .hasMessageContaining("groupId:artifactId:version");
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
            assertThat(w.classpath()).isEmpty();
        }
    }

    @Test
    void aMalformedCoordinateIsRefusedByTheSpec() {
        assertThatThrownBy(() -> WorkerSpec.builder().dependencies("org.apache.commons:commons-lang3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"org.apache.commons:commons-lang3\" is not a Maven coordinate");
        assertThatThrownBy(() -> WorkerSpec.builder().dependencies("org.apache.commons::3.14.0"))
                .hasMessageContaining("has no artifactId");
        assertThatThrownBy(() -> WorkerSpec.builder().repositories("repo.example.org/maven2"))
                .hasMessageContaining("is not a repository URL");
    }

    @Test
    void aRepositoryOutOfReachIsNamedAndTheLocalRepositoryToo() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once it is closed: the connection is refused
        }
        String url = "http://127.0.0.1:" + closed + "/maven2/";
        WorkerSpec spec = WorkerSpec.builder()
                .echoOutput(false)
                .repositories(url)
                .localRepository(local)
                .dependencies(TestMavenRepository.GREETER)
                .build();
        assertThatThrownBy(() -> Worker.start(spec))
                .isInstanceOf(WorkerStartException.class)
                .hasMessageContaining("dev.kiln.test:greeter:1.0")
                .hasMessageContaining("could not be reached")
                .hasMessageContaining(url)
                .hasMessageContaining(local.toString());
    }

    @Test
    void theMavenSettingsMirrorAndLocalRepositoryApply() throws Exception {
        Path settings = repo.settingsMirroringAllTo(tmp.resolve("settings.xml"), local);
        // maven.repo.local (which a Maven build may pass to its tests) would win over the settings' local repository.
        HostProperty settingsFile = HostProperty.set("kiln.maven.settings", settings.toString());
        HostProperty repoLocal = HostProperty.set("maven.repo.local", null);
        try (Worker w = Worker.start(WorkerSpec.builder()
                .echoOutput(false)
                .dependencies(TestMavenRepository.GREETER)
                .build())) {
            assertThat(w.evalFetch("demo.greet.Greeter.greet(\"mirror\")")).isEqualTo("Hello, MIRROR!");
            assertThat(w.classpath()).allMatch(p -> p.startsWith(local));
        } finally {
            repoLocal.close();
            settingsFile.close();
        }
    }

    /** A host system property set (or cleared, for null) for a while, then put back. */
    record HostProperty(String key, String before) implements AutoCloseable {
        static HostProperty set(String key, String value) {
            HostProperty p = new HostProperty(key, System.getProperty(key));
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
            return p;
        }

        @Override
        public void close() {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
