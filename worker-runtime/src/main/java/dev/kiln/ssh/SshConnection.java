package dev.kiln.ssh;

import dev.kiln.launch.LaunchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.forward.AgentForwardingFilter;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.forward.X11ForwardingFilter;

/**
 * One authenticated SSH connection to the machine a worker runs on: its own client, the host
 * key checked against the known hosts file, the user's key. The worker's process, its
 * connection to the host and the commands that signal and measure it all travel in it.
 */
final class SshConnection implements AutoCloseable {
    /** The keys OpenSSH tries when nothing names one, in its order of preference. */
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final SshClient client;
    private final ClientSession session;
    private final String where;

    private SshConnection(SshClient client, ClientSession session, String where) {
        this.client = client;
        this.session = session;
        this.where = where;
    }

    /** {@code user@host:port}, as resolved (the config's HostName, User and Port applied). */
    String where() {
        return where;
    }

    ClientSession session() {
        return session;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /**
     * Connects and logs in, within {@code timeout} for each step.
     *
     * @throws LaunchException that says what failed (unreachable, unknown or changed host key, key refused) and what to do
     */
    static SshConnection open(SshOptions options, Duration timeout) throws LaunchException {
        SshTarget target = SshTarget.parse(options.target());
        Path sshDir = Path.of(System.getProperty("user.home"), ".ssh");
        Path config = options.config() != null ? options.config() : sshDir.resolve("config");
        HostConfigEntry entry = resolve(target, config);
        String where = entry.getUsername() + "@" + entry.getHostName() + ":" + entry.getPort();
        List<Path> keyFiles = keyFiles(options, entry, sshDir);
        List<KeyPair> keys = loadKeys(keyFiles, where);
        entry.setIdentities(List.of()); // the keys above, and only they, are offered

        Path knownHosts = options.knownHosts() != null ? options.knownHosts() : sshDir.resolve("known_hosts");
        HostKeyCheck hostKeys = new HostKeyCheck(knownHosts);
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER); // not MINA's own look in ~/.ssh
        // The server may carry back connections to the ports this client asked it to forward (the
        // worker's, to the loopback handshake listener) and nothing else: no agent, no X11, no other address.
        client.setForwardingFilter(ForwardingFilter.asForwardingFilter(
                AgentForwardingFilter.of(false), X11ForwardingFilter.of(false), new TcpForwardingFilter() {
                    @Override
                    public boolean canListen(SshdSocketAddress address, Session session) {
                        return false;
                    }

                    @Override
                    public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                        return type == Type.Forwarded && "127.0.0.1".equals(address.getHostName());
                    }
                }));
        // A worker may sit idle for hours: no idle timeout; a connection that stopped answering is
        // noticed by keep-alives (about 45 s), like OpenSSH's ServerAliveInterval.
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(15));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3);
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(entry, null, null).verify(timeout).getSession();
            for (KeyPair k : keys) {
                session.addPublicKeyIdentity(k);
            }
            session.auth().verify(timeout);
            return new SshConnection(client, session, where);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.stop();
            throw failure(e, hostKeys.refusal(), where, keyFiles, entry, timeout);
        }
    }

    private static HostConfigEntry resolve(SshTarget target, Path config) throws LaunchException {
        HostConfigEntry entry = null;
        if (Files.isRegularFile(config)) {
            try {
                entry = new ConfigFileHostEntryResolver(config)
                        .resolveEffectiveHost(target.host(), target.port(), null, target.user(), null, null);
            } catch (IOException | RuntimeException e) {
                throw new LaunchException("cannot read the SSH config file " + config + ": " + e.getMessage(), e);
            }
        }
        if (entry == null) {
            entry = new HostConfigEntry(target.host(), target.host(), target.port() > 0 ? target.port() : 22, null);
        }
        if (entry.getUsername() == null || entry.getUsername().isEmpty()) {
            entry.setUsername(target.user() != null ? target.user() : System.getProperty("user.name"));
        }
        if (entry.getPort() <= 0) {
            entry.setPort(22);
        }
        return entry;
    }

    private static List<Path> keyFiles(SshOptions options, HostConfigEntry entry, Path sshDir) {
        List<Path> files = new ArrayList<>();
        if (options.identity() != null) {
            files.add(options.identity());
        }
        if (entry.getIdentities() != null) {
            entry.getIdentities().forEach(id -> files.add(Path.of(id)));
        }
        if (files.isEmpty()) {
            DEFAULT_KEYS.stream()
                    .map(sshDir::resolve)
                    .filter(Files::isRegularFile)
                    .forEach(files::add);
        }
        return files;
    }

    private static List<KeyPair> loadKeys(List<Path> files, String where) throws LaunchException {
        if (files.isEmpty()) {
            throw new LaunchException("no SSH key to log in to " + where + " with: none of ~/.ssh/"
                    + String.join(", ~/.ssh/", DEFAULT_KEYS) + " exists. Give WorkerSpec.sshIdentity a private key"
                    + " whose public key is in ~/.ssh/authorized_keys on that machine");
        }
        List<KeyPair> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            int before = keys.size();
            try (InputStream in = Files.newInputStream(f)) {
                Iterable<KeyPair> read =
                        SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(f.toString()), in, null);
                if (read != null) {
                    read.forEach(keys::add);
                }
                if (keys.size() == before) {
                    problems.add(f + ": no private key in it");
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                problems.add(f + ": " + e.getMessage());
            }
        }
        if (keys.isEmpty()) {
            throw new LaunchException("cannot use the SSH key" + (files.size() == 1 ? " " : "s ") + problems
                    + " to log in to " + where + ". Kiln reads keys without a passphrase (it cannot ask for one and"
                    + " does not use an SSH agent): give WorkerSpec.sshIdentity such a key, readable by you alone");
        }
        return keys;
    }

    private static LaunchException failure(
            Exception e, String hostKeyRefusal, String where, List<Path> keyFiles, HostConfigEntry entry, Duration t) {
        if (!hostKeyRefusal.isEmpty()) {
            return new LaunchException(hostKeyRefusal, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new LaunchException(
                    "cannot connect to " + where + " (" + why + "): check the host name and port,"
                            + " and that an SSH server runs there",
                    e);
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new LaunchException(
                    "unknown host " + entry.getHostName() + " (for " + where + "): check the name,"
                            + " or its HostName in the SSH config",
                    e);
        }
        String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (text.contains("no more authentication methods") || text.contains("authentication")) {
            return new LaunchException(
                    where + " did not accept the SSH key " + keyFiles + " (public key"
                            + " authentication failed): add its public key (.pub) to ~/.ssh/authorized_keys of "
                            + entry.getUsername() + " on that machine, or give WorkerSpec.sshIdentity the key it knows",
                    e);
        }
        if (text.contains("timeout") || text.contains("timed out")) {
            return new LaunchException(
                    "no SSH answer from " + where + " within " + t + ": check that the machine is"
                            + " up and reachable, or raise WorkerSpec.startTimeout",
                    e);
        }
        return new LaunchException("cannot open an SSH connection to " + where + ": " + why, e);
    }

    /**
     * Has the remote side listen on its loopback for the worker's connection, carried back to
     * {@code localPort} on this machine's loopback; returns the port it listens on there.
     */
    int forwardToHost(int localPort) throws IOException {
        SshdSocketAddress bound = session.startRemotePortForwarding(
                new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", localPort));
        return bound.getPort();
    }

    /** Stops listening on the remote port; connections already carried stay. */
    void stopForwarding(int remotePort) {
        try {
            session.stopRemotePortForwarding(new SshdSocketAddress("127.0.0.1", remotePort));
        } catch (IOException | RuntimeException e) {
            // the connection is gone: so is the remote listener
        }
    }

    @Override
    public void close() {
        session.close(false);
        client.stop();
    }
}
