package dev.kiln.wire;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The first line a worker reads, on its stdin (never its command line or environment):
 * where to connect, the token that proves it is the worker its host started, and the name
 * of its OS interrupt doorbell. Then, on the socket, the worker sends {@link #MAGIC}, the
 * token and its {@link WorkerHello}.
 *
 * <pre>{@code KILN1 127.0.0.1 40123 <64 hex digits> <16 hex digits> [/dev/shm/kiln-results-<16 hex digits>]}</pre>
 *
 * <p>Or, where the host offers a pair of named pipes instead of a socket ({@link #viaPipes}),
 * their common path and port 0: the worker opens {@link #pipeToHost} to write and {@link
 * #pipeFromHost} to read, in that order, and sends the same on the first.
 *
 * <pre>{@code KILN1 /tmp/kiln-pipes-4242-<hex>/7 0 <64 hex digits> <16 hex digits> [...]}</pre>
 *
 * @param address      the host's loopback address, or the pipes' common path (port 0)
 * @param port         the port of the host's listener; 0 for pipes
 * @param token        {@link #TOKEN_BYTES} random bytes
 * @param doorbellName a random name for the worker's doorbell (the Windows event name)
 * @param resultsFile  where the worker makes its shared-memory file for large results ({@link
 *     SharedResults}), or empty when its host offers no such lane (another OS, another machine)
 */
public record Invitation(String address, int port, byte[] token, String doorbellName, String resultsFile) {
    /** What a worker sends first on its connection: these 4 bytes, then the token. */
    public static final byte[] MAGIC = "KILN".getBytes(StandardCharsets.US_ASCII);

    public static final int TOKEN_BYTES = 32;
    /** The longest line a worker reads as its invitation. */
    public static final int MAX_LINE = 512;

    private static final String VERSION = "KILN1";

    public Invitation {
        token = token.clone();
        if (resultsFile.contains(" ") || resultsFile.contains("\n")) {
            throw new IllegalArgumentException("a results file's path must not hold spaces: " + resultsFile);
        }
        if (port == 0 && (address.contains(" ") || address.contains("\n") || !address.startsWith("/"))) {
            throw new IllegalArgumentException("the pipes' path must be absolute and must not hold spaces: " + address);
        }
    }

    /** An invitation to connect through the named pipes at {@code pipes} + {@link #TO_HOST} / {@link #FROM_HOST}. */
    public static Invitation viaPipes(String pipes, byte[] token, String doorbellName) {
        return new Invitation(pipes, 0, token, doorbellName, "");
    }

    /** The suffix of the pipe a worker writes to its host. */
    public static final String TO_HOST = ".up";
    /** The suffix of the pipe a worker reads from its host. */
    public static final String FROM_HOST = ".down";

    /** Whether the worker connects through a pair of named pipes ({@link #pipeToHost}, {@link #pipeFromHost}). */
    public boolean viaPipes() {
        return port == 0;
    }

    /** The pipe the worker writes to, opened first. */
    public String pipeToHost() {
        return address + TO_HOST;
    }

    /** The pipe the worker reads from, opened second. */
    public String pipeFromHost() {
        return address + FROM_HOST;
    }

    /** An invitation that offers no shared-memory lane. */
    public Invitation(String address, int port, byte[] token, String doorbellName) {
        this(address, port, token, doorbellName, "");
    }

    /** This invitation, offering the shared-memory lane through {@code file}. */
    public Invitation withResultsFile(String file) {
        return new Invitation(address, port, token, doorbellName, file);
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    /** The line, with its newline. */
    public String line() {
        return VERSION + " " + address + " " + port + " " + HexFormat.of().formatHex(token) + " " + doorbellName
                + (resultsFile.isEmpty() ? "" : " " + resultsFile) + "\n";
    }

    /** The bytes a worker sends first: {@link #MAGIC} then the token. */
    public byte[] proof() {
        byte[] b = new byte[MAGIC.length + token.length];
        System.arraycopy(MAGIC, 0, b, 0, MAGIC.length);
        System.arraycopy(token, 0, b, MAGIC.length, token.length);
        return b;
    }

    /** Parses a line (without its newline); empty when it is not an invitation. */
    public static Optional<Invitation> parse(String line) {
        String[] parts = line.trim().split(" ");
        if ((parts.length != 5 && parts.length != 6) || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            byte[] token = HexFormat.of().parseHex(parts[3]);
            int port = Integer.parseInt(parts[2]);
            if (token.length != TOKEN_BYTES || port < 0 || port > 65_535 || (port == 0 && !parts[1].startsWith("/"))) {
                return Optional.empty();
            }
            return Optional.of(new Invitation(parts[1], port, token, parts[4], parts.length == 6 ? parts[5] : ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Invitation i
                && i.address.equals(address)
                && i.port == port
                && java.util.Arrays.equals(i.token, token)
                && i.doorbellName.equals(doorbellName)
                && i.resultsFile.equals(resultsFile);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(address, port, java.util.Arrays.hashCode(token), doorbellName, resultsFile);
    }

    @Override
    public String toString() {
        return "Invitation[" + (viaPipes() ? "pipes " + address : address + ":" + port) + ", doorbell " + doorbellName
                + "]"; // never the token
    }
}
