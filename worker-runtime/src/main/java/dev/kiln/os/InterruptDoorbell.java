package dev.kiln.os;

import dev.kiln.platform.OsFamily;

/**
 * The OS path to a worker's stop machinery, rung by the host when the worker has not
 * confirmed an interrupt sent as a message (its control path is stuck or held back).
 * POSIX: {@code kill(pid, SIGINT)}, caught by the worker's handler. Windows: a named
 * event unique to the worker, set by the host and waited on by a worker thread.
 */
public interface InterruptDoorbell {
    /** Host side: rings the doorbell of the worker with this pid and doorbell name. */
    void ring(long pid, String name);

    /** Worker side: installs the listener that runs {@code onRing} (never exits the JVM). */
    void listen(String name, Runnable onRing);

    static InterruptDoorbell forCurrentOs() {
        return forOs(OsFamily.current());
    }

    static InterruptDoorbell forOs(OsFamily os) {
        return os.isWindows() ? new WindowsEventDoorbell() : new PosixSignalDoorbell();
    }
}
