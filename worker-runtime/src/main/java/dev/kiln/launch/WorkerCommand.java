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
     * {@code <java> [kiln flags] [spec flags] -cp <runtime + user class path> WorkerMain}. Kiln's
     * own flags come first, so the spec's flags win where they disagree.
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
        List<String> cp = new ArrayList<>();
        runtime.forEach(p -> cp.add(p.toString()));
        classpath.forEach(p -> cp.add(p.toString()));
        cmd.add("-cp");
        cmd.add(String.join(os.isWindows() ? ";" : ":", cp));
        cmd.add(WORKER_MAIN);
        return cmd;
    }
}
