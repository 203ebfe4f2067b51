package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Unpredictable bytes for a worker's token and doorbell name, from the OS's generator: {@code
 * /dev/urandom} on Linux and macOS (what {@link SecureRandom}'s default reads there too),
 * {@link SecureRandom} elsewhere or when that file cannot be read. A first {@code SecureRandom}
 * starts the JDK's security providers, 20-30 ms of a fresh JVM here, which a host's first
 * launch need not wait for.
 */
final class RandomBytes {
    private static final Path URANDOM = Path.of("/dev/urandom");

    /** A holder: made only where the OS's file is not used. */
    private static final class Secure {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private RandomBytes() {}

    /** Fills {@code bytes} on this OS. */
    static void fill(byte[] bytes) {
        fill(bytes, OsFamily.current());
    }

    /** Fills {@code bytes} as on {@code os}. */
    static void fill(byte[] bytes, OsFamily os) {
        if (os.isPosix()) {
            try (InputStream in = Files.newInputStream(URANDOM)) {
                if (in.readNBytes(bytes, 0, bytes.length) == bytes.length) {
                    return;
                }
            } catch (IOException | UnsupportedOperationException e) {
                // a sandbox without the device: the JDK's generator below
            }
        }
        Secure.INSTANCE.nextBytes(bytes);
    }
}
