package dev.kiln.ssh;

import static dev.kiln.ssh.RemoteShell.quote;

import dev.kiln.launch.LaunchException;
import dev.kiln.launch.WorkerEnvironment;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets a remote machine ready for a worker, in as few round trips as it can: one command
 * learns its OS, the environment a worker keeps, which {@code java} runs and its version, and
 * which of Kiln's jars its cache already has; then each missing jar is copied once.
 */
final class RemoteSetup {
    /** The oldest Java a worker runs on: Kiln is compiled for 17. */
    static final int MIN_JAVA = 17;

    private static final Pattern VERSION = Pattern.compile("version \"([^\"]+)\"");

    private RemoteSetup() {}

    /**
     * What the remote machine said.
     *
     * @param os         its OS family (from {@code uname -s})
     * @param env        the variables of its environment that a worker keeps ({@link WorkerEnvironment#kept})
     * @param java       the {@code java} that runs the worker
     * @param javaFeature its feature version (17, 21...)
     * @param runtimeDir the absolute path of the runtime folder of the cache
     * @param missing    the entries the cache lacks, as {@code <hash>/<name>}
     */
    record Facts(
            OsFamily os,
            Map<String, String> env,
            String java,
            int javaFeature,
            String runtimeDir,
            List<String> missing) {}

