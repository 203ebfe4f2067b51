package dev.kiln.ssh;

import java.nio.file.Path;

/**
 * A spec's SSH settings; all null for a worker on this machine.
 *
 * @param target     where the worker runs, as given ({@link SshTarget#parse}); null for this machine
 * @param identity   the private key; null for the user's
 * @param knownHosts the known hosts file; null for {@code ~/.ssh/known_hosts}
 * @param config     the SSH config file; null for {@code ~/.ssh/config}
 */
public record SshOptions(String target, Path identity, Path knownHosts, Path config) {
    /** No SSH setting: a worker on this machine. */
    public static final SshOptions NONE = new SshOptions(null, null, null, null);

    public SshOptions withTarget(String target) {
        return new SshOptions(target, identity, knownHosts, config);
    }

    public SshOptions withIdentity(Path identity) {
        return new SshOptions(target, identity, knownHosts, config);
    }

    public SshOptions withKnownHosts(Path knownHosts) {
        return new SshOptions(target, identity, knownHosts, config);
    }

    public SshOptions withConfig(Path config) {
        return new SshOptions(target, identity, knownHosts, config);
    }

    /** True when the worker runs on this machine. */
    public boolean isLocal() {
        return target == null;
    }

    /** The settings that are set, as {@code , host=..., sshIdentity=...}; empty for a local worker with no SSH setting. */
    @Override
    public String toString() {
        return (target == null ? "" : ", host=" + target)
                + (identity == null ? "" : ", sshIdentity=" + identity)
                + (knownHosts == null ? "" : ", sshKnownHosts=" + knownHosts)
                + (config == null ? "" : ", sshConfig=" + config);
    }
}
