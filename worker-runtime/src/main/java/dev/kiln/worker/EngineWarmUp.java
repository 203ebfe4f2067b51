package dev.kiln.worker;

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

    /** The host-side path of this class file, as a resource of the Kiln runtime. */
    public static final String RESOURCE = "/dev/kiln/worker/EngineWarmUp.class";
}
