package dev.kiln.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The floor for a worker: the least any design that drives a JVM over a socket does. A bare JVM
 * whose code is in a jar with its own class data sharing archive (made and mapped as Kiln makes and
 * maps its workers': a static archive of the classes a training run loaded and the JDK's default
 * ones) connects
 * back to its host over loopback and says hello; for a first call it then reads a lambda that
 * captures nothing ({@code () -> 1}) as Kiln sends one, a reference to it (its
 * {@code SerializedLambda}'s fields, see {@code LambdaReference}: the least that names a lambda
 * in another JVM), makes it with its class's {@code $deserializeLambda$}, runs it and answers. No
 * invitation, no doorbell, no output capture, no class request (the lambda's class is in its
 * jar). Compiled, jarred and its archive trained once per run.
 */
final class ConnectBack {
    private static final String SOURCE = """
            import java.io.*;
            import java.lang.invoke.SerializedLambda;
            import java.lang.reflect.Method;
            import java.net.*;
            import java.util.concurrent.Callable;

            public class Connect {
                public static Callable<Object> task() {
                    return (Callable<Object> & Serializable) () -> 1;
                }

                public static void main(String[] a) throws Exception {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(a[0]))) {
                        s.setTcpNoDelay(true);
                        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
                        out.writeUTF("hello");
                        out.flush();
                        if (a.length > 1) {
                            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
                            byte[] task = new byte[in.readInt()];
                            in.readFully(task);
                            DataInputStream f = new DataInputStream(new ByteArrayInputStream(task, 4, task.length - 4));
                            f.readUTF(); // the making class: this one
                            SerializedLambda named = new SerializedLambda(Connect.class, f.readUTF(), f.readUTF(),
                                    f.readUTF(), f.readUnsignedByte(), f.readUTF(), f.readUTF(), f.readUTF(),
                                    f.readUTF(), new Object[0]);
                            Method make = Connect.class.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
                            make.setAccessible(true);
                            Object v = ((Callable<?>) make.invoke(null, named)).call();
                            out.writeUTF(String.valueOf(v));
                            out.flush();
                        }
                    }
                }
            }
            """;

    private final Path java;
    private final Path jar;
    private final List<String> archiveFlags;
    private final byte[] task;
    private final ServerSocket server;

    private ConnectBack(Path java, Path jar, List<String> archiveFlags, byte[] task, ServerSocket server) {
        this.java = java;
        this.jar = jar;
        this.archiveFlags = archiveFlags;
        this.task = task;
        this.server = server;
    }

    /** Compiles and jars {@code Connect} in {@code folder}, then trains its archive with one call. */
    static ConnectBack prepare(Path folder, Path java) throws Exception {
        Path classes = Files.createDirectories(folder.resolve("connect"));
        Path source = Files.writeString(classes.resolve("Connect.java"), SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "-d", classes.toString(), source.toString()) != 0) {
            throw new IllegalStateException("cannot compile the connect-back baseline in " + classes);
        }
        Path jar = folder.resolve("connect.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (var files = Files.list(classes)) {
                for (Path c : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    out.putNextEntry(new JarEntry(c.getFileName().toString()));
                    Files.copy(c, out);
                    out.closeEntry();
                }
            }
        }
        byte[] task;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()})) {
            Object lambda = loader.loadClass("Connect").getMethod("task").invoke(null);
            task = reference(lambda);
        }
        ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Path classList = folder.resolve("connect.classlist");
        ConnectBack training =
                new ConnectBack(java, jar, List.of("-XX:DumpLoadedClassList=" + classList), task, server);
        Process trainee = training.start(true);
        training.serve(true);
        trainee.waitFor(); // the list is complete when the JVM has exited
        Path archive = folder.resolve("connect.jsa");
        List<String> flags = dumpArchive(java, jar, classList, archive)
                ? List.of(
                        "-XX:SharedArchiveFile=" + archive,
                        "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:ArchiveRelocationMode=0")
                : List.of();
        return new ConnectBack(java, jar, flags, task, server);
    }

    /**
     * A static archive of the classes the training loaded and the JDK's default ones, mapped where
     * it was dumped: as Kiln makes and maps its workers' ({@code ClassDataSharing}).
     */
    private static boolean dumpArchive(Path java, Path jar, Path classList, Path archive) throws Exception {
        if (!Files.isRegularFile(classList)) {
            return false;
        }
        Path defaults = java.getParent().getParent().resolve("lib").resolve("classlist");
        if (Files.isRegularFile(defaults)) {
            Files.write(classList, Files.readAllBytes(defaults), StandardOpenOption.APPEND);
        }
        Process dump = new ProcessBuilder(
                        java.toString(),
                        "-Xshare:dump",
                        "-XX:SharedClassListFile=" + classList,
                        "-XX:SharedArchiveFile=" + archive,
                        "-cp",
                        jar.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return dump.waitFor() == 0 && Files.isRegularFile(archive);
    }

    /**
     * The task as Kiln sends a lambda that captures nothing: four bytes Kiln uses to tell it from a
     * Java serialization stream, then its {@code SerializedLambda}'s fields.
     */
    private static byte[] reference(Object lambda) throws Exception {
        Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
        writeReplace.setAccessible(true);
        SerializedLambda s = (SerializedLambda) writeReplace.invoke(lambda);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {'K', 'L', 'R', 1});
            out.writeUTF(s.getCapturingClass());
            out.writeUTF(s.getFunctionalInterfaceClass());
            out.writeUTF(s.getFunctionalInterfaceMethodName());
            out.writeUTF(s.getFunctionalInterfaceMethodSignature());
            out.writeByte(s.getImplMethodKind());
            out.writeUTF(s.getImplClass());
            out.writeUTF(s.getImplMethodName());
            out.writeUTF(s.getImplMethodSignature());
            out.writeUTF(s.getInstantiatedMethodType());
        }
        return bytes.toByteArray();
    }

    /** Spawn until its hello has arrived, in ms; its exit is not counted. */
    double readyMillis() throws Exception {
        return oneMillis(false);
    }

    /** Spawn until the answer to its first call has arrived, in ms; its exit is not counted. */
    double callMillis() throws Exception {
        return oneMillis(true);
    }

    private double oneMillis(boolean call) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(call);
        serve(call);
        double ms = Bench.millisSince(t0);
        p.waitFor();
        return ms;
    }

    /** {@code count} started at once, until each has said hello, in ms; their exits are not counted. */
    double allReadyMillis(int count) throws Exception {
        long t0 = System.nanoTime();
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ps.add(start(false));
        }
        for (int i = 0; i < count; i++) {
            serve(false);
        }
        double ms = Bench.millisSince(t0);
        for (Process p : ps) {
            p.waitFor();
        }
        return ms;
    }

    private Process start(boolean call) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(archiveFlags);
        cmd.addAll(List.of("-cp", jar.toString(), "Connect", Integer.toString(server.getLocalPort())));
        if (call) {
            cmd.add("call");
        }
        return new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Accepts one connection and reads its hello; with {@code call}, sends the task and reads the answer. */
    private void serve(boolean call) throws IOException {
        try (Socket s = server.accept()) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            Bench.check("hello".equals(in.readUTF()), "the connect-back baseline's hello");
            if (call) {
                OutputStream raw = s.getOutputStream();
                DataOutputStream out = new DataOutputStream(raw);
                out.writeInt(task.length);
                out.write(task);
                out.flush();
                Bench.check("1".equals(in.readUTF()), "the connect-back baseline's answer");
            }
        }
    }
}
