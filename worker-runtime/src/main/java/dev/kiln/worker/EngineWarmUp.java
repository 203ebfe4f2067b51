package dev.kiln.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A stand-in for a first snippet: a warm spare worker (see {@code WorkerPool}) loads this
 * class through its snippet engine and invokes it, as it would the class JShell compiles
 * for {@code 1 + 1}, so that a person's first evaluation finds the engine's classes loaded.
 */
public final class EngineWarmUp {
    private EngineWarmUp() {}

    /** What JShell's wrapper method of {@code 1 + 1} would do: compute and return a value. */
    public static Object run() {
        return 1 + Integer.parseInt("1");
    }

    /** This class's class file, read on the host from the Kiln runtime, to send to a worker. */
    public static byte[] classFile() {
        try (InputStream in = EngineWarmUp.class.getResourceAsStream("EngineWarmUp.class")) {
            if (in == null) {
                throw new IllegalStateException("the Kiln runtime lacks EngineWarmUp.class");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
