package dev.kiln.host;

/** The host's wait for a launched worker's connection: closed once the worker is in, or gone. */
public interface HandshakeWatch extends AutoCloseable {
    /**
     * Why the worker may not have got in, when others interfered: e.g. how many other
     * connections presented no valid token. Empty when nothing interfered.
     */
    String interference();

    @Override
    void close();
}
