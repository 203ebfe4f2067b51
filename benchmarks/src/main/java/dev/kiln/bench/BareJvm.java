package dev.kiln.bench;

import dev.kiln.platform.OsFamily;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The bare-JVM baselines, on the host's JDK: {@code Hello} prints and exits, {@code Idle}
 * prints {@code ready} and waits on stdin; and the floor for a worker ({@link ConnectBack}).
 * Compiled into a scratch folder once per run.
 */
final class BareJvm {
    private final Path folder;
    private final Path java;
    private ConnectBack connectBack;

    private BareJvm(Path folder) {
        this.folder = folder;
        this.java = OsFamily.current().javaExecutable(Path.of(System.getProperty("java.home")));
    }

    /** The scratch folder of this run's baselines. */
    Path folder() {
        return folder;
    }

    /** A bare JVM that connects back to this process, as a worker does and no more (prepared on first use). */
    synchronized ConnectBack connectBack() throws Exception {
        if (connectBack == null) {
            connectBack = ConnectBack.prepare(folder, java);
        }
        return connectBack;
    }

    static BareJvm compile() throws IOException {
        Path folder = Scratch.folderUntilExit("kiln-bench");
        Path hello = Files.writeString(
                folder.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }");
        Path idle = Files.writeString(
                folder.resolve("Idle.java"),
                "public class Idle { public static void main(String[] a)"
                        + " throws Exception { System.out.println(\"ready\"); System.out.flush(); System.in.read(); } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null
                || javac.run(null, null, null, "-d", folder.toString(), hello.toString(), idle.toString()) != 0) {
            throw new IllegalStateException("cannot compile the bare-JVM baselines in " + folder
                    + ": run the benchmarks on a JDK (with javac), not a JRE");
        }
        return new BareJvm(folder);
    }

    /** {@code java -cp . Hello}, spawn to exit, in ms. */
    double helloMillis() throws Exception {
        long t0 = System.nanoTime();
        Process p = startHello();
        p.waitFor();
        return Bench.millisSince(t0);
    }

    /** Starts {@code java -cp . Hello}, its output discarded. */
    Process startHello() throws IOException {
        return new ProcessBuilder(java.toString(), "-cp", ".", "Hello")
                .directory(folder.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Starts {@code java -cp . Idle} and returns once it has printed {@code ready}; closing its stdin ends it. */
    Process startIdle() throws IOException {
        Process p = new ProcessBuilder(java.toString(), "-cp", ".", "Idle")
                .directory(folder.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Bench.check("ready".equals(r.readLine()), "Idle did not start");
        return p;
    }
}
