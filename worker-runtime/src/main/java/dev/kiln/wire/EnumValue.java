package dev.kiln.wire;

/** An enum constant as data: the host rebuilds it only if it has the enum class itself. */
public record EnumValue(String className, String constant) {}
