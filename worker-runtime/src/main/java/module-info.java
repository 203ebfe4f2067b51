/**
 * Kiln: start worker JVMs, evaluate Java snippets and run lambdas in them, interrupt, stop and
 * watch them. The API is the package {@code dev.kiln}; every other package is internal.
 */
// Kryo and JNA ship no module descriptor: they are automatic modules, named after their manifests.
@SuppressWarnings("requires-automatic")
module dev.kiln {
    exports dev.kiln;
    // The OS family, the user's folders and installed JDKs: facts the workbench shares with the library.
    exports dev.kiln.platform;

    requires com.esotericsoftware.kryo;
    requires com.sun.jna;
    requires com.sun.jna.platform;
    requires java.management;
    requires jdk.jshell;
    // com.sun.management.OperatingSystemMXBean for a worker's CPU time; absent from trimmed runtimes.
    requires static jdk.management;
    // sun.misc.Signal: the POSIX interrupt doorbell in a worker.
    requires jdk.unsupported;

    // Kryo builds the wire's message records reflectively (registration required, see WireCodec).
    opens dev.kiln.wire to
            com.esotericsoftware.kryo;
    // JNA reads and writes the fields of its Structure subclasses (Windows and macOS process metrics).
    opens dev.kiln.os to
            com.sun.jna;
}
