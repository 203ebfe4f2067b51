package dev.kiln.os;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinNT;

/**
 * Windows doorbell: a named auto-reset event {@code Local\kiln-interrupt-<nonce>}, created
 * by the worker (never an inherited handle) and set by the host. Console control events
 * are not used: a JVM exits or dumps threads on them, and child processes share no group.
 */
public final class WindowsEventDoorbell implements InterruptDoorbell {
    private static final int EVENT_MODIFY_STATE = 0x0002;

    static String eventName(String name) {
        return "Local\\kiln-interrupt-" + name;
    }

    @Override
    public void ring(long pid, String name) {
        WinNT.HANDLE h = Kernel32.INSTANCE.OpenEvent(EVENT_MODIFY_STATE, false, eventName(name));
        if (h == null) {
            throw new IllegalStateException(
                    "worker " + pid + " has no interrupt event: error " + Kernel32.INSTANCE.GetLastError());
        }
        try {
            Kernel32.INSTANCE.SetEvent(h);
        } finally {
            Kernel32.INSTANCE.CloseHandle(h);
        }
    }

    @Override
    public void listen(String name, Runnable onRing) {
        WinNT.HANDLE h = Kernel32.INSTANCE.CreateEvent(null, false, false, eventName(name));
        if (h == null) {
            throw new IllegalStateException(
                    "cannot create the interrupt event: error " + Kernel32.INSTANCE.GetLastError());
        }
        dev.kiln.concurrent.KilnThreads.start(
                () -> {
                    while (Kernel32.INSTANCE.WaitForSingleObject(h, WinBase.INFINITE) == WinBase.WAIT_OBJECT_0) {
                        onRing.run();
                    }
                },
                "kiln-interrupt-event");
    }
}
