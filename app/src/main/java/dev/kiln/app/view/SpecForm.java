package dev.kiln.app.view;

import dev.kiln.WorkerSpec;
import dev.kiln.platform.Jdk;
import dev.kiln.platform.OsFamily;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The New worker form's fields as plain text, turned into a {@link WorkerSpec}; dependencies are
 * Maven coordinates, one a line ({@code org.apache.commons:commons-lang3:3.14.0}). Pure, so the
 * parsing and its error messages are tested without a window.
 *
 * <p>An empty {@code host} is this machine. Otherwise ({@code me@build-box},
 * {@code ssh://me@10.0.0.5:2222}, or a {@code Host} of {@code ~/.ssh/config}) the worker runs
 * there: the JDK and the working folder are then folders of that machine, not checked here (empty:
 * its {@code JAVA_HOME} or {@code java} on its PATH, and its user's home folder), while the class
 * path, the identity file and the known hosts file are files of this one (empty: {@code ~/.ssh}'s).
 * For this machine the identity and known hosts fields are ignored. {@code lowPriority} runs the
 * worker below the workbench's CPU priority (see {@link WorkerSpec.Builder#lowPriority}).
 */
public record SpecForm(
        String name,
        String javaHome,
        String maxHeap,
        String jvmFlags,
        String env,
        String classpath,
        String workingDirectory,
        String dependencies,
        String host,
        String sshIdentity,
        String sshKnownHosts,
        boolean lowPriority) {
    /** A size: a number (decimals allowed), a unit or none, an optional B: 512, 512m, 2 GB, 1.5g. */
    private static final Pattern HEAP = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*([kmgt]?)b?", Pattern.CASE_INSENSITIVE);

    /** What the Max heap field's prompt says. */
    public static final String HEAP_PROMPT = "512 means 512 MB; or 512m, 2g (empty: the JVM's default)";

    /** A form for a worker on this machine, at low priority as the workbench's workers are by default. */
    public SpecForm(
            String name,
            String javaHome,
            String maxHeap,
            String jvmFlags,
            String env,
            String classpath,
            String workingDirectory,
            String dependencies) {
        this(name, javaHome, maxHeap, jvmFlags, env, classpath, workingDirectory, dependencies, "", "", "", true);
    }

    /** What the Host field's prompt says. */
    public static final String HOST_PROMPT = "empty: this machine; or user@host, ssh://user@host:port";

    /** The spec; {@link IllegalArgumentException} says which field is wrong and how to fix it. */
    public WorkerSpec toSpec() {
        return toSpec(OsFamily.current());
    }

    WorkerSpec toSpec(OsFamily os) {
        WorkerSpec.Builder b = WorkerSpec.builder().echoOutput(false).lowPriority(lowPriority);
        if (!blank(name)) {
            b.name(name.strip());
        }
        boolean remote = !blank(host);
        if (remote) {
            ssh(b);
        }
        if (remote && !blank(javaHome)) {
            b.javaHome(Path.of(javaHome.strip())); // a folder over there: that machine tells if it is no JDK
        } else if (!blank(javaHome)) {
            Path folder = Path.of(javaHome.strip());
            Optional<Jdk> jdk = Jdk.at(folder);
            if (jdk.isEmpty()) {
                throw new IllegalArgumentException(notAJdk(os, folder));
            }
            b.javaHome(jdk.get().home());
        }
        List<String> flags = new ArrayList<>();
        if (!blank(maxHeap)) {
            flags.add("-Xmx" + heapSize(maxHeap.strip()));
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
                    throw new IllegalArgumentException("The environment line \"" + line.strip()
                            + "\" has no name: write one variable a line, as NAME=value");
                }
                b.env(line.substring(0, eq).strip(), line.substring(eq + 1));
            }
        }
        if (!blank(classpath)) {
            for (String entry : classpath.strip().split("\\R|" + Pattern.quote(File.pathSeparator))) {
                if (!entry.isBlank()) {
                    b.classpath(Path.of(entry.strip()));
                }
            }
        }
        for (String line :
                blank(dependencies) ? new String[0] : dependencies.strip().split("\\R")) {
            if (!line.isBlank()) {
                try {
                    b.dependencies(line.strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Dependencies: " + e.getMessage() + " (one a line)");
                }
            }
        }
        if (remote) {
            if (!blank(workingDirectory)) {
                b.workingDirectory(Path.of(workingDirectory.strip()));
            }
        } else if (!blank(workingDirectory)) {
            Path dir = Path.of(workingDirectory.strip());
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("The working folder " + dir
                        + " does not exist: choose an existing folder, or leave it empty for your home folder");
            }
            b.workingDirectory(dir);
        } else {
            b.workingDirectory(dev.kiln.app.model.WorkbenchViewModel.defaultWorkingFolder());
        }
        return b.build();
    }

    /** The host, key and known hosts of a worker on another machine, each checked with what to do about it. */
    private void ssh(WorkerSpec.Builder b) {
        try {
            b.host(host.strip());
        } catch (IllegalArgumentException e) {
            // The library's words ("host \"x\" is not an SSH target (why): write ..."), as a sentence.
            String why = e.getMessage();
            throw new IllegalArgumentException(Character.toUpperCase(why.charAt(0)) + why.substring(1), e);
        }
        if (!blank(sshIdentity)) {
            Path key = Path.of(sshIdentity.strip());
            if (!Files.isRegularFile(key)) {
                throw new IllegalArgumentException("The identity file " + key
                        + " does not exist: choose your private SSH key (such as ~/.ssh/id_ed25519), or leave it"
                        + " empty for the keys in ~/.ssh");
            }
            b.sshIdentity(key);
        }
        if (!blank(sshKnownHosts)) {
            Path file = Path.of(sshKnownHosts.strip());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("The known hosts file " + file
                        + " does not exist: choose a file with the machine's host key (such as ~/.ssh/known_hosts),"
                        + " or leave it empty for ~/.ssh/known_hosts");
            }
            b.sshKnownHosts(file);
        }
    }

    /** What to tell a user whose JDK folder has no {@code java} launcher, as their OS lays a JDK out. */
    static String notAJdk(OsFamily os, Path folder) {
        String java = "bin" + (os.isWindows() ? "\\" : "/") + os.executableName("java");
        return "That folder is not a JDK: " + folder + " has no " + java + ". Choose the folder that contains " + java
                + (os == OsFamily.MACOS ? " (on macOS, the .jdk bundle)" : "") + ".";
    }

    /**
     * The {@code -Xmx} value for what the user wrote: a bare number is megabytes ({@code 512} →
     * {@code 512m}), units k, m, g, t (a B after them, spaces and case do not matter), and a
     * fraction becomes a whole number of a smaller unit ({@code 1.5g} → {@code 1536m}).
     */
    static String heapSize(String text) {
        Matcher m = HEAP.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("Max heap \"" + text.strip()
                    + "\" is not a size: write megabytes (512), or a size with its unit (512m, 2g)");
        }
        String unit = m.group(2).isEmpty() ? "m" : m.group(2).toLowerCase(Locale.ROOT);
        BigDecimal amount = new BigDecimal(m.group(1).replace(',', '.'));
        String units = "kmgt";
        int at = units.indexOf(unit);
        // Down to smaller units until the amount is whole: 1.5g -> 1536m, 0.5m -> 512k.
        while (amount.stripTrailingZeros().scale() > 0 && at > 0) {
            amount = amount.multiply(BigDecimal.valueOf(1024));
            at--;
        }
        if (amount.stripTrailingZeros().scale() > 0 || amount.signum() == 0) {
            throw new IllegalArgumentException(
                    "Max heap \"" + text.strip() + "\" is too small: write at least 2 (MB), or e.g. 512m or 2g");
        }
        return amount.stripTrailingZeros().toPlainString() + units.charAt(at);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
