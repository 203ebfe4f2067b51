package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's environment, built from scratch: the few variables its OS needs to run a
 * JVM, then the spec's own. Nothing else of the host's environment is passed on
 * (in particular not JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or CLASSPATH).
 */
public final class WorkerEnvironment {
    static final List<String> POSIX_KEEP = List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "DISPLAY");
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

    public static Map<String, String> build(Map<String, String> host, Map<String, String> specEnv, OsFamily os) {
        boolean windows = os.isWindows();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> keep = windows ? WINDOWS_KEEP : POSIX_KEEP;
        for (String key : keep) {
            String v = windows ? getIgnoreCase(host, key) : host.get(key);
            if (v != null) {
                env.put(key, v);
            }
        }
        if (!windows && !env.containsKey("LANG") && !env.containsKey("LC_ALL")) {
            env.put("LANG", "C.UTF-8");
        }
        env.putAll(specEnv);
        return env;
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
