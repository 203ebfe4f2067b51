package dev.kiln;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The checks of a spec's settings that depend on nothing but their text: each says what was wrong. */
final class SpecChecks {
    private SpecChecks() {}

    /** JVM flags: each a non-empty string without NUL. */
    static void jvmFlags(List<String> args) {
        Objects.requireNonNull(args, "args");
        for (String a : args) {
            if (a == null || a.isEmpty()) {
                throw new IllegalArgumentException("JVM flags must be non-empty strings, got " + args);
            }
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("JVM flag contains a NUL character: " + a.replace('\0', '?'));
            }
        }
    }

    /** An environment variable: a name without '=' or NUL, a value without NUL. */
    static void envVariable(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value of environment variable " + key);
        if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("environment variable name \"" + key.replace('\0', '?')
                    + "\" is invalid: it must be non-empty and contain neither '=' nor NUL");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("value of environment variable " + key + " contains a NUL character");
        }
    }

    /** A worker's name: null (generated), or non-blank printable text. */
    static String name(String name) {
        if (name != null && (name.isBlank() || name.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("worker name must be non-blank printable text, got \"" + name + "\"");
        }
        return name;
    }

    /** A class path entry that exists, absolute and normalized. */
    static Path classpathEntry(Path p) {
        Objects.requireNonNull(p, "class path entry");
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(
                    "class path entry " + p.toAbsolutePath() + " does not exist: give an existing jar or class folder");
        }
        return p.toAbsolutePath().normalize();
    }

    /** A start timeout: positive. */
    static Duration positive(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
        }
        return timeout;
    }
}
