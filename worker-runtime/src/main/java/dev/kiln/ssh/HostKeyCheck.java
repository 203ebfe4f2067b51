package dev.kiln.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Locale;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Checks the server's host key against a known hosts file, as OpenSSH does with
 * {@code StrictHostKeyChecking yes}: a key that is not there, changed, or revoked is refused,
 * never accepted or written down. What was refused is kept for the error message.
 */
final class HostKeyCheck extends KnownHostsServerKeyVerifier {
    private final Path file;
    private volatile String refusal = "";

    HostKeyCheck(Path file) {
        super(RejectAllServerKeyVerifier.INSTANCE, file);
        this.file = file;
    }

    /** Why the server's key was refused, with its fingerprint and what to do; empty when it was not. */
    String refusal() {
        return refusal;
    }

    /** {@code ED25519 key fingerprint is SHA256:...}, as OpenSSH prints it. */
    static String fingerprint(PublicKey key) {
        String type = KeyUtils.getKeyType(key);
        String shortType = type.startsWith("ssh-") ? type.substring(4) : type;
        if (shortType.startsWith("ecdsa-")) {
            shortType = "ecdsa";
        }
        return shortType.toUpperCase(Locale.ROOT) + " key fingerprint is "
                + KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private static String hostName(SocketAddress remote, ClientSession session) {
        Object target = session.getConnectAddress();
        SocketAddress a = target instanceof SocketAddress s ? s : remote;
        if (a instanceof InetSocketAddress i) {
            return i.getPort() == 22 ? i.getHostString() : "[" + i.getHostString() + "]:" + i.getPort();
        }
        return String.valueOf(a);
    }

    @Override
    protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
        String host = hostName(remote, session);
        refusal = "the host key of " + host + " is not known (" + fingerprint(key) + "), so Kiln did not connect: "
                + (Files.exists(file) ? file + " has no entry for it" : file + " does not exist")
                + ". If this is the right machine, add its key to that file (for example, connect once with ssh"
                + " and answer yes, or append the line of `ssh-keyscan` for it after checking the fingerprint)";
        return false;
    }

    @Override
    public boolean acceptModifiedServerKey(
            ClientSession session, SocketAddress remote, KnownHostEntry entry, PublicKey expected, PublicKey actual) {
        String host = hostName(remote, session);
        refusal = "the host key of " + host + " has CHANGED since it was recorded in " + file + " ("
                + fingerprint(actual)
                + "; recorded: " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, expected) + "). Someone may be"
                + " intercepting the connection, or the machine was reinstalled: check with its administrator, then"
                + " remove the old entry (ssh-keygen -R) and add the new key";
        return false;
    }

    @Override
    protected void handleRevokedKey(ClientSession session, SocketAddress remote, PublicKey key) {
        refusal = "the host key of " + hostName(remote, session) + " is marked @revoked in " + file + " ("
                + fingerprint(key) + "); Kiln does not connect to it";
    }

    @Override
    protected boolean acceptIncompleteHostKeys(
            ClientSession session, SocketAddress remote, PublicKey key, Throwable reason) {
        refusal = "cannot read the known hosts file " + file + " (" + reason.getMessage() + "), so the host key of "
                + hostName(remote, session) + " (" + fingerprint(key) + ") cannot be checked: fix or replace that file";
        return false;
    }
}
