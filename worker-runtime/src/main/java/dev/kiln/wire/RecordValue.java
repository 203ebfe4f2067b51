package dev.kiln.wire;

/** A record as data: the host rebuilds it only if it has the record class itself, else shows {@code text}. */
public record RecordValue(String className, Object[] components, String text) {}
