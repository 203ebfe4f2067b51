package dev.kiln.bench;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches an X display for top-level windows being mapped (shown): open it before starting a
 * process, then {@link #awaitWindowOf} gives the moment that process's first window appeared, as
 * the X server saw it. A window belongs to the process whose id its {@code _NET_WM_PID} names (GTK
 * sets it on every top-level window). X11 only: Linux, or any system with an X server.
 */
final class WindowMaps implements AutoCloseable {
    private static final X11 X = X11.INSTANCE;

    private final X11.Display display;
    private final X11.Atom pidAtom;

    private WindowMaps(X11.Display display) {
        this.display = display;
        this.pidAtom = X.XInternAtom(display, "_NET_WM_PID", false);
        X.XSelectInput(display, X.XDefaultRootWindow(display), new NativeLong(X11.SubstructureNotifyMask));
        X.XSync(display, false);
    }

    /** Watches the display that {@code DISPLAY} names; fails when there is none or it refuses. */
    static WindowMaps open() {
        X11.Display display = X.XOpenDisplay(null);
        if (display == null) {
            throw new IllegalStateException("cannot open the X display " + System.getenv("DISPLAY"));
        }
        return new WindowMaps(display);
    }

    /**
     * Waits until a window of process {@code pid} is mapped and returns {@link System#nanoTime()}
     * when this watcher saw it, or empty when {@code timeout} passed first. Events are read as they
     * come, polled every half millisecond: the figure is late by at most that much.
     */
    OptionalLong awaitWindowOf(long pid, Duration timeout) {
        X11.XEvent event = new X11.XEvent();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            while (X.XPending(display) > 0) {
                X.XNextEvent(display, event);
                if (event.type == X11.MapNotify) {
                    long seen = System.nanoTime();
                    event.setType(X11.XMapEvent.class);
                    event.read();
                    if (pidOf(event.xmap.window) == pid) {
                        return OptionalLong.of(seen);
                    }
                }
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        }
        return OptionalLong.empty();
    }

    private long pidOf(X11.Window window) {
        X11.AtomByReference type = new X11.AtomByReference();
        IntByReference format = new IntByReference();
        NativeLongByReference items = new NativeLongByReference();
        NativeLongByReference after = new NativeLongByReference();
        PointerByReference data = new PointerByReference();
        int status = X.XGetWindowProperty(
                display,
                window,
                pidAtom,
                new NativeLong(0),
                new NativeLong(1),
                false,
                X11.XA_CARDINAL,
                type,
                format,
                items,
                after,
                data);
        Pointer p = data.getValue();
        try {
            if (status != 0 || p == null || items.getValue().longValue() < 1) {
                return -1;
            }
            // a 32-bit property arrives as C longs
            return p.getNativeLong(0).longValue();
        } finally {
            if (p != null) {
                X.XFree(p);
            }
        }
    }

    @Override
    public void close() {
        X.XCloseDisplay(display);
    }
}
