package dev.kiln.os;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;

/**
 * A Windows process put in {@code BELOW_NORMAL_PRIORITY_CLASS}: a priority class is per process,
 * so it covers the threads the process has and those it starts later.
 */
final class WindowsPriorityClass implements ProcessPriority {
    private static final int PROCESS_SET_INFORMATION = 0x0200;
    private static final int BELOW_NORMAL_PRIORITY_CLASS = 0x4000;

    @Override
    public void lower(long pid) {
        WinNT.HANDLE h = Kernel32.INSTANCE.OpenProcess(PROCESS_SET_INFORMATION, false, (int) pid);
        if (h == null) {
            throw new IllegalStateException(
                    "cannot open process " + pid + " to lower its priority: error " + Kernel32.INSTANCE.GetLastError());
        }
        try {
            if (!Kernel32.INSTANCE.SetPriorityClass(h, new WinDef.DWORD(BELOW_NORMAL_PRIORITY_CLASS))) {
                throw new IllegalStateException(
                        "cannot lower the priority of process " + pid + ": error " + Kernel32.INSTANCE.GetLastError());
            }
        } finally {
            Kernel32.INSTANCE.CloseHandle(h);
        }
    }
}