    /**
     * Asks the machine what a worker needs to know.
     *
     * @param javaHome the spec's JDK there, or empty for its JAVA_HOME, else the java on its PATH
     * @param cacheDir Kiln's cache folder there (relative: to the home folder)
     */
    static Facts probe(
            SshConnection ssh, String javaHome, String cacheDir, List<RuntimeFiles.Entry> entries, Duration timeout)
            throws LaunchException {
        RemoteShell.Result r;
        try {
            r = RemoteShell.run(ssh.session(), probeScript(javaHome, cacheDir, entries), timeout);
        } catch (IOException e) {
            throw new LaunchException("cannot run commands on " + ssh.where() + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        StringBuilder javaOut = new StringBuilder();
        for (String line : r.out().split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "env" -> {
                    int e = value.indexOf('=');
                    env.put(value.substring(0, e), value.substring(e + 1));
                }
                case "missing" -> missing.add(value);
                case "javaout" -> javaOut.append(value).append('\n');
                default -> values.put(key, value);
            }
        }
        if (!values.containsKey("os")) {
            throw new LaunchException("the setup commands did not run on " + ssh.where() + " (exit " + r.exit()
                    + "): Kiln needs a POSIX shell there (/bin/sh; Linux, macOS or another Unix). It said: "
                    + (r.err().isBlank() ? "nothing" : r.err().strip()));
        }
        String java = values.getOrDefault("java", "java");
        int feature = javaFeature(javaOut.toString());
        if (feature < MIN_JAVA) {
            throw new LaunchException(noJava(ssh.where(), java, values.get("how"), feature, javaOut.toString()));
        }
        if (values.containsKey("cacheproblem") || !values.containsKey("cache")) {
            throw new LaunchException("cannot use Kiln's cache folder " + cacheDir + "/runtime on " + ssh.where()
                    + ": " + values.getOrDefault("cacheproblem", "it cannot be created") + ". Give WorkerSpec"
                    + ".cacheDirectory a folder of your own on that machine");
        }
        OsFamily os = osFamily(values.get("os"));
        return new Facts(os, env, java, feature, values.get("cache"), missing);
    }

    private static String probeScript(String javaHome, String cacheDir, List<RuntimeFiles.Entry> entries) {
        StringBuilder s = new StringBuilder("umask 077\nprintf 'os=%s\\n' \"$(uname -s)\"\n");
        for (String k : WorkerEnvironment.kept(OsFamily.LINUX)) {
            s.append("[ -n \"${")
                    .append(k)
                    .append("+x}\" ] && printf 'env=%s=%s\\n' ")
                    .append(k)
                    .append(" \"$")
                    .append(k)
                    .append("\"\n");
        }
        if (!javaHome.isEmpty()) {
            s.append("j=").append(quote(javaHome + "/bin/java")).append("; how=WorkerSpec.javaHome\n");
        } else {
            s.append("if [ -n \"${JAVA_HOME:-}\" ] && [ -x \"$JAVA_HOME/bin/java\" ]; then j=\"$JAVA_HOME/bin/java\";"
                    + " how=JAVA_HOME\nelse j=$(command -v java 2>/dev/null) || j=java; how=PATH; fi\n");
        }
        s.append("printf 'java=%s\\nhow=%s\\n' \"$j\" \"$how\"\n");
        s.append("v=$(\"$j\" -version 2>&1); printf 'javaexit=%s\\n' \"$?\"\n");
        s.append("printf '%s\\n' \"$v\" | sed 's/^/javaout=/'\n");
        s.append("c=").append(quote(cacheDir + "/runtime")).append('\n');
        s.append("if mkdir -p \"$c\" && chmod 700 \"$c\" && cd \"$c\"; then\n");
        s.append("  if [ -O . ]; then printf 'cache=%s\\n' \"$(pwd -P)\";"
                + " else printf 'cacheproblem=it belongs to another user\\n'; fi\n");
        for (RuntimeFiles.Entry e : entries) {
            String f = quote(e.relativePath());
            s.append("  [ -f ")
                    .append(f)
                    .append(" ] && [ $(($(wc -c < ")
                    .append(f)
                    .append("))) -eq ")
                    .append(e.size())
                    .append(" ] || printf 'missing=%s\\n' ")
                    .append(f)
                    .append('\n');
        }
        s.append("else printf 'cacheproblem=it cannot be created or entered\\n'; fi\n");
        return s.toString();
    }

    /** The feature version in a {@code java -version} output; 0 when there is none. */
    static int javaFeature(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            return 0;
        }
        String v = m.group(1);
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    private static String noJava(String where, String java, String how, int feature, String output) {
        String which = switch (how == null ? "" : how) {
            case "WorkerSpec.javaHome" -> java + " (from WorkerSpec.javaHome)";
            case "JAVA_HOME" -> java + " (from JAVA_HOME there)";
            default -> java + " (from the PATH there; JAVA_HOME is not set or has no bin/java)";
        };
        String said = output.isBlank() ? "nothing" : output.strip();
        String problem = feature > 0
                ? "is Java " + feature + ", and Kiln's workers need Java " + MIN_JAVA + " or newer"
                : "did not run";
        return "no usable Java on " + where + ": tried " + which + ", which " + problem + ". It printed: " + said
                + "\nInstall a JDK " + MIN_JAVA
                + "+ there, or set WorkerSpec.javaHome to one (a folder on that machine)";
    }

    private static OsFamily osFamily(String uname) {
        return switch (uname) {
            case "Linux" -> OsFamily.LINUX;
            case "Darwin" -> OsFamily.MACOS;
            default -> OsFamily.OTHER_UNIX;
        };
    }

    /** Copies each entry the cache lacks: into a temporary file, renamed when complete (a cut copy is never used). */
    static void upload(SshConnection ssh, Facts facts, List<RuntimeFiles.Entry> entries, Duration timeout)
            throws LaunchException {
        for (RuntimeFiles.Entry e : entries) {
            if (!facts.missing().contains(e.relativePath())) {
                continue;
            }
            String script = "umask 077\ncd " + quote(facts.runtimeDir()) + " && mkdir -p " + quote(e.hash())
                    + " && t=" + quote(e.hash()) + "/.upload-$$ && cat > \"$t\" && mv -f \"$t\" "
                    + quote(e.relativePath());
            try {
                RemoteShell.Result r = RemoteShell.run(ssh.session(), script, e.bytes(), timeout);
                if (r.exit() != 0) {
                    throw new LaunchException(
                            "cannot copy " + e.source() + " to " + facts.runtimeDir() + " on " + ssh.where() + " (exit "
                                    + r.exit() + "): " + r.err().strip());
                }
            } catch (IOException x) {
                throw new LaunchException(
                        "cannot copy " + e.source() + " to " + ssh.where() + ": " + x.getMessage(), x);
            }
        }
    }
}
