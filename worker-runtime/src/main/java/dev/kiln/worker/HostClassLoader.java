package dev.kiln.worker;

import java.io.IOException;
import java.util.function.Function;

/**
 * Loads classes the worker lacks from its host, on demand, the way RMI's codebase does:
 * a lambda sent with {@code call} names its capturing class, which usually lives only on
 * the host's class path. Parent first, so the worker's own class path always wins; the
 * host is asked only for what the worker does not have. Nothing of the host's class path
 * is added to the worker's: only the classes a call actually needs cross.
 */
public final class HostClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final UserCodeLoader userCode;
    private final Function<String, byte[]> fetch;

    HostClassLoader(UserCodeLoader parent, Function<String, byte[]> fetch) {
        super("kiln-host-classes", parent);
        this.userCode = parent;
        this.fetch = fetch;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith("java.") || name.startsWith("REPL.")) {
            throw new ClassNotFoundException(name); // the JDK's, or a snippet's: never the host's to give
        }
        if (userCode.isKilnRuntime(name)) {
            // Kiln's API comes from the worker's own runtime; its internals and libraries are never user code's.
            throw new ClassNotFoundException(name + " is part of Kiln's runtime, which user code does not see;"
                    + " put the library on the worker's class path (WorkerSpec.classpath) to use it");
        }
        byte[] bytes = fetch.apply(name.replace('.', '/') + ".class");
        if (bytes == null) {
            throw new ClassNotFoundException(name + " is neither on the worker's class path nor on its host's");
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** The bytes of a class file this loader can see (its parent's, else the host's); used when this worker is a host too. */
    public byte[] classBytes(String resourcePath) throws IOException {
        try (var in = getParent().getResourceAsStream(resourcePath)) {
            if (in != null) {
                return in.readAllBytes();
            }
        }
        return fetch.apply(resourcePath);
    }
}
