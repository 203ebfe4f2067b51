package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.launch.WorkerEnvironment;
import dev.kiln.platform.OsFamily;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation from the host. The build runs this JVM with a host-only environment variable
 * (KILN_TEST_HOST_SECRET) and a host-only JVM flag (-Dkiln.test.hostflag=on), see the pom.
 */
class IsolationTest {
    @Test
    void nothingOfTheHostLeaksAndTheSpecIsApplied(@TempDir Path tmp) throws Exception {
        assertThat(System.getenv("KILN_TEST_HOST_SECRET"))
                .as("the build sets this for the test")
                .isEqualTo("leak");
        assertThat(System.getProperty("kiln.test.hostflag"))
                .as("the build sets this for the test")
                .isEqualTo("on");
        System.setProperty("kiln.test.hostprop", "set-in-host");
        Path jar = TestJars.jar(
                tmp,
                "speclib",
                Map.of(
                        "speclib.Greeter",
                        "package speclib; public class Greeter { public static String hi() { return \"hi from speclib\"; } }"));

        WorkerSpec spec = WorkerSpec.builder()
                .echoOutput(false)
                .env("KILN_SPEC_VAR", "yes")
                .jvmArgs("-Dkiln.spec.flag=1", "-Xmx200m")
                .classpath(jar)
                .build();
        try (Worker w = Worker.start(spec)) {
            assertThat(w.callFetch(() -> System.getenv("KILN_TEST_HOST_SECRET")))
                    .isNull();
            assertThat(w.callFetch(() -> System.getenv("KILN_SPEC_VAR"))).isEqualTo("yes");
            Set<String> envKeys =
                    w.callFetch(() -> new HashSet<>(System.getenv().keySet()));
            assertThat(envKeys)
                    .allMatch(
                            k -> allowedInWorker(k, OsFamily.current()),
                            "kept for the OS, set by the spec or by the platform");

            assertThat(w.callFetch(() -> System.getProperty("kiln.test.hostprop")))
                    .isNull();
            assertThat(w.callFetch(() -> System.getProperty("kiln.test.hostflag")))
                    .isNull();
            assertThat(w.callFetch(() -> System.getProperty("kiln.spec.flag"))).isEqualTo("1");

            List<String> workerArgs =
                    w.callFetch(() -> ManagementFactory.getRuntimeMXBean().getInputArguments());
            assertThat(workerArgs).contains("-Dkiln.spec.flag=1", "-Xmx200m");
            assertThat(workerArgs)
                    .doesNotContainAnyElementsOf(
                            ManagementFactory.getRuntimeMXBean().getInputArguments());
            assertThat(w.inputArguments()).isEqualTo(workerArgs);

            String workerCp = w.callFetch(() -> System.getProperty("java.class.path"));
            assertThat(workerCp.split(File.pathSeparator)).contains(jar.toString());
            String testClasses = Path.of(IsolationTest.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
            assertThat(workerCp.split(File.pathSeparator)).doesNotContain(testClasses);
            for (String hostEntry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (hostEntry.contains("surefire") || hostEntry.contains("junit") || hostEntry.contains("assertj")) {
                    assertThat(workerCp).doesNotContain(hostEntry);
                }
            }
            // The spec's jar is usable by code in the worker.
            assertThat(w.callFetch(() -> (String)
                            Class.forName("speclib.Greeter").getMethod("hi").invoke(null)))
                    .isEqualTo("hi from speclib");
        }
    }

    @Test
    void aClassFromTheClassPathKnowsItsJarAndCostsNoSecuritySetUp(@TempDir Path tmp) throws Exception {
        Path jar = TestJars.jar(
                tmp,
                "wherelib",
                Map.of(
                        "wherelib.Where",
                        "package wherelib; public class Where { public static int answer() { return 42; } }"));
        Path log = tmp.resolve("classes.log");
        WorkerSpec spec = WorkerSpec.builder()
                .echoOutput(false)
                .classpath(jar)
                .jvmArgs("-Xlog:class+load=info:file=" + log)
                .build();
        try (Worker w = Worker.start(spec)) {
            assertThat(w.callFetch(() -> (int)
                            Class.forName("wherelib.Where").getMethod("answer").invoke(null)))
                    .isEqualTo(42);
            String location = w.callFetch(() -> Path.of(Class.forName("wherelib.Where")
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString());
            assertThat(location).isEqualTo(jar.toString());
        }
        // No security manager, so no permissions to make: a FilePermission for the jar would start the JDK's
        // security properties (some 6 ms of the first call whose class comes from the class path).
        assertThat(Files.readAllLines(log).stream().filter(l -> l.contains(" java.security.Security source:")))
                .isEmpty();
    }

    /** The variables a worker may have: those Kiln keeps for its OS, the spec's, and what the platform adds. */
    static boolean allowedInWorker(String key, OsFamily os) {
        List<String> kept = WorkerEnvironment.kept(os);
        return key.equals("KILN_SPEC_VAR")
                || kept.stream().anyMatch(k -> os.isWindows() ? k.equalsIgnoreCase(key) : k.equals(key))
                || WorkerEnvironment.platformAdded(os).stream()
                        .anyMatch(p -> p.endsWith("*")
                                ? key.startsWith(p.substring(0, p.length() - 1))
                                : p.equalsIgnoreCase(key));
    }

    @Test
    void whatTheWorkerMayHaveIsDecidedPerOs() {
        assertThat(allowedInWorker("JAVA_MAIN_CLASS_4711", OsFamily.MACOS)).isTrue();
        assertThat(allowedInWorker("JAVA_MAIN_CLASS_4711", OsFamily.LINUX)).isFalse();
        assertThat(allowedInWorker("SystemRoot", OsFamily.WINDOWS)).isTrue();
        assertThat(allowedInWorker("Path", OsFamily.WINDOWS)).isTrue();
        assertThat(allowedInWorker("Path", OsFamily.LINUX)).isFalse();
        assertThat(allowedInWorker("KILN_TEST_HOST_SECRET", OsFamily.current())).isFalse();
    }
}
