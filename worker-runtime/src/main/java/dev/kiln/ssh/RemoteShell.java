package dev.kiln.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * Commands on the remote machine, each in its own exec channel and run by {@code /bin/sh}
 * (whatever the user's login shell), with every value single-quoted: nothing Kiln sends is
 * interpreted by a shell beyond what it wrote itself.
 */
final class RemoteShell {
    private RemoteShell() {}

    /** What a command printed and how it ended ({@code exit} -1: no exit status came back). */
    record Result(int exit, String out, String err) {}

    /** {@code value} as one single-quoted shell word. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** The command line that has {@code /bin/sh} run {@code script}, whatever the user's login shell is. */
    static String command(String script) {
        return "exec /bin/sh -c " + quote(script);
    }

    /**
     * Runs {@code script}, feeds it {@code stdin} (then end of file), and waits for it to end.
     *
     * @throws IOException when the channel cannot be opened, or the command does not end within {@code timeout}
     */
    static Result run(ClientSession session, String script, byte[] stdin, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command(script))) {
            channel.setIn(new ByteArrayInputStream(stdin));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(timeout);
            Set<ClientChannelEvent> state = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (!state.contains(ClientChannelEvent.CLOSED)) {
                throw new InterruptedIOException("the command did not end within " + timeout);
            }
            Integer status = channel.getExitStatus();
            return new Result(
                    status == null ? -1 : status,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    /** As {@link #run(ClientSession, String, byte[], Duration)}, with nothing on stdin. */
    static Result run(ClientSession session, String script, Duration timeout) throws IOException {
        return run(session, script, new byte[0], timeout);
    }
}
