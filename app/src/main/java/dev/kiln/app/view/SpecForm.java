package dev.kiln.app.view;

import dev.kiln.WorkerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The New worker form's fields as plain text, turned into a {@link WorkerSpec}. Pure, so the
 * parsing and its error messages are tested without a window.
 */
public record SpecForm(
        String name,
        String javaHome,
        String maxHeap,
        String jvmFlags,
        String env,
        String classpath,
        String workingDirectory) {
    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

    /** The spec; {@link IllegalArgumentException} says which field is wrong and how. */
    public WorkerSpec toSpec() {
        WorkerSpec.Builder b = WorkerSpec.builder().echoOutput(false);
        if (!blank(name)) {
            b.name(name.strip());
        }
        if (!blank(javaHome)) {
            b.javaHome(Path.of(javaHome.strip()));
        }
        List<String> flags = new ArrayList<>();
        if (!blank(maxHeap)) {
            String h = maxHeap.strip();
            if (!HEAP.matcher(h).matches()) {
                throw new IllegalArgumentException("Max heap \"" + h + "\" is not a size: write e.g. 512m or 2g");
            }
            flags.add("-Xmx" + h);
        }
        if (!blank(jvmFlags)) {
            flags.addAll(List.of(jvmFlags.strip().split("\\s+")));
        }
        b.jvmArgs(flags);
        if (!blank(env)) {
            for (String line : env.strip().split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(
                            "Environment line \"" + line.strip() + "\" needs the form NAME=value");
                }
                b.env(line.substring(0, eq).strip(), line.substring(eq + 1));
            }
        }
        if (!blank(classpath)) {
            for (String entry : classpath.strip().split("\\R|" + Pattern.quote(java.io.File.pathSeparator))) {
                if (!entry.isBlank()) {
                    b.classpath(Path.of(entry.strip()));
                }
            }
        }
        if (!blank(workingDirectory)) {
            b.workingDirectory(Path.of(workingDirectory.strip()));
        }
        return b.build();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
