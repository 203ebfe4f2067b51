package dev.kiln;

import dev.kiln.ssh.SshOptions;
import dev.kiln.ssh.SshTarget;
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
import java.util.function.Consumer;

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
    private final boolean lowPriority;
    private final SshOptions ssh;
    private final MavenDependencies dependencies;
    private final Consumer<DownloadProgress> onDownload;

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
        this.lowPriority = b.lowPriority;
        this.ssh = b.ssh;
        this.dependencies = b.dependencies;
        this.onDownload = b.onDownload;
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
        b.lowPriority = lowPriority;
        b.ssh = ssh;
        b.dependencies = dependencies;
        b.onDownload = onDownload;
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
        return ssh.isLocal() ? HostJdk.HOME : Path.of("");
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

    /**
     * The worker's user class path: what its code sees, and its {@code java.class.path}; Kiln's
     * runtime is never on it (a worker's {@link Worker#classpath()} adds its dependencies).
     */
    public List<Path> classpath() {
        return classpath;
    }

    /** The Maven coordinates whose jars join the worker's class path, as Maven writes them; see {@link Builder#dependencies}. */
    public List<String> dependencies() {
        return dependencies.coordinates();
    }

    /** The remote repositories for {@link #dependencies()}; empty for Maven Central and those of the settings' active profiles. */
    public Optional<List<String>> repositories() {
        return Optional.ofNullable(dependencies.repositories());
    }

    /** The local Maven repository; empty for Maven's ({@code -Dmaven.repo.local}, settings.xml, {@code ~/.m2/repository}). */
    public Optional<Path> localRepository() {
        return Optional.ofNullable(dependencies.localRepository());
    }

    /**
     * Resolves {@link #dependencies()} now, as a start does first, off the caller's thread (downloads go to
     * the spec's {@link Builder#onDownload}): the jars, dependencies included. Fails with {@link DependencyException}.
     */
    public CompletableFuture<List<Path>> resolveDependencies() {
        return dependencies.resolveAsync(onDownload());
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

    /** Whether the worker runs at a lower CPU priority than its host (default false); see {@link Builder#lowPriority}. */
    public boolean lowPriority() {
        return lowPriority;
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

    /** The spec's SSH settings (its host is empty for this machine). */
    SshOptions ssh() {
        return ssh;
    }

    MavenDependencies mavenDependencies() {
        return dependencies;
    }

    /** Who hears of the spec's downloads (nobody: a listener that does nothing). */
    Consumer<DownloadProgress> onDownload() {
        return onDownload == null ? d -> {} : onDownload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerSpec s
                && Objects.equals(name, s.name)
                && startTimeout.equals(s.startTimeout)
                && echoOutput == s.echoOutput
                && sameLaunchAs(s);
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
                && lowPriority == other.lowPriority
                && ssh.equals(other.ssh)
                && dependencies.equals(other.dependencies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, javaHome, jvmArgs, env, classpath, ssh, dependencies); // fields equal specs share
    }

    @Override
    public String toString() {
        return "WorkerSpec[name=" + name + ", javaHome=" + javaHome() + ", jvmArgs=" + jvmArgs
                + ", env=" + env.keySet() + ", classpath=" + classpath + ", workingDirectory=" + workingDirectory
                + ", startTimeout=" + startTimeout + ", echoOutput=" + echoOutput + ", classDataSharing="
                + classDataSharing + (cacheDirectory == null ? "" : ", cacheDirectory=" + cacheDirectory)
                + (lowPriority ? ", lowPriority" : "") + ssh + dependencies + "]";
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
        private boolean lowPriority;
        private SshOptions ssh = SshOptions.NONE;
        private MavenDependencies dependencies = MavenDependencies.NONE;
        private Consumer<DownloadProgress> onDownload;

        private Builder() {}

        /** The display name ({@code [name pid]} prefix, app list); null for a generated one. */
        public Builder name(String name) {
            this.name = SpecChecks.name(name);
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
            SpecChecks.jvmFlags(args);
            jvmArgs.clear();
            jvmArgs.addAll(args);
            return this;
        }

        /** Sets one environment variable for the worker. */
        public Builder env(String key, String value) {
            SpecChecks.envVariable(key, value);
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
                classpath.add(SpecChecks.classpathEntry(p));
            }
            return this;
        }

        /**
         * Adds Maven dependencies by coordinates, in Maven's order: {@code groupId:artifactId:version}
         * ({@code org.apache.commons:commons-lang3:3.14.0}), or {@code groupId:artifactId:extension:version}, or
         * {@code groupId:artifactId:extension:classifier:version}. When the worker starts, before its JVM is
         * spawned, Maven's resolver fetches them and their runtime dependencies into the local repository
         * (honouring {@code ~/.m2/settings.xml}: mirrors, proxies, offline) and the jars join its class path after
         * the {@link #classpath(Path...) classpath} entries. A start that cannot resolve them fails with a
         * {@link WorkerStartException} that names the coordinate and the repositories tried. A malformed
         * coordinate throws {@link IllegalArgumentException} here. {@link Worker#addDependencies} adds more later.
         */
        public Builder dependencies(String... coordinates) {
            return dependencies(Arrays.asList(coordinates));
        }

        /** As {@link #dependencies(String...)}. */
        public Builder dependencies(List<String> coordinates) {
            dependencies = dependencies.plus(coordinates);
            return this;
        }

        /**
         * The remote Maven repositories to resolve {@link #dependencies} from, instead of Maven Central and
         * the repositories of the settings' active profiles: http(s) or {@code file:} URLs (mirrors still
         * apply). No URL: the local repository only. Null: the default.
         */
        public Builder repositories(String... urls) {
            dependencies = dependencies.withRepositories(urls == null ? null : Arrays.asList(urls));
            return this;
        }

        /** The local Maven repository (where dependencies are fetched to and first looked for); null for Maven's. */
        public Builder localRepository(Path dir) {
            dependencies = dependencies.withLocalRepository(dir);
            return this;
        }

        /**
         * Told of each file Maven's resolver fetches for the {@link #dependencies} (on the resolving thread): a
         * first start can take seconds. Not part of what the spec launches ({@link #equals} ignores it). Example:
         * {@link DownloadProgress}.
         */
        public Builder onDownload(Consumer<DownloadProgress> listener) {
            this.onDownload = listener;
            return this;
        }

        /** The worker's working directory; it must exist (on a remote {@link #host(String) host}: there). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** How long the worker may take to launch and connect (default 30 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = SpecChecks.positive(timeout);
            return this;
        }

        /** Whether to print the worker's output on the host's streams (default true). */
        public Builder echoOutput(boolean echo) {
            this.echoOutput = echo;
            return this;
        }

        /** Whether the worker may use Kiln's class data sharing archive (default true); see {@link WorkerSpec#classDataSharing}. */
        public Builder classDataSharing(boolean enabled) {
            this.classDataSharing = enabled;
            return this;
        }

        /** The folder for Kiln's rebuildable files; null for the user's cache folder (see {@link WorkerSpec#cacheDirectory}). */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        /**
         * Runs the worker at a lower CPU priority than its host, every thread of it (default false), so busy workers
         * leave the host's threads (a UI) a core: on Linux, macOS and a remote {@link #host(String) host} its JVM starts
         * under {@code nice -n 10} ({@code nice} on the PATH), on Windows it gets the priority class "below normal".
         */
        public Builder lowPriority(boolean low) {
            this.lowPriority = low;
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
            ssh = ssh.withTarget(target);
            return this;
        }

        /** The private key to log in with; it must exist. Null for the user's (see {@link WorkerSpec#sshIdentity()}). */
        public Builder sshIdentity(Path key) {
            ssh = ssh.withIdentity(SpecPaths.existingFile(key, "SSH identity (private key)"));
            return this;
        }

        /** The known hosts file; null for {@code ~/.ssh/known_hosts}. A missing file knows no host. */
        public Builder sshKnownHosts(Path file) {
            ssh = ssh.withKnownHosts(file == null ? null : file.toAbsolutePath().normalize());
            return this;
        }

        /** The SSH config file; it must exist. Null for {@code ~/.ssh/config} (when there is one). */
        public Builder sshConfig(Path file) {
            ssh = ssh.withConfig(SpecPaths.existingFile(file, "SSH config file"));
            return this;
        }

        /** The spec; checks that the JDK, working folder and cache folder make sense here, unless the worker is remote. */
        public WorkerSpec build() {
            if (ssh.isLocal()) {
                SpecPaths.checkJavaHome(javaHome);
                workingDirectory = SpecPaths.localFolder(workingDirectory);
                SpecPaths.checkCacheDirectory(cacheDirectory);
            }
            return new WorkerSpec(this);
        }
    }

    /** The host's own JDK, made once (a launch asks for it every time). */
    private static final class HostJdk {
        static final Path HOME = Path.of(System.getProperty("java.home"));
    }
}
