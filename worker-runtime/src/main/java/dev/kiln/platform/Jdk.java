package dev.kiln.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Java installation: its home folder (the one with {@code bin/java}) and version.
 *
 * <pre>{@code
 * Optional<Jdk> jdk21 = Jdk.installed().stream().filter(j -> j.feature() == 21).findFirst();
 * jdk21.ifPresent(j -> Worker.start(WorkerSpec.builder().javaHome(j.home()).build()));
 * }</pre>
 *
 * @param home    the home folder, absolute and normalized
 * @param version the {@code JAVA_VERSION} of its {@code release} file ({@code "17.0.15"}), or
 *                {@code ""} when it has none
 */
public record Jdk(Path home, String version) {
    /** {@code JAVA_HOME}, {@code JDK_HOME}, and names like {@code JAVA_HOME_21_X64} or {@code JAVA_21_HOME}. */
    private static final Pattern HOME_VARIABLE = Pattern.compile("(JAVA|JDK)(_HOME(_\\d+.*)?|_\\d+_HOME)");

    /** The feature release: 17 for {@code "17.0.15"}, 8 for {@code "1.8.0_402"}; 0 when unknown. */
    public int feature() {
        return feature(version);
    }

    /** The feature number of a {@code java.version} string. */
    public static int feature(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    /** The JDK this JVM runs on. */
    public static Jdk current() {
        return new Jdk(
                Path.of(System.getProperty("java.home")).toAbsolutePath().normalize(),
                System.getProperty("java.version", ""));
    }

    /**
     * The installation at {@code folder}: a Java home, or a macOS bundle ({@code temurin-21.jdk},
     * whose home is {@code Contents/Home}). Empty when it has no {@code java} launcher.
     */
    public static Optional<Jdk> at(Path folder) {
        Path home = homeOf(folder);
        OsFamily os = OsFamily.current();
        if (!Files.isRegularFile(os.javaExecutable(home))
                && !Files.isRegularFile(OsFamily.WINDOWS.javaExecutable(home))
                && !Files.isRegularFile(OsFamily.LINUX.javaExecutable(home))) {
            return Optional.empty();
        }
        Path normalized = home.toAbsolutePath().normalize();
        return Optional.of(new Jdk(normalized, releaseVersion(normalized).orElse("")));
    }

    /** A macOS {@code .jdk} bundle's home is {@code Contents/Home}; any other folder is its own home. */
    public static Path homeOf(Path folder) {
        Path bundleHome = folder.resolve("Contents").resolve("Home");
        return Files.isDirectory(bundleHome) ? bundleHome : folder;
    }

    /** The {@code JAVA_VERSION} recorded in a Java home's {@code release} file. */
    public static Optional<String> releaseVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String v = p.getProperty("JAVA_VERSION");
        return v == null ? Optional.empty() : Optional.of(v.replace("\"", "").trim());
    }

    /**
     * The Java installations of this machine, the running one first: those named by
     * {@code JAVA_HOME}-style variables, then those in the usual folders of this OS
     * ({@link #searchFolders}). Each home appears once.
     */
    public static List<Jdk> installed() {
        return installed(OsFamily.current(), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static List<Jdk> installed(OsFamily os, Map<String, String> env, Path userHome) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Jdk> out = new ArrayList<>();
        Jdk running = current();
        seen.add(running.home());
        try {
            seen.add(running.home().toRealPath());
        } catch (IOException ignored) {
            // the running JDK's folder is there: it runs
        }
        out.add(running);
        List<Path> candidates = new ArrayList<>();
        env.entrySet().stream()
                .filter(e -> HOME_VARIABLE.matcher(e.getKey()).matches()
                        && !e.getValue().isBlank())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> candidates.add(Path.of(e.getValue())));
        for (Path root : searchFolders(os, env, userHome)) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                ds.forEach(children::add);
            } catch (IOException ignored) {
                // an unreadable folder holds no JDK we can use
            }
            children.sort(Comparator.comparing(Path::toString));
            candidates.addAll(children);
        }
        for (Path candidate : candidates) {
            at(candidate).ifPresent(jdk -> {
                Path real;
                try {
                    real = jdk.home().toRealPath();
                } catch (IOException e) {
                    return;
                }
                boolean fresh = seen.add(real);
                seen.add(jdk.home());
                if (fresh) {
                    out.add(new Jdk(real, jdk.version()));
                }
            });
        }
        return List.copyOf(out);
    }

    /** The folders where JDKs are usually installed on an OS of this family (each JDK is a subfolder). */
    public static List<Path> searchFolders(OsFamily os, Map<String, String> env, Path userHome) {
        List<Path> roots = new ArrayList<>();
        switch (os) {
            case WINDOWS -> {
                for (String variable : List.of("ProgramFiles", "ProgramFiles(x86)")) {
                    String pf = env.get(variable);
                    if (pf != null && !pf.isBlank()) {
                        for (String vendor : List.of(
                                "Java", "Eclipse Adoptium", "Microsoft", "Zulu", "Amazon Corretto", "BellSoft")) {
                            roots.add(Path.of(pf, vendor));
                        }
                    }
                }
            }
            case MACOS -> {
                roots.add(Path.of("/Library/Java/JavaVirtualMachines"));
                roots.add(userHome.resolve("Library").resolve("Java").resolve("JavaVirtualMachines"));
            }
            case LINUX, OTHER_UNIX -> {
                roots.add(Path.of("/usr/lib/jvm"));
                roots.add(Path.of("/usr/java"));
                roots.add(Path.of("/opt"));
            }
        }
        roots.add(userHome.resolve(".sdkman").resolve("candidates").resolve("java"));
        roots.add(userHome.resolve(".jdks"));
        return roots;
    }
}
