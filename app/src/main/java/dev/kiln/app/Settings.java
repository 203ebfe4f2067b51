package dev.kiln.app;

import dev.kiln.platform.OsFamily;
import dev.kiln.platform.UserFolders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What survives a restart: window size, theme, zoom, the chart's toggle, the hosts workers last ran
 * on, New worker's Low CPU priority (settings.properties) and the editor's text (editor.jsh), in the user's config folder: {@code $XDG_CONFIG_HOME/kiln},
 * {@code ~/.config/kiln}, {@code %APPDATA%\Kiln} on Windows, or {@code -Dkiln.config.dir}.
 *
 * <p>The editor's text is the user's code: on POSIX systems the folder Kiln creates is
 * {@code rwx------} and every file it writes is {@code rw-------} from the moment it exists (never
 * readable by others, however briefly). On Windows the user's profile folder is private already.
 */
public final class Settings {
    /** How many hosts {@link #recentHosts()} keeps. */
    public static final int RECENT_HOSTS = 10;

    private static final String RECENT_HOSTS_KEY = "newWorker.recentHosts";
    private static final String LOW_PRIORITY_KEY = "newWorker.lowPriority";

    private final Path dir;
    private final OsFamily os;
    private final Properties props = new Properties();

    public Settings(Path dir) {
        this(dir, OsFamily.current());
    }

    /** Settings in {@code dir}, written as they are on {@code os}. */
    Settings(Path dir, OsFamily os) {
        this.dir = dir;
        this.os = os;
        Path file = dir.resolve("settings.properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                System.getLogger(Settings.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "ignoring unreadable settings " + file + ": " + e.getMessage());
            }
        }
    }

    /** The settings of this user. */
    public static Settings forUser() {
        String override = System.getProperty("kiln.config.dir");
        if (override != null && !override.isBlank()) {
            return new Settings(Path.of(override));
        }
        return new Settings(UserFolders.current().config());
    }

    public Path dir() {
        return dir;
    }

    public double getDouble(String key, double def) {
        try {
            return Double.parseDouble(props.getProperty(key, String.valueOf(def)));
        } catch (NumberFormatException e) {
            return def;
        }
    }

    public String get(String key, String def) {
        return props.getProperty(key, def);
    }

    public void put(String key, Object value) {
        props.setProperty(key, String.valueOf(value));
    }

    /** The hosts New worker started workers on, most recent first, at most {@link #RECENT_HOSTS}. */
    public List<String> recentHosts() {
        List<String> hosts = new ArrayList<>();
        for (String h : get(RECENT_HOSTS_KEY, "").split("\\R")) {
            if (!h.isBlank() && !hosts.contains(h.strip()) && hosts.size() < RECENT_HOSTS) {
                hosts.add(h.strip());
            }
        }
        return hosts;
    }

    /** Puts {@code host} first in {@link #recentHosts()} (once; the oldest beyond the limit is dropped). */
    public void rememberHost(String host) {
        if (host == null || host.isBlank()) {
            return;
        }
        List<String> hosts = recentHosts();
        hosts.remove(host.strip());
        hosts.add(0, host.strip());
        // A target has no line break in it (the form refuses white space), so one a line is unambiguous.
        put(RECENT_HOSTS_KEY, String.join("\n", hosts.subList(0, Math.min(hosts.size(), RECENT_HOSTS))));
    }

    /** Whether New worker's Low CPU priority was checked last time; true until it is first unchecked. */
    public boolean lowPriority() {
        return !"false".equals(get(LOW_PRIORITY_KEY, "true"));
    }

    /** Keeps New worker's Low CPU priority for next time. */
    public void rememberLowPriority(boolean low) {
        put(LOW_PRIORITY_KEY, low);
    }

    /** The editor text saved last time, or null. */
    public String editorText() {
        Path f = dir.resolve("editor.jsh");
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes everything (settings and editor text), each file replaced atomically. */
    public void save(String editorText) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly(os, "rwx------"));
        }
        ByteArrayOutputStream settings = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(settings, StandardCharsets.UTF_8)) {
            props.store(w, "Kiln workbench");
        }
        replace("settings.properties", settings.toByteArray());
        if (editorText != null) {
            replace("editor.jsh", editorText.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes {@code name} whole: into a new temporary file, created owner-only where permissions say so, then moved over. */
    private void replace(String name, byte[] content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp); // left by a crash, perhaps with other permissions: the new one is created afresh
        try (OutputStream out =
                Files.newOutputStream(Files.createFile(tmp, ownerOnly(os, "rw-------")), StandardOpenOption.WRITE)) {
            out.write(content);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The permissions a new file or folder gets: {@code posix} (owner-only) on POSIX systems; none
     * on Windows, where the user's profile folder (where settings live) is readable by that user alone.
     */
    static FileAttribute<?>[] ownerOnly(OsFamily os, String posix) {
        return os.isPosix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(posix))}
                : new FileAttribute<?>[0];
    }
}
