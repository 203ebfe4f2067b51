package dev.kiln.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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

    @Override
    public void ring(long pid, String name) {
        int rc = libc().kill((int) pid, SIGINT);
        if (rc != 0) {
            throw new IllegalStateException("kill(" + pid + ", SIGINT) failed: errno " + Native.getLastError());
        }
    }

    @Override
    public void listen(String name, Runnable onRing) {
        Signal sigint = new Signal("INT");
        SignalHandler handler = s -> onRing.run();
        SignalHandler old = Signal.handle(sigint, handler);
        if (old == SignalHandler.SIG_IGN) {
            // SIGINT was ignored when the JVM started: HotSpot kept SIG_IGN and did not install ours.
            libc().signal(SIGINT, Pointer.NULL); // SIG_DFL
            Signal.handle(sigint, handler);
        }
    }
}
