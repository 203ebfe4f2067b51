package dev.kiln.ssh;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a remote worker runs, as the user wrote it: {@code ssh://user@host[:port]}, {@code user@host},
 * or {@code host} (a name, an address, or a {@code Host} alias of the SSH config).
 *
 * @param user the login name; null for the config's {@code User}, else the local user's name
 * @param host the host name, address or alias
 * @param port the port; 0 for the config's {@code Port}, else 22
 */
public record SshTarget(String user, String host, int port) {

    /** Parses a target; an {@link IllegalArgumentException} says what is wrong with it and what is expected. */
    public static SshTarget parse(String target) {
        if (target == null || target.isBlank()) {
            throw invalid(target, "it is empty");
        }
        String t = target.strip();
        if (t.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid(target, "it contains spaces or control characters");
        }
        if (t.contains("://")) {
            return parseUri(target, t);
        }
        int at = t.lastIndexOf('@');
        String user = at < 0 ? null : t.substring(0, at);
        String host = t.substring(at + 1);
        if (user != null && user.isEmpty()) {
            throw invalid(target, "the user name before '@' is empty");
        }
        if (host.isEmpty() || host.startsWith("-")) {
            throw invalid(target, "the host name is missing");
        }
        if (host.contains(":") && !host.startsWith("[")) {
            throw invalid(target, "a port needs the ssh:// form, e.g. ssh://" + t);
        }
        return new SshTarget(user, host, 0);
    }

    private static SshTarget parseUri(String target, String t) {
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw invalid(target, e.getReason());
        }
        if (!"ssh".equalsIgnoreCase(uri.getScheme())) {
            throw invalid(target, "only ssh:// is supported, not " + uri.getScheme() + "://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(target, "the host name is missing");
        }
        if ((uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw invalid(target, "it has a path, query or fragment after the host");
        }
        String user = uri.getUserInfo();
        if (user != null && (user.isEmpty() || user.contains(":"))) {
            throw invalid(target, "give a user name without a password (keys are used, never passwords)");
        }
        int port = Math.max(uri.getPort(), 0);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new SshTarget(user, host, port);
    }

    private static IllegalArgumentException invalid(String target, String why) {
        return new IllegalArgumentException("host \"" + target + "\" is not an SSH target (" + why
                + "): write user@host, ssh://user@host:port, or a Host name of ~/.ssh/config");
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return (user == null ? "" : user + "@") + h + (port > 0 ? ":" + port : "");
    }
}
