package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real library from Maven Central, by its coordinates: commons-lang3 for a snippet and a call,
 * given at start and added to a live worker. Skipped (with the reason) where Central is out of
 * reach; {@link DependenciesTest} covers the same without a network.
 */
class MavenCentralTest {
    private static final String LANG3 = "org.apache.commons:commons-lang3:3.14.0";

    @TempDir
    static Path local;

    @BeforeAll
    static void centralIsReachable() {
        String pom = "https://repo.maven.apache.org/maven2/org/apache/commons/commons-lang3/3.14.0/"
                + "commons-lang3-3.14.0.pom";
        String why;
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(pom).toURL().openConnection();
            c.setRequestMethod("HEAD");
            c.setConnectTimeout(10_000);
            c.setReadTimeout(20_000);
            int status = c.getResponseCode();
            c.disconnect();
            why = status == 200 ? null : "HTTP " + status;
        } catch (IOException e) {
            why = e.toString();
        }
        assumeTrue(why == null, "Maven Central is out of reach from this machine (" + why + "): skipped");
    }

    /** A call that uses the library: StringUtils found through the call's own loader in the worker. */
    static String capitalizeInCall(String s) throws ReflectiveOperationException {
        Class<?> utils =
                Class.forName("org.apache.commons.lang3.StringUtils", true, MavenCentralTest.class.getClassLoader());
        return (String) utils.getMethod("capitalize", String.class).invoke(null, s);
    }

    @Test
    void commonsLang3GivenAtStartServesSnippetsAndCalls() {
        WorkerSpec spec = WorkerSpec.builder()
                .echoOutput(false)
                .localRepository(local)
                .dependencies(LANG3)
                .build();
        try (Worker w = Worker.start(spec)) {
            w.evalWait("import org.apache.commons.lang3.StringUtils;");
            assertThat(w.evalFetch("StringUtils.capitalize(\"kiln\")")).isEqualTo("Kiln");
            assertThat(w.callFetch(() -> capitalizeInCall("call"))).isEqualTo("Call");
        }
    }

    @Test
    void commonsLang3AddedToALiveWorkerServesItsNextSnippetAndCalls() throws Exception {
        try (Worker w = Worker.start(
                WorkerSpec.builder().echoOutput(false).localRepository(local).build())) {
            assertThat(w.addDependencies(LANG3)
                            .get(TestTime.generousMillis(Duration.ofSeconds(120)), TimeUnit.MILLISECONDS))
                    .singleElement()
                    .satisfies(jar -> assertThat(jar.getFileName().toString()).isEqualTo("commons-lang3-3.14.0.jar"));
            w.evalWait("import org.apache.commons.lang3.StringUtils;");
            assertThat(w.evalFetch("StringUtils.capitalize(\"kiln\")")).isEqualTo("Kiln");
            assertThat(w.callFetch(() -> capitalizeInCall("call"))).isEqualTo("Call");
        }
    }
}
