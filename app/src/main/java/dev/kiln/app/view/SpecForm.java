package dev.kiln.app.view;

import dev.kiln.WorkerSpec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

    /** JDKs found in the usual places of this OS (each a folder with bin/java), the running one first. */
    public static List<Path> findJdks() {
        Set<Path> out = new LinkedHashSet<>();
        out.add(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize());
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<Path> roots = new ArrayList<>();
        if (os.startsWith("windows")) {
            for (String pf : new String[] {System.getenv("ProgramFiles"), System.getenv("ProgramFiles(x86)")}) {
                if (pf != null) {
                    for (String vendor :
                            new String[] {"Java", "Eclipse Adoptium", "Microsoft", "Zulu", "Amazon Corretto"}) {
                        roots.add(Path.of(pf, vendor));
                    }
                }
            }
        } else if (os.contains("mac")) {
            roots.add(Path.of("/Library/Java/JavaVirtualMachines"));
            roots.add(Path.of(System.getProperty("user.home"), "Library/Java/JavaVirtualMachines"));
        } else {
            roots.add(Path.of("/usr/lib/jvm"));
            roots.add(Path.of("/opt"));
        }
        roots.add(Path.of(System.getProperty("user.home"), ".sdkman/candidates/java"));
        roots.add(Path.of(System.getProperty("user.home"), ".jdks"));
        String javaHomeEnv = System.getenv("JAVA_HOME");
        if (javaHomeEnv != null && hasJava(Path.of(javaHomeEnv))) {
            out.add(Path.of(javaHomeEnv).toAbsolutePath().normalize());
        }
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                for (Path p : ds) {
                    Path home = Files.isDirectory(p.resolve("Contents/Home")) ? p.resolve("Contents/Home") : p;
                    if (hasJava(home)) {
                        out.add(home.toRealPath());
                    }
                }
            } catch (IOException ignored) {
                // an unreadable folder holds no JDK we can use
            }
        }
        return List.copyOf(out);
    }

    private static boolean hasJava(Path home) {
        return Files.isRegularFile(home.resolve("bin").resolve("java"))
                || Files.isRegularFile(home.resolve("bin").resolve("java.exe"));
    }
}
