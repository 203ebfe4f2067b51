package dev.kiln.platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Kiln keeps a user's files, by the conventions of each OS: the cache (class data
 * sharing archives; anything there can be rebuilt) and the configuration (the workbench's
 * settings).
 *
 * <table>
 * <caption>Folders by OS</caption>
 * <tr><th>OS</th><th>cache</th><th>config</th></tr>
 * <tr><td>Linux, other Unix</td><td>{@code $XDG_CACHE_HOME/kiln}, else {@code ~/.cache/kiln}</td>
 *     <td>{@code $XDG_CONFIG_HOME/kiln}, else {@code ~/.config/kiln}</td></tr>
 * <tr><td>macOS</td><td>{@code ~/Library/Caches/Kiln}</td><td>{@code ~/Library/Application Support/Kiln}</td></tr>
 * <tr><td>Windows</td><td>{@code %LOCALAPPDATA%\Kiln}, else {@code ~\AppData\Local\Kiln}</td>
 *     <td>{@code %APPDATA%\Kiln}, else {@code ~\AppData\Roaming\Kiln}</td></tr>
 * </table>
 *
 * An XDG variable counts only when it holds an absolute path (as the XDG specification says).
 *
 * @param cache  the folder for rebuildable files
 * @param config the folder for the user's settings
 */
public record UserFolders(Path cache, Path config) {

    /** The last answer of {@link #current}, with the {@code user.home} it was made for. */
    private record Made(String home, UserFolders folders) {}

    private static volatile Made last;

    /**
     * The folders of the user running this JVM ({@code user.home}, this process's environment,
     * which never changes): made again only when {@code user.home} did (every launch asks).
     */
    public static UserFolders current() {
        String home = System.getProperty("user.home");
        Made m = last;
        if (m == null || !m.home().equals(home)) {
            last = m = new Made(home, of(OsFamily.current(), System.getenv(), Path.of(home)));
        }
        return m.folders();
    }

    /** The folders for a user with this home folder and environment on an OS of this family. */
    public static UserFolders of(OsFamily os, Map<String, String> env, Path home) {
        return switch (os) {
            case WINDOWS ->
                new UserFolders(
                        windowsFolder(
                                env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local")),
                        windowsFolder(
                                env.get("APPDATA"), home.resolve("AppData").resolve("Roaming")));
            case MACOS ->
                new UserFolders(
                        home.resolve("Library").resolve("Caches").resolve("Kiln"),
                        home.resolve("Library").resolve("Application Support").resolve("Kiln"));
            case LINUX, OTHER_UNIX ->
                new UserFolders(
                        xdgFolder(env.get("XDG_CACHE_HOME"), home.resolve(".cache")),
                        xdgFolder(env.get("XDG_CONFIG_HOME"), home.resolve(".config")));
        };
    }

    private static Path windowsFolder(String variable, Path fallback) {
        return (variable != null && !variable.isBlank() ? Path.of(variable) : fallback).resolve("Kiln");
    }

    private static Path xdgFolder(String variable, Path fallback) {
        boolean usable =
                variable != null && !variable.isBlank() && Path.of(variable).isAbsolute();
        return (usable ? Path.of(variable) : fallback).resolve("kiln");
    }
}
