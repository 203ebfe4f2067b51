package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a worker JVM, as a pure function of what it is made of. */
public final class WorkerCommand {
    /** The worker's main class (named, not referenced: host-side code never loads worker-side classes). */
    public static final String WORKER_MAIN = "dev.kiln.worker.WorkerMain";
    /** The main class of the class data sharing training run. */
    public static final String TRAINING_MAIN = "dev.kiln.worker.CdsTraining";

    private WorkerCommand() {}

    /** {@code cmd} run through {@code prefix} (a command that execs the rest, such as {@code nice -n 10}). */
    public static List<String> prefixed(List<String> prefix, List<String> cmd) {
        if (prefix.isEmpty()) {
            return cmd;
        }
        List<String> all = new ArrayList<>(prefix);
        all.addAll(cmd);
        return all;
    }

    /**
     * {@code <java> [kiln flags] [spec flags] -cp <runtime jars> dev.kiln.worker.WorkerMain --class-path=<user class path>}.
     * Kiln's own flags come first, so the spec's flags win where they disagree. Kiln's runtime
     * is the JVM's class path (its application loader, which class data sharing archives with
     * its lambdas); the user's class path is an argument, which the worker makes its
     * {@code java.class.path} and gives to the loader its user code runs in (see
     * {@code dev.kiln.worker.UserCodeLoader}).
     */
    public static List<String> of(
            OsFamily os,
            Path javaHome,
            List<String> kilnFlags,
            List<String> jvmArgs,
            List<Path> runtime,
            List<Path> classpath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(os.javaExecutable(javaHome).toString());
        cmd.addAll(kilnFlags);
        cmd.addAll(jvmArgs);
        cmd.addAll(main(os, strings(runtime), WORKER_MAIN, strings(classpath)));
        return cmd;
    }

    /** The paths as strings (a loop: a stream costs a launch more while its code is interpreted). */
    private static List<String> strings(List<Path> paths) {
        List<String> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            out.add(p.toString());
        }
        return out;
    }

    /** The argument that carries the user's class path to the worker. */
    public static final String CLASS_PATH_ARGUMENT = "--class-path=";

    /**
     * {@code -cp <runtime jars> <main class> --class-path=<user class path>}, with the paths as
     * the target machine writes them. The argument is never empty (an empty argument does not
     * survive every OS's command line); an empty class path after it means the worker's working
     * folder, as {@code java -cp ""} reads it. Not the module path: starting from a module
     * ({@code -p ... -m ...}, with {@code --add-modules ALL-DEFAULT} for jdk.jshell and the rest)
     * costs a worker's start some 80 to 110 ms more, as the JVM can no longer use the module graph
     * its default CDS archive holds and resolves the modules anew.
     */
    public static List<String> main(OsFamily os, List<String> runtime, String mainClass, List<String> userClasspath) {
        List<String> cmd = new ArrayList<>(classPath(os, runtime));
        cmd.addAll(List.of(mainClass, CLASS_PATH_ARGUMENT + join(os, userClasspath)));
        return List.copyOf(cmd);
    }

    /** The class path flag of a worker's JVM ({@code -cp} and Kiln's runtime), as {@link #main} writes it. */
    static List<String> classPath(OsFamily os, List<String> runtime) {
        return List.of("-cp", join(os, runtime));
    }

    private static String join(OsFamily os, List<String> entries) {
        return String.join(os.isWindows() ? ";" : ":", entries);
    }

    /** Longest argument, and longest command, passed as themselves; longer ones go through an argument file. */
    static final int MAX_ARGUMENT = 8_000;

    static final int MAX_COMMAND = 30_000;

    /**
     * Whether a command is too long to pass as it is: Windows caps a whole command line at
     * 32,767 characters, Linux a single argument at 128 KB; long class paths reach both.
     */
    public static boolean needsArgumentFile(List<String> cmd) {
        int total = 0;
        for (String a : cmd) {
            if (a.length() > MAX_ARGUMENT) {
                return true;
            }
            total += a.length() + 1;
        }
        return total > MAX_COMMAND;
    }

    /**
     * The command with everything after the executable moved into an argument file (the
     * {@code java} launcher's {@code @file}, JDK 9+): {@code [java, @file]}; the file holds
     * {@link #argumentFileText} of the rest.
     */
    public static List<String> withArgumentFile(List<String> cmd, java.nio.file.Path file) {
        return List.of(cmd.get(0), "@" + file);
    }

    /** The text of an argument file that holds {@code args}, one per line. */
    public static String argumentFileText(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return sb.toString();
    }
}
