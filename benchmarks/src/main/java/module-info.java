/**
 * The measurements behind docs/BENCHMARKS.md. A module so that javac holds the benchmarks to
 * Kiln's exported API ({@code dev.kiln}, {@code dev.kiln.platform}), as any user's code is held;
 * the jar still runs on the class path ({@code java -jar benchmarks.jar}, its manifest names
 * the jars in {@code lib/}), which is how JMH forks its benchmark JVMs and how workers load
 * the benchmarks' lambdas.
 */
// JMH ships no module descriptor: jmh.core is an automatic module, named after its manifest.
@SuppressWarnings("requires-automatic")
module dev.kiln.bench {
    requires dev.kiln;
    // The UI-under-load row: the workbench itself, driven in this process, and the JavaFX toolkit.
    requires dev.kiln.app;
    requires javafx.controls;
    requires jmh.core;
    // The baselines: JShell's default engine, and javac for the bare-JVM programs.
    requires jdk.jshell;
    requires java.compiler;
    // The soak's heap and thread counts.
    requires java.management;

    // JMH's annotation processor generates the benchmark runners into this package; JMH loads
    // them by name and calls their methods reflectively.
    opens dev.kiln.bench.jmh_generated to
            jmh.core;
}
