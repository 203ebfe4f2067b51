package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class that made a call's lambda goes to the worker with the call, from the host's copy of
 * it: the worker need not ask for it, and it arrives even when the host could no longer read it
 * (its jar's loader closed, as when a program replaces its plugins while running).
 */
class ClassOfferTest {
    @Test
    void aCallsClassGoesWithItFromTheHostsCopy(@TempDir Path dir) throws Exception {
        Path kiln = Path.of(RemoteCallable.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path jar = TestJars.jar(dir, "tasks.jar", Map.of("offered.Tasks", """
                        package offered;
                        public class Tasks {
                            public static dev.kiln.RemoteCallable<String> greeting() {
                                return () -> "made by " + Tasks.class.getName();
                            }
                        }
                        """), List.of(kiln));
        URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        @SuppressWarnings("unchecked")
        RemoteCallable<String> task = (RemoteCallable<String>)
                loader.loadClass("offered.Tasks").getMethod("greeting").invoke(null);
        try (Worker first = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            assertThat(first.callFetch(task)).isEqualTo("made by offered.Tasks");
        }

        loader.close(); // from now on the host cannot read offered/Tasks.class: a worker asking for it gets nothing
        assertThat(loader.getResource("offered/Tasks.class")).isNull();

        try (Worker second = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            assertThat(second.callFetch(task))
                    .as("the class went with the call, as the host read it for the first worker")
                    .isEqualTo("made by offered.Tasks");
        }
    }
}
