package dev.kiln.os;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** Windows: the working set from {@code K32GetProcessMemoryInfo} (kernel32, Windows 7+) through JNA. */
public final class WindowsProcessMetrics implements ProcessMetrics {
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    /** K32GetProcessMemoryInfo is documented to need this too (besides the query right). */
    private static final int PROCESS_VM_READ = 0x0010;
    /** The access a handle needs for {@code K32GetProcessMemoryInfo}. */
    static final int MEMORY_INFO_ACCESS = PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_VM_READ;

    /** PROCESS_MEMORY_COUNTERS, as psapi.h declares it. */
    @Structure.FieldOrder({
        "cb",
        "PageFaultCount",
        "PeakWorkingSetSize",
        "WorkingSetSize",
        "QuotaPeakPagedPoolUsage",
        "QuotaPagedPoolUsage",
        "QuotaPeakNonPagedPoolUsage",
        "QuotaNonPagedPoolUsage",
        "PagefileUsage",
        "PeakPagefileUsage"
    })
    public static class ProcessMemoryCounters extends Structure {
        public int cb;
        public int PageFaultCount;
        public BaseTSD.SIZE_T PeakWorkingSetSize;
        public BaseTSD.SIZE_T WorkingSetSize;
        public BaseTSD.SIZE_T QuotaPeakPagedPoolUsage;
        public BaseTSD.SIZE_T QuotaPagedPoolUsage;
        public BaseTSD.SIZE_T QuotaPeakNonPagedPoolUsage;
        public BaseTSD.SIZE_T QuotaNonPagedPoolUsage;
        public BaseTSD.SIZE_T PagefileUsage;
        public BaseTSD.SIZE_T PeakPagefileUsage;
    }

    interface K32 extends StdCallLibrary {
        boolean K32GetProcessMemoryInfo(WinNT.HANDLE process, ProcessMemoryCounters counters, int cb);
    }

    private volatile K32 k32;

    @Override
    public long rssBytes(long pid) {
        try {
            K32 lib = k32;
            if (lib == null) {
                k32 = lib = Native.load("kernel32", K32.class, W32APIOptions.DEFAULT_OPTIONS);
            }
            WinNT.HANDLE h = Kernel32.INSTANCE.OpenProcess(MEMORY_INFO_ACCESS, false, (int) pid);
            if (h == null) {
                return -1;
            }
            try {
                ProcessMemoryCounters pmc = new ProcessMemoryCounters();
                pmc.cb = pmc.size();
                if (!lib.K32GetProcessMemoryInfo(h, pmc, pmc.cb)) {
                    return -1;
                }
                return pmc.WorkingSetSize.longValue();
            } finally {
                Kernel32.INSTANCE.CloseHandle(h);
            }
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
