package dev.kiln;

import dev.kiln.launch.ClassDataSharing;
import dev.kiln.launch.LaunchRequest;
import dev.kiln.launch.RuntimeClasspath;
import dev.kiln.platform.OsFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How to launch a worker: which JDK, which JVM flags, which environment and class path.
 * Nothing is inherited from the host: a worker sees only what its spec gives it (plus the
 * few environment variables its OS needs and the Kiln runtime's own jars).
 *
 * <pre>{@code
 * WorkerSpec spec = WorkerSpec.builder()
 *         .name("demo")
 *         .jvmArgs("-Xmx256m")
 *         .env("GREETING", "hello")
 *         .classpath(Path.of("lib/my-library.jar"))
 *         .build();
 * try (Worker w = Worker.start(spec)) { ... }
 * }</pre>
 *
 * Immutable and thread-safe. {@link #toBuilder()} makes a modified copy.
 */
public final class WorkerSpec {
    /** The default time a worker has to launch and complete its handshake. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    private static final WorkerSpec DEFAULTS = builder().build();

    private final String name;
    private final Path javaHome;
    private final List<String> jvmArgs;
    private final Map<String, String> env;
    private final List<Path> classpath;
    private final Path workingDirectory;
    private final Duration startTimeout;
    private final boolean echoOutput;
    private final boolean classDataSharing;
    private final Path cacheDirectory;

    private WorkerSpec(Builder b) {
        this.name = b.name;
        this.javaHome = b.javaHome;
        this.jvmArgs = List.copyOf(b.jvmArgs);
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.classpath = List.copyOf(b.classpath);
        this.workingDirectory = b.workingDirectory;
        this.startTimeout = b.startTimeout;
        this.echoOutput = b.echoOutput;
        this.classDataSharing = b.classDataSharing;
        this.cacheDirectory = b.cacheDirectory;
    }

    /** A spec with every default: the host's JDK, no flags, no extra environment or class path. */
    public static WorkerSpec defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.javaHome = javaHome;
        b.jvmArgs.addAll(jvmArgs);
        b.env.putAll(env);
        b.classpath.addAll(classpath);
        b.workingDirectory = workingDirectory;
        b.startTimeout = startTimeout;
        b.echoOutput = echoOutput;
        b.classDataSharing = classDataSharing;
        b.cacheDirectory = cacheDirectory;
        return b;
    }

    /** The worker's display name; empty for a generated one ({@code worker-1}, ...). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The JDK the worker runs on; the host's own ({@code java.home}) when not set. */
    public Path javaHome() {
        return javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
    }

    /** True when the spec names no JDK (the worker runs on the host's). */
    public boolean usesHostJdk() {
        return javaHome == null;
    }

    /** The JVM flags, exactly as given (no host flag is added). */
    public List<String> jvmArgs() {
        return jvmArgs;
    }

    /** Environment variables for the worker, on top of the few its OS needs. */
    public Map<String, String> env() {
        return env;
    }

    /** Class path entries added after the Kiln runtime's jars. */
    public List<Path> classpath() {
        return classpath;
    }

    /** The worker's working directory; empty for the host's current directory. */
    public Optional<Path> workingDirectory() {
        return Optional.ofNullable(workingDirectory);
    }

    /** How long a worker may take from spawn to an authenticated connection before it is killed. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** Whether the worker's output is also printed on the host's streams, prefixed {@code [name pid]}. */
    public boolean echoOutput() {
        return echoOutput;
    }

    /**
     * Whether the worker may use a class data sharing archive of Kiln's runtime classes (default
     * true): it then starts and answers its first request faster. The archive is built once per JDK
     * and runtime version, in the background, in {@link #cacheDirectory()}. The host system property
     * {@code kiln.cds=false} turns it off for every worker.
     */
    public boolean classDataSharing() {
        return classDataSharing;
    }

    /**
     * The folder for Kiln's rebuildable files (class data sharing archives); empty for the
     * user's cache folder ({@link dev.kiln.platform.UserFolders#cache()}), or the host system
     * property {@code kiln.cacheDir} when set.
     */
    public Optional<Path> cacheDirectory() {
        return Optional.ofNullable(cacheDirectory);
    }

    /** Builds (or finds) the class data sharing archive for this spec's workers; see {@link Worker#prepareClassDataSharing}. */
    CompletableFuture<Optional<Path>> prepareClassDataSharing() {
        if (!classDataSharing || !ClassDataSharing.allowedByHost()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return ClassDataSharing.ensureArchive(
                javaHome(), RuntimeClasspath.entries(), ClassDataSharing.cacheDir(cacheDirectory()));
    }

    /** What the launcher needs of this spec, for a worker of this name. */
    LaunchRequest launchRequest(String workerName) {
        return new LaunchRequest(
                workerName,
                javaHome(),
                jvmArgs,
                env,
                classpath,
                workingDirectory(),
                classDataSharing,
                ClassDataSharing.cacheDir(cacheDirectory()),
                startTimeout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerSpec s
                && Objects.equals(name, s.name)
                && Objects.equals(javaHome, s.javaHome)
                && jvmArgs.equals(s.jvmArgs)
                && env.equals(s.env)
                && classpath.equals(s.classpath)
                && Objects.equals(workingDirectory, s.workingDirectory)
                && startTimeout.equals(s.startTimeout)
                && echoOutput == s.echoOutput
                && classDataSharing == s.classDataSharing
                && Objects.equals(cacheDirectory, s.cacheDirectory);
    }

    /** True when a worker launched from {@code other} would be the same process as one from this spec (the name aside). */
    public boolean sameLaunchAs(WorkerSpec other) {
        return Objects.equals(javaHome, other.javaHome)
                && jvmArgs.equals(other.jvmArgs)
                && env.equals(other.env)
                && classpath.equals(other.classpath)
                && Objects.equals(workingDirectory, other.workingDirectory)
                && classDataSharing == other.classDataSharing
                && Objects.equals(cacheDirectory, other.cacheDirectory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                name,
                javaHome,
                jvmArgs,
                env,
                classpath,
                workingDirectory,
                startTimeout,
                echoOutput,
                classDataSharing,
                cacheDirectory);
    }

    @Override
    public String toString() {
        return "WorkerSpec[name=" + name + ", javaHome=" + javaHome() + ", jvmArgs=" + jvmArgs
                + ", env=" + env.keySet() + ", classpath=" + classpath + ", workingDirectory=" + workingDirectory
                + ", startTimeout=" + startTimeout + ", echoOutput=" + echoOutput + ", classDataSharing="
                + classDataSharing + (cacheDirectory == null ? "" : ", cacheDirectory=" + cacheDirectory) + "]";
    }

    /**
     * Builds a {@link WorkerSpec}. Each setter checks its input and throws
     * {@link IllegalArgumentException} with what was wrong and what to do.
     */
    public static final class Builder {
        private String name;
        private Path javaHome;
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<Path> classpath = new ArrayList<>();
        private Path workingDirectory;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private boolean echoOutput = true;
        private boolean classDataSharing = true;
        private Path cacheDirectory;

        private Builder() {}

        /** The display name ({@code [name pid]} prefix, app list); null for a generated one. */
        public Builder name(String name) {
            if (name != null && (name.isBlank() || name.chars().anyMatch(Character::isISOControl))) {
                throw new IllegalArgumentException(
                        "worker name must be non-blank printable text, got \"" + name + "\"");
            }
            this.name = name;
            return this;
        }

        /** The JDK to run the worker on (a folder with {@code bin/java}); null for the host's. */
        public Builder javaHome(Path javaHome) {
            if (javaHome != null) {
                Path java = OsFamily.current().javaExecutable(javaHome);
                if (!Files.isRegularFile(java)) {
                    throw new IllegalArgumentException("javaHome " + javaHome + " has no " + javaHome.relativize(java)
                            + ": give the folder of a JDK or JRE (the one that contains bin/java)");
                }
            }
            this.javaHome = javaHome;
            return this;
        }

        /** Replaces the JVM flags. */
        public Builder jvmArgs(String... args) {
            return jvmArgs(Arrays.asList(args));
        }

        /** Replaces the JVM flags. */
        public Builder jvmArgs(List<String> args) {
            Objects.requireNonNull(args, "args");
            for (String a : args) {
                if (a == null || a.isEmpty()) {
                    throw new IllegalArgumentException("JVM flags must be non-empty strings, got " + args);
                }
                if (a.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("JVM flag contains a NUL character: " + a.replace('\0', '?'));
                }
            }
            jvmArgs.clear();
            jvmArgs.addAll(args);
            return this;
        }

        /** Sets one environment variable for the worker. */
        public Builder env(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value of environment variable " + key);
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable name \"" + key.replace('\0', '?')
                        + "\" is invalid: it must be non-empty and contain neither '=' nor NUL");
            }
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(
                        "value of environment variable " + key + " contains a NUL character");
            }
            env.put(key, value);
            return this;
        }

        /** Sets several environment variables for the worker. */
        public Builder env(Map<String, String> vars) {
            vars.forEach(this::env);
            return this;
        }

        /** Adds class path entries (jars or class folders); each must exist. */
        public Builder classpath(Path... entries) {
            return classpath(Arrays.asList(entries));
        }

        /** Adds class path entries (jars or class folders); each must exist. */
        public Builder classpath(List<Path> entries) {
            for (Path p : entries) {
                Objects.requireNonNull(p, "class path entry");
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException("class path entry " + p.toAbsolutePath()
                            + " does not exist: give an existing jar or class folder");
                }
                classpath.add(p.toAbsolutePath().normalize());
            }
            return this;
        }

        /** The worker's working directory; it must exist. */
        public Builder workingDirectory(Path dir) {
            if (dir != null && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException(
                        "working directory " + dir.toAbsolutePath() + " is not an existing folder");
            }
            this.workingDirectory = dir == null ? null : dir.toAbsolutePath().normalize();
            return this;
        }

        /** How long the worker may take to launch and connect (default 30 s). */
        public Builder startTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /** Whether to print the worker's output on the host's streams (default true). */
        public Builder echoOutput(boolean echo) {
            this.echoOutput = echo;
            return this;
        }

        /**
         * Whether the worker may use Kiln's class data sharing archive (default true); see
         * {@link WorkerSpec#classDataSharing()}.
         */
        public Builder classDataSharing(boolean enabled) {
            this.classDataSharing = enabled;
            return this;
        }

        /** The folder for Kiln's rebuildable files (class data sharing archives); null for the user's cache folder. */
        public Builder cacheDirectory(Path dir) {
            if (dir != null && !dir.isAbsolute()) {
                throw new IllegalArgumentException(
                        "cache directory must be an absolute path, got " + dir + ": try " + dir.toAbsolutePath());
            }
            this.cacheDirectory = dir;
            return this;
        }

        public WorkerSpec build() {
            return new WorkerSpec(this);
        }
    }
}
