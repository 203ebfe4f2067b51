package dev.kiln.host;

/** Tests' view of what a host's class server would give a worker. */
public final class ClassServerAccess {
    private ClassServerAccess() {}

    /** Whether a worker asking for this class file would get it from this host. */
    public static boolean serves(String path) {
        try (ClassServer server = new ClassServer("test", m -> {})) {
            return server.find(path) != null;
        }
    }
}
