package dev.kiln.launch;

import dev.kiln.host.CallPayloads;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The calls of the class data sharing training run, serialized here, on the host, and handed to
 * the training in a file ({@code --calls=<file>}): what the training JVM loads goes into the
 * archive every worker maps, and serializing a lambda loads what a worker never needs
 * ({@code ObjectOutputStream}, and for the default serialVersionUID of {@code Object[]}, SHA-1
 * with the security providers: some 70 classes, a tenth of the archive).
 */
final class TrainingCalls {
    /** The argument that names the file. */
    static final String ARGUMENT = "--calls=";

    private TrainingCalls() {}

    /**
     * The file of the calls for the training that writes the temporary archive {@code tmp}
     * ({@code <key>.<pid>.<time>.tmp.jsa}): {@code <key>.<pid>.<time>.calls}, beside it in the
     * cache folder, which only this user can write.
     */
    static Path fileFor(Path tmp) {
        String name = tmp.getFileName().toString();
        int end = name.indexOf(".tmp");
        return tmp.resolveSibling((end < 0 ? name : name.substring(0, end)) + ".calls");
    }

    /**
     * Runs the training {@code cmd} with the calls in a file next to {@code tmp}, which is
     * gone when this returns.
     */
    static BuildJvm.Result train(List<String> cmd, Path tmp) throws IOException, InterruptedException {
        Path calls = fileFor(tmp);
        try {
            write(calls);
            List<String> withCalls = new ArrayList<>(cmd);
            withCalls.add(ARGUMENT + calls);
            return BuildJvm.run(withCalls);
        } finally {
            Files.deleteIfExists(calls);
        }
    }

    /** The calls, each as its byte count and its serialized form, in the order the training sends them. */
    static void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            for (Callable<?> task : Tasks.ALL) {
                byte[] bytes = CallPayloads.of(task);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /**
     * The training's calls: a call that prints, one whose result is a list (it builds Kryo), both
     * capturing nothing (they travel as lambda references), and one that captures a value (it
     * travels by Java serialization). In a class of their own: the worker loads their capturing
     * class, and no more of the host's code than that.
     */
    static final class Tasks {
        private Tasks() {}

        static final List<Callable<?>> ALL = List.of(
                (Callable<Integer> & Serializable) () -> {
                    System.out.print(".");
                    return 1 + 1;
                },
                (Callable<Object> & Serializable) () -> new ArrayList<>(List.of(1, "a")),
                plus(1));

        private static Callable<Integer> plus(int n) {
            return (Callable<Integer> & Serializable) () -> n + 1;
        }
    }
}
