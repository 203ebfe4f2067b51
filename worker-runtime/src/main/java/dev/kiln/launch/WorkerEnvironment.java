package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A worker's environment, built from scratch: the few variables its OS needs to run a
 * JVM, then the spec's own. Nothing else of the host's environment is passed on
 * (in particular not JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or CLASSPATH). Each decision is a
 * function of the OS family, so every family's rules are tested on any machine.
 *
 * <p>What the platform itself adds after Kiln has built the environment is not Kiln's to
 * remove: on Windows the JDK's process launcher adds {@code SystemRoot} when it is missing; on
 * macOS the {@code java} launcher sets {@code JAVA_MAIN_CLASS_<pid>} in the JVM's own
 * environment, and the OS may add {@code __CF_USER_TEXT_ENCODING}. {@link #platformAdded} names them.
 */
public final class WorkerEnvironment {
    /**
     * POSIX: the search path, home, temporary folder, locale and time zone, and the X display with
     * its cookie ({@code XAUTHORITY}: desktops and {@code xvfb-run} keep it outside {@code
     * ~/.Xauthority}, and without it a worker that draws cannot connect to the display it is given).
     */
    static final List<String> POSIX_KEEP =
            List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "DISPLAY", "XAUTHORITY");

    static final List<String> WINDOWS_KEEP = List.of(
            "SystemRoot",
            "windir",
            "SystemDrive",
            "TEMP",
            "TMP",
            "USERPROFILE",
            "USERNAME",
            "USERDOMAIN",
            "HOMEDRIVE",
            "HOMEPATH",
            "APPDATA",
            "LOCALAPPDATA",
            "ProgramData",
            "ProgramFiles",
            "ComSpec",
            "PATH",
            "PATHEXT",
            "NUMBER_OF_PROCESSORS",
            "PROCESSOR_ARCHITECTURE",
            "OS");

    private WorkerEnvironment() {}

    /**
     * The worker's environment: the variables of {@code host} that the OS needs, then
     * {@code specEnv}, which wins. On Windows, where names are case-insensitive, a spec's
     * {@code Path} replaces the kept {@code PATH} instead of standing beside it (which of two
     * the worker would see would depend on hash order).
     */
    public static Map<String, String> build(Map<String, String> host, Map<String, String> specEnv, OsFamily os) {
        Map<String, String> env = os.isWindows() ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new LinkedHashMap<>();
        for (String key : os.isWindows() ? WINDOWS_KEEP : POSIX_KEEP) {
            String v = os.isWindows() ? getIgnoreCase(host, key) : host.get(key);
            if (v != null) {
                env.put(key, v);
            }
        }
        if (os == OsFamily.LINUX && !env.containsKey("LANG") && !env.containsKey("LC_ALL")) {
            // File names are decoded with the locale's charset (sun.jnu.encoding), which no JVM flag
            // sets: without a locale it would be ASCII. C.UTF-8 exists on every current Linux.
            env.put("LANG", "C.UTF-8");
        }
        for (Map.Entry<String, String> e : specEnv.entrySet()) {
            env.remove(e.getKey()); // on Windows: also the same name spelt differently
            env.put(e.getKey(), e.getValue());
        }
        return new LinkedHashMap<>(env);
    }

    /**
     * Kiln's own JVM flags for a worker, before the spec's (which win):
     *
     * <ul>
     *   <li>UTF-8 for files, the console and the default charset on every OS and JDK 17+,
     *       whatever locale the host had (an app started from the macOS Dock or Finder has none).
     *       JDK 18+ already default to UTF-8 (JEP 400); stdout and stderr are Kiln's own UTF-8
     *       streams in any case.
     *   <li>On JDK 22+, native access for the class path's unnamed modules, where Kiln's runtime
     *       lives, where the worker may load JNA ({@link #mayLoadJna}): the JVM would otherwise
     *       print a restricted-method warning on the worker's stderr. Only there: the flag costs
     *       every start the JDK's archived module graph (its class data sharing archive was made
     *       without it), a bare JVM's start about a fifth longer.
     * </ul>
     *
     * @param sigintMayBeIgnored whether the worker may be born with SIGINT ignored (see
     *     {@link SigintAtBirth})
     */
    public static List<String> kilnFlags(int javaFeature, OsFamily os, boolean sigintMayBeIgnored) {
        List<String> flags = new ArrayList<>();
        if (javaFeature > 0 && javaFeature < 18) {
            flags.add("-Dfile.encoding=UTF-8");
        }
        if (javaFeature >= 22 && mayLoadJna(os, sigintMayBeIgnored)) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        return flags;
    }

    /**
     * Whether a worker on {@code os} may load JNA: on Windows, whose doorbell is a named event;
     * on macOS, whose memory figures (of the workers a worker starts) come through libproc; on
     * Linux and other Unixes only when it is born with SIGINT ignored, which its doorbell resets
     * through libc (a POSIX host rings with the {@code kill} command).
     */
    static boolean mayLoadJna(OsFamily os, boolean sigintMayBeIgnored) {
        return switch (os) {
            case WINDOWS, MACOS -> true;
            case LINUX, OTHER_UNIX -> sigintMayBeIgnored;
        };
    }

    /** The host's variables a worker gets on an OS of this family (case-insensitive names on Windows). */
    public static List<String> kept(OsFamily os) {
        return os.isWindows() ? WINDOWS_KEEP : POSIX_KEEP;
    }

    /** Variables the platform may add to a worker's environment after Kiln built it. */
    public static List<String> platformAdded(OsFamily os) {
        return switch (os) {
            case WINDOWS -> List.of("SystemRoot");
            case MACOS -> List.of("JAVA_MAIN_CLASS_*", "__CF_USER_TEXT_ENCODING");
            case LINUX, OTHER_UNIX -> List.of();
        };
    }

    private static String getIgnoreCase(Map<String, String> host, String key) {
        for (Map.Entry<String, String> e : host.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}
