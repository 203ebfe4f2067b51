package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kiln.os.InterruptDoorbell;
import dev.kiln.platform.OsFamily;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A worker's code sees the JDK and the user's class path, nothing of Kiln's runtime but its API:
 * not Kryo, not JNA, not Kiln's internals. A class path that brings other versions of Kiln's
 * libraries gets those versions, and every Kiln feature still works on that worker.
 */
class RuntimeIsolationTest {
    private static final List<String> KILN_RUNTIME_CLASSES = List.of(
            "com.esotericsoftware.kryo.Kryo",
            "com.esotericsoftware.minlog.Log",
            "org.objenesis.Objenesis",
            "com.sun.jna.Native",
            "dev.kiln.worker.WorkerMain",
            "dev.kiln.wire.Message",
            "dev.kiln.host.WorkerLink");

    /** Runs in the worker: which of these classes its code can load. */
    static List<String> loadable(List<String> names) {
        return names.stream()
                .filter(n -> {
                    try {
                        Class.forName(n, false, RuntimeIsolationTest.class.getClassLoader());
                        return true;
                    } catch (ClassNotFoundException | LinkageError e) {
                        return false;
                    }
                })
                .toList();
    }

    @Test
    void userCodeSeesNoneOfKilnsRuntimeAndTheClassPathIsTheUsersOwn() {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            assertThat(w.callFetch(() -> loadable(KILN_RUNTIME_CLASSES)))
                    .as("from a call")
                    .isEmpty();
            assertThat(w.callFetch(() -> System.getProperty("java.class.path"))).isEmpty();
            assertThat(w.callFetch(() -> loadable(List.of("dev.kiln.Worker", "dev.kiln.platform.OsFamily"))))
                    .as("Kiln's API is there, for workers of its own")
                    .hasSize(2);

            String probe = "Stream.of("
                    + String.join(
                            ", ",
                            KILN_RUNTIME_CLASSES.stream()
                                    .map(n -> "\"" + n + "\"")
                                    .toList())
                    + ").filter(n -> { try { Class.forName(n); return true; } catch (Throwable t) { return false; } })"
                    + ".collect(Collectors.toList())";
            assertThat(w.evalFetch(probe)).as("from a snippet").isEqualTo(List.of());
            assertThat(w.evalFetch("Thread.currentThread().getContextClassLoader()"
                            + ".getResource(\"com/esotericsoftware/kryo/Kryo.class\")"))
                    .as("what libraries find through the context loader (ServiceLoader, JAXP...)")
                    .isNull();
            assertThat(w.evalFetch("dev.kiln.Worker.class.getSimpleName()")).isEqualTo("Worker");
        }
    }

    /**
     * A program's classes on the worker's class path, or in its working folder when it has no
     * class path (as {@code java -cp kiln.jar:. Main} run from the program's folder leaves them),
     * are the worker's own; their lambdas and their use of Kiln's API work there as anywhere.
     */
    @Test
    void classesOnTheWorkersClassPathOrInItsWorkingFolderSeeKilnsApi() throws Exception {
        Path ownClasses = Path.of(RuntimeIsolationTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        for (WorkerSpec spec : List.of(
                WorkerSpec.builder().echoOutput(false).classpath(ownClasses).build(),
                WorkerSpec.builder()
                        .echoOutput(false)
                        .workingDirectory(ownClasses)
                        .build())) {
            try (Worker w = Worker.start(spec)) {
                assertThat(w.callFetch(() -> loadable(List.of("dev.kiln.Worker", "dev.kiln.platform.OsFamily"))))
                        .as("a lambda of a class the worker itself has, calling Kiln's API")
                        .hasSize(2);
                assertThat(w.callFetch(() -> loadable(KILN_RUNTIME_CLASSES))).isEmpty();
            }
        }
    }

    @Test
    void aProgramsOwnClassesUnderDevKilnReachTheWorkerLikeAnyOther() {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            assertThat(w.callFetch(dev.kiln.programs.OwnTask.greeting("kiln")))
                    .isEqualTo("hello kiln from dev.kiln.programs.OwnTask");
        }
        assertThat(dev.kiln.host.ClassServerAccess.serves("dev/kiln/programs/OwnTask.class"))
                .as("the host serves a program's own class")
                .isTrue();
        assertThat(dev.kiln.host.ClassServerAccess.serves("dev/kiln/wire/Message.class"))
                .as("the host never serves Kiln's internals")
                .isFalse();
    }

    @Test
    void otherVersionsOfKilnsLibrariesAreTheUsersAndKilnStillWorks() throws Exception {
        List<Path> libraries;
        try (Stream<Path> jars = Files.list(Path.of("target", "conflicting-libraries"))) {
            libraries = jars.map(Path::toAbsolutePath).sorted().toList();
        }
        assertThat(libraries).hasSize(5);
        WorkerSpec spec =
                WorkerSpec.builder().echoOutput(false).classpath(libraries).build();
        try (Worker w = Worker.start(spec)) {
            assertThat(w.callFetch(() -> System.getProperty("java.class.path")))
                    .isEqualTo(String.join(
                            File.pathSeparator,
                            libraries.stream().map(Path::toString).toList()));
            assertThat(w.callFetch(() -> Class.forName("com.sun.jna.Native")
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .getPath()))
                    .endsWith("jna-5.13.0.jar");
            assertThat(w.evalFetch(
                            "com.sun.jna.Native.class.getProtectionDomain().getCodeSource().getLocation().getPath()"))
                    .asString()
                    .endsWith("jna-5.13.0.jar");
            assertThat(w.evalFetch("new com.esotericsoftware.kryo.Kryo().getClass().getProtectionDomain()"
                            + ".getCodeSource().getLocation().getPath()"))
                    .asString()
                    .endsWith("kryo-4.0.3.jar");

            // Every feature, on this worker.
            assertThat(w.evalFetch("21 * 2")).isEqualTo(42);
            int base = 40;
            assertThat(w.callFetch(() -> base + 2)).isEqualTo(42);
            assertThat(w.stats().heapUsedBytes()).isPositive();
            RemoteChannel<Integer> channel = w.channel("new java.util.concurrent.ArrayBlockingQueue<Integer>(2)");
            channel.put(7);
            assertThat(channel.take()).isEqualTo(7);

            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            w.interrupt();
            assertThat(catchThrowable(() -> running.get(30, TimeUnit.SECONDS)))
                    .hasCauseInstanceOf(EvaluationInterruptedException.class);
            if (OsFamily.current().isPosix()) {
                CompletableFuture<Object> again = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
                InterruptDoorbell.forOs(OsFamily.current()).ring(w.pid(), ""); // the OS doorbell alone
                assertThat(catchThrowable(() -> again.get(30, TimeUnit.SECONDS)))
                        .hasCauseInstanceOf(EvaluationInterruptedException.class);
            }

            int nested = w.callFetch(() -> {
                try (Worker inner =
                        Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
                    return inner.callFetch(() -> 6 * 7);
                }
            });
            assertThat(nested).isEqualTo(42);
            assertThat(w.evalFetch("1 + 1")).isEqualTo(2);
        }
    }
}
