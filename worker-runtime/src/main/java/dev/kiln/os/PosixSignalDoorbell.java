package dev.kiln.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * POSIX doorbell: the host sends SIGINT; the worker's handler runs the stop path. A JVM
 * whose SIGINT is ignored at birth (nohup, background jobs) silently refuses a Java handler,
 * so the worker first resets the disposition to default through libc when needed.
 */
public final class PosixSignalDoorbell implements InterruptDoorbell {
    static final int SIGINT = 2;

    interface LibC extends Library {
        int kill(int pid, int sig);

        Pointer signal(int sig, Pointer handler);
    }

    private static LibC libc() {
        return Native.load("c", LibC.class);
    }

    /**
     * Rings with the {@code kill} command: it needs no native access (a worker that is a host of
     * its own workers runs without it on Linux, and JDK 24+ warns when JNA loads without it) and
     * no JNA library unpacked on the way; libc's {@code kill} where there is no such command.
     */
    @Override
    public void ring(long pid, String name) {
        Process kill;
        try {
            kill = new ProcessBuilder("kill", "-s", "INT", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            int rc = libc().kill((int) pid, SIGINT); // a system without the kill command (a bare container)
            if (rc != 0) {
                throw new IllegalStateException("kill(" + pid + ", SIGINT) failed: errno " + Native.getLastError());
            }
            return;
        }
        try {
            // Waited for before its output is read (a line at most, which the pipe holds): a read first would wait
            // for as long as the command ran, past the timeout.
            if (!kill.waitFor(KILL_COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException(
                        "kill -s INT " + pid + " did not end within " + KILL_COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (kill.exitValue() != 0) {
                String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                throw new IllegalStateException(
                        "kill -s INT " + pid + " failed (exit " + kill.exitValue() + "): " + said);
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -s INT " + pid + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            kill.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ringing the doorbell of " + pid, e);
        }
    }

    private static final int KILL_COMMAND_TIMEOUT_SECONDS = 10;

    /**
     * Whether this JVM's SIGINT may be ignored (a JVM born with it ignored keeps it so), and so a
     * process it spawns as it is: an ignored signal stays ignored across exec. Known on Linux, from
     * {@code /proc/self/status}; elsewhere assumed. Read at each call: a host asks once
     * ({@code SigintAtBirth}).
     */
    public static boolean sigintMayBeIgnoredHere() {
        return sigintMayBeIgnored(OsFamily.current(), () -> {
            try {
                return Files.readString(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        });
    }

    /**
     * Whether SIGINT may be ignored in a process on {@code os} whose {@code /proc/<pid>/status}
     * text {@code procStatus} gives (null when unreadable): its {@code SigIgn} mask says so on
     * Linux; on other systems, or when the mask cannot be read, it may be.
     */
    static boolean sigintMayBeIgnored(OsFamily os, Supplier<String> procStatus) {
        if (os != OsFamily.LINUX) {
            return true;
        }
        String status = procStatus.get();
        if (status == null) {
            return true;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("SigIgn:")) {
                try {
                    long mask = Long.parseUnsignedLong(
                            line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & (1L << (SIGINT - 1))) != 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return true;
    }

    /**
     * Installs a {@code sun.misc.Signal} handler for SIGINT. Called directly, not through
     * reflection: from JDK 18 (core reflection on method handles) each first reflective call makes
     * method-handle classes that no class data sharing archive holds, some 10 ms of a JDK 25
     * worker's start before its hello.
     */
    @Override
    public void listen(String name, Runnable onRing) {
        sun.misc.Signal sigint = new sun.misc.Signal("INT");
        sun.misc.SignalHandler handler = new Ring(onRing);
        if (sun.misc.Signal.handle(sigint, handler) == sun.misc.SignalHandler.SIG_IGN) {
            // SIGINT was ignored when the JVM started: HotSpot kept SIG_IGN and did not install ours.
            libc().signal(SIGINT, Pointer.NULL); // SIG_DFL
            sun.misc.Signal.handle(sigint, handler);
        }
    }

    /** A class, not a lambda: it is made before the worker's hello, where a lambda's first link costs a worker's start. */
    private static final class Ring implements sun.misc.SignalHandler {
        private final Runnable onRing;

        Ring(Runnable onRing) {
            this.onRing = onRing;
        }

        @Override
        public void handle(sun.misc.Signal signal) {
            onRing.run();
        }
    }
}
