package dev.kiln;

import dev.kiln.launch.ClassDataSharing;
import dev.kiln.launch.LaunchRequest;
import dev.kiln.launch.LocalLauncher;
import dev.kiln.launch.RuntimeClasspath;
import dev.kiln.launch.WorkerLauncher;
import dev.kiln.platform.OsFamily;
import dev.kiln.ssh.SshLauncher;
import dev.kiln.ssh.SshOptions;
import dev.kiln.ssh.SshTarget;
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
 * <p>With {@link Builder#host(String) host} set, the worker runs on another machine, reached
 * over SSH; every other setting means the same there (see {@link #host()}).
 *
 * <p>Immutable and thread-safe. {@link #toBuilder()} makes a modified copy.
 */
public final class WorkerSpec {
    /** The default time a worker has to launch and complete its handshake. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    private static final WorkerSpec DEFAULTS = builder().build();
    private static final WorkerLauncher LOCAL = new LocalLauncher(OsFamily.current());

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
    private final SshOptions ssh;

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
        this.ssh = new SshOptions(b.host, b.sshIdentity, b.sshKnownHosts, b.sshConfig);
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
        b.host = ssh.target();
        b.sshIdentity = ssh.identity();
        b.sshKnownHosts = ssh.knownHosts();
        b.sshConfig = ssh.config();
        return b;
    }

    /** The worker's display name; empty for a generated one ({@code worker-1}, ...). */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * The JDK the worker runs on; the host's own ({@code java.home}) when not set. For a worker on
     * another {@link #host()}, a folder on that machine; when not set, the empty path: the worker then
     * runs on that machine's {@code JAVA_HOME}, else the {@code java} on its PATH ({@link Worker#javaHome()}
     * tells which, once it is ready).
     */
    public Path javaHome() {
        if (javaHome != null) {
            return javaHome;
        }
        return ssh.isLocal() ? Path.of(System.getProperty("java.home")) : Path.of("");
    }

    /** True when the spec names no JDK (the worker runs on the host's, or on the remote machine's default). */
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

    /** The worker's working directory; empty for the host's current directory (on a remote host: the user's home). */
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
     * property {@code kiln.cacheDir} when set. For a worker on another {@link #host()}, a folder on
     * that machine that keeps Kiln's runtime jars (empty: {@code ~/.cache/kiln} there).
     */
    public Optional<Path> cacheDirectory() {
        return Optional.ofNullable(cacheDirectory);
    }

    /**
     * Where the worker runs: empty for this machine, else the SSH target it was given
     * ({@code "me@build-server"}, {@code "ssh://me@10.0.0.5:2222"}, or a {@code Host} of
     * {@code ~/.ssh/config}). A remote worker behaves as a local one: the same requests, output,
     * stats (of that machine's process), interrupt, stop and nested workers. Its JDK and working folder
     * are paths on that machine; its class path is copied there (once per content) beside Kiln's own
     * jars; class data sharing is not used there. Its connection travels inside the SSH connection.
     */
    public Optional<String> host() {
        return Optional.ofNullable(ssh.target());
    }

    /** The private key for SSH; empty for the user's ({@code IdentityFile} of the SSH config, else {@code ~/.ssh/id_*}). */
    public Optional<Path> sshIdentity() {
        return Optional.ofNullable(ssh.identity());
    }

    /** The known hosts file that vouches for the remote machine's key; empty for {@code ~/.ssh/known_hosts}. */
    public Optional<Path> sshKnownHosts() {
        return Optional.ofNullable(ssh.knownHosts());
    }

    /** The SSH config file ({@code HostName}, {@code User}, {@code Port}, {@code IdentityFile}); empty for {@code ~/.ssh/config}. */
    public Optional<Path> sshConfig() {
        return Optional.ofNullable(ssh.config());
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
                classDataSharing && ssh.isLocal(),
                ssh.isLocal() ? ClassDataSharing.cacheDir(cacheDirectory()) : SshLauncher.cacheDir(cacheDirectory()),
                startTimeout);
    }

    /** Who starts this spec's workers: this machine, or the SSH host. */
    WorkerLauncher launcher() {
        return ssh.isLocal() ? LOCAL : SshLauncher.of(ssh);
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
                && Objects.equals(cacheDirectory, s.cacheDirectory)
                && ssh.equals(s.ssh);
    }

    /** True when a worker launched from {@code other} would be the same process as one from this spec (the name aside). */
    public boolean sameLaunchAs(WorkerSpec other) {
        return Objects.equals(javaHome, other.javaHome)
                && jvmArgs.equals(other.jvmArgs)
                && env.equals(other.env)
                && classpath.equals(other.classpath)
                && Objects.equals(workingDirectory, other.workingDirectory)
                && classDataSharing == other.classDataSharing
                && Objects.equals(cacheDirectory, other.cacheDirectory)
                && ssh.equals(other.ssh);
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
                cacheDirectory,
                ssh);
    }

    @Override
    public String toString() {
        return "WorkerSpec[name=" + name + ", javaHome=" + javaHome() + ", jvmArgs=" + jvmArgs
                + ", env=" + env.keySet() + ", classpath=" + classpath + ", workingDirectory=" + workingDirectory
                + ", startTimeout=" + startTimeout + ", echoOutput=" + echoOutput + ", classDataSharing="
                + classDataSharing + (cacheDirectory == null ? "" : ", cacheDirectory=" + cacheDirectory)
                + ssh + "]";
    }

    /**
     * Builds a {@link WorkerSpec}. Each setter checks its input and throws
     * {@link IllegalArgumentException} with what was wrong and what to do; {@link #build()} checks
     * what depends on the machine the worker runs on (the JDK and working folder exist here, unless
     * {@link #host(String) host} is set).
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
        private String host;
        private Path sshIdentity;
        private Path sshKnownHosts;
        private Path sshConfig;

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

        /**
         * The JDK to run the worker on (a folder with {@code bin/java}; on a remote {@link #host(String) host},
         * a folder there); null for the host's (on a remote host: its {@code JAVA_HOME}, else {@code java} on its PATH).
         */
        public Builder javaHome(Path javaHome) {
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

        /** The worker's working directory; it must exist (on a remote {@link #host(String) host}: there). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
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

        /**
         * The folder for Kiln's rebuildable files; null for the user's cache folder. See
         * {@link WorkerSpec#cacheDirectory()}.
         */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        /**
         * Runs the worker on another machine, over SSH: {@code "me@build-server"},
         * {@code "ssh://me@10.0.0.5:2222"}, or a {@code Host} alias of {@code ~/.ssh/config}; null for
         * this machine. The machine needs an SSH server, a JDK 17+ and a POSIX shell; nothing of Kiln.
         *
         * <pre>{@code
         * try (Worker w = Worker.start(WorkerSpec.builder().host("me@build-server").jvmArgs("-Xmx8g").build())) {
         *     w.evalFetch("Runtime.getRuntime().availableProcessors()");   // that machine's
         * }
         * }</pre>
         */
        public Builder host(String target) {
            if (target != null) {
                SshTarget.parse(target); // says what is wrong with it
            }
            this.host = target;
            return this;
        }

        /** The private key to log in with; it must exist. Null for the user's (see {@link WorkerSpec#sshIdentity()}). */
        public Builder sshIdentity(Path key) {
            this.sshIdentity = SpecPaths.existingFile(key, "SSH identity (private key)");
            return this;
        }

        /** The known hosts file; null for {@code ~/.ssh/known_hosts}. A missing file knows no host. */
        public Builder sshKnownHosts(Path file) {
            this.sshKnownHosts = file == null ? null : file.toAbsolutePath().normalize();
            return this;
        }

        /** The SSH config file; it must exist. Null for {@code ~/.ssh/config} (when there is one). */
        public Builder sshConfig(Path file) {
            this.sshConfig = SpecPaths.existingFile(file, "SSH config file");
            return this;
        }

        /** The spec; checks that the JDK, working folder and cache folder make sense here, unless the worker is remote. */
        public WorkerSpec build() {
            if (host == null) {
                SpecPaths.checkJavaHome(javaHome);
                workingDirectory = SpecPaths.localFolder(workingDirectory);
                SpecPaths.checkCacheDirectory(cacheDirectory);
            }
            return new WorkerSpec(this);
        }
    }
}
