package dev.kiln.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The first thing a worker says after its token, written by hand rather than with Kryo:
 * the host can declare the worker ready without waiting for the worker to initialise its
 * serializer, the longest part of a worker's start.
 * The flags the worker was started with are asked for when needed ({@code Message.FlagsRequest}).
 */
public record WorkerHello(long pid, String javaVersion, String javaHome, String vmName) {
    public void write(DataOutputStream out) throws IOException {
        out.writeLong(pid);
        out.writeUTF(javaVersion);
        out.writeUTF(javaHome);
        out.writeUTF(vmName);
    }

    /** Reads a hello; each string is at most 64 KB by construction (modified UTF-8 with a 2-byte length). */
    public static WorkerHello read(DataInputStream in) throws IOException {
        return new WorkerHello(in.readLong(), in.readUTF(), in.readUTF(), in.readUTF());
    }

    /** This JVM's hello. */
    public static WorkerHello current() {
        return new WorkerHello(
                ProcessHandle.current().pid(),
                System.getProperty("java.version", ""),
                System.getProperty("java.home", ""),
                System.getProperty("java.vm.name", ""));
    }
}
