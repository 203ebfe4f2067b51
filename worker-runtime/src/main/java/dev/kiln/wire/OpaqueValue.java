package dev.kiln.wire;

/**
 * A value that is not plain data, as it crosses the wire: the worker-side object stays in
 * the worker; its class name and {@code toString()} travel. The host's API turns it into a
 * {@code RemoteValue}.
 *
 * @param typeName the worker-side class name
 * @param text     the worker-side {@code toString()}, capped
 */
public record OpaqueValue(String typeName, String text) {}
