/**
 * Kiln: start worker JVMs, evaluate Java snippets and run lambdas in them, interrupt, stop and
 * watch them. The API is the package {@code dev.kiln}; every other package is internal.
 */
// Kryo, JNA, MINA SSHD and the Maven resolver bundle ship no module descriptor: they are automatic modules, named after
// their manifests.
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
    // ASM: stop checks written into snippet classes on workers of JDK 17 to 19 (worker.StopChecks).
    requires org.objectweb.asm;
    // com.sun.management.OperatingSystemMXBean for a worker's CPU time; absent from trimmed runtimes.
    requires static jdk.management;
    // sun.misc.Signal: the POSIX interrupt doorbell in a worker.
    requires jdk.unsupported;
    // Apache MINA SSHD (core and common in one jar): workers on other machines, over SSH.
    requires org.apache.sshd.osgi;
    // Maven's own resolver (maven-resolver-supplier-mvn3) and settings builder: dependencies by coordinates, on the
    // host. One automatic module of Kiln's making (the Maven module maven-resolver): as their own jars they split two
    // packages between modules (org.apache.maven.model.merge, org.apache.maven.artifact.repository.metadata), which
    // the module path refuses.
    requires dev.kiln.maven.resolver;
    // MINA SSHD logs through SLF4J; without a provider of the application's, Kiln's own routes it to System.Logger.
    requires org.slf4j;

    uses org.slf4j.spi.SLF4JServiceProvider;

    provides org.slf4j.spi.SLF4JServiceProvider with
            dev.kiln.ssh.SystemLoggerProvider;

    // Kryo builds the value records of a result (OpaqueValue, RecordValue...) reflectively when they cross inside a
    // collection (registration required, see KryoValues); the messages themselves are written by hand.
    opens dev.kiln.wire to
            com.esotericsoftware.kryo;
    // JNA reads and writes the fields of its Structure subclasses (Windows and macOS process metrics).
    opens dev.kiln.os to
            com.sun.jna;
}
