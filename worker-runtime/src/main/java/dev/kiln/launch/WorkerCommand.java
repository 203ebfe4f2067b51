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

    /**
     * {@code <java> [kiln flags] [spec flags] [-cp <user class path>] -Xbootclasspath/a:<boot jar> dev.kiln.WorkerBoot
     * dev.kiln.worker.WorkerMain <runtime jars>}. Kiln's own flags come first, so the spec's flags
     * win where they disagree. The class path is the user's alone: Kiln's runtime is loaded by
     * the boot class into a loader of its own (see {@code dev.kiln.WorkerBoot}).
     */
    public static List<String> of(
            OsFamily os,
            Path javaHome,
            List<String> kilnFlags,
            List<String> jvmArgs,
            Path bootJar,
            List<Path> runtime,
            List<Path> classpath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(os.javaExecutable(javaHome).toString());
        cmd.addAll(kilnFlags);
        cmd.addAll(jvmArgs);
        cmd.addAll(classPath(os, classpath.stream().map(Path::toString).toList()));
        cmd.addAll(boot(bootJar, WORKER_MAIN, runtime));
        return cmd;
    }

    /**
     * The user's class path: {@code -cp <entries>}, or, when there are none, an empty
     * {@code java.class.path} (left out, the launcher would put {@code .} there; an empty
     * {@code -cp ""} argument does not survive every OS's command line). As with {@code java -cp ""},
     * the JVM's application loader then reads its working folder.
     */
    public static List<String> classPath(OsFamily os, List<String> entries) {
        return entries.isEmpty()
                ? List.of("-Djava.class.path=")
                : List.of("-cp", String.join(os.isWindows() ? ";" : ":", entries));
    }

    /**
     * {@code -Xbootclasspath/a:<boot jar> dev.kiln.WorkerBoot <main class> <runtime jars>}. The boot
     * class comes from the boot class path, so the class path stays the user's, and the JVM
     * resolves the modules a class-path program gets. Not the module path: starting from a module
     * ({@code -p ... -m ...}, with {@code --add-modules ALL-DEFAULT} for jdk.jshell and the rest)
     * costs a worker's start some 80 to 110 ms more, as the JVM can no longer use the module graph
     * its default CDS archive holds and resolves the modules anew.
     */
    public static List<String> boot(Path bootJar, String mainClass, List<Path> runtime) {
        return boot(
                bootJar.toString(),
                mainClass,
                runtime.stream().map(Path::toString).toList());
    }

    /** {@link #boot(Path, String, List)} with the paths as the target machine writes them. */
    public static List<String> boot(String bootJar, String mainClass, List<String> runtime) {
        List<String> args = new ArrayList<>(List.of("-Xbootclasspath/a:" + bootJar, BootJar.MAIN_CLASS, mainClass));
        args.addAll(runtime);
        return args;
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
