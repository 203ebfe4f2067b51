package dev.kiln.wire;

import dev.kiln.platform.OsFamily;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * The first thing a worker says after its token, written by hand rather than with Kryo:
 * the host can declare the worker ready without waiting for the worker to initialise its
 * serializer, the longest part of a worker's start.
 * The flags the worker was started with are asked for when needed ({@code Message.FlagsRequest}).
 */
public record WorkerHello(long pid, String javaVersion, String javaHome, String vmName) {
    /** Writes the hello as {@code writeLong} and {@code writeUTF} would, by hand ({@link ModifiedUtf8}). */
    public void write(DataOutputStream out) throws IOException {
        ModifiedUtf8.writeLong(out, pid);
        ModifiedUtf8.write(out, javaVersion);
        ModifiedUtf8.write(out, javaHome);
        ModifiedUtf8.write(out, vmName);
    }

    /** Reads a hello; each string is at most 64 KB by construction (modified UTF-8 with a 2-byte length). */
    public static WorkerHello read(DataInputStream in) throws IOException {
        return new WorkerHello(in.readLong(), in.readUTF(), in.readUTF(), in.readUTF());
    }

    /** This JVM's hello. */
    public static WorkerHello current() {
        return new WorkerHello(
                currentPid(OsFamily.current(), new ProcSelf()),
                System.getProperty("java.version", ""),
                System.getProperty("java.home", ""),
                System.getProperty("java.vm.name", ""));
    }

    /**
     * This process's pid. On Linux the name {@code /proc/self} links to, which costs a native call:
     * {@code ProcessHandle}'s first use sets up its process reaper (an executor, lambdas), some ms
     * of a worker's start before its hello, and memory every idle worker would keep. Elsewhere, or
     * when that link cannot be read, {@code ProcessHandle}'s.
     *
     * @param procSelf the path {@code /proc/self} resolves to, or null
     */
    static long currentPid(OsFamily os, Supplier<String> procSelf) {
        if (os == OsFamily.LINUX) {
            String self = procSelf.get();
            if (self != null && self.startsWith("/proc/")) {
                try {
                    return Long.parseLong(self.substring("/proc/".length()));
                } catch (NumberFormatException e) {
                    // not a pid: ProcessHandle's
                }
            }
        }
        return ProcessHandle.current().pid();
    }

    /** Where {@code /proc/self} leads. A class, not a method reference: a lambda's first link would cost the hello. */
    private static final class ProcSelf implements Supplier<String> {
        @Override
        public String get() {
            try {
                return new File("/proc/self").getCanonicalPath();
            } catch (IOException | SecurityException e) {
                return null;
            }
        }
    }
}
