package dev.kiln.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

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
        try {
            // sun.misc.Signal (module jdk.unsupported) through reflection: javac's "internal proprietary
            // API" warning cannot be suppressed, and the build treats warnings as errors.
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object sigint = signalClass.getConstructor(String.class).newInstance("INT");
            Object handler = handler(signalClass, handlerClass, onRing);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object old = handle.invoke(null, sigint, handler);
            if (old == handlerClass.getField("SIG_IGN").get(null)) {
                // SIGINT was ignored when the JVM started: HotSpot kept SIG_IGN and did not install ours.
                libc().signal(SIGINT, Pointer.NULL); // SIG_DFL
                handle.invoke(null, sigint, handler);
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot handle SIGINT: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM has no sun.misc.Signal (module jdk.unsupported): " + e, e);
        }
    }

    /**
     * A {@code sun.misc.SignalHandler} that runs {@code onRing}, made as a lambda is (the class
     * cannot be named in source: javac's "internal proprietary API" warning cannot be suppressed,
     * and the build treats warnings as errors). Not a {@code java.lang.reflect.Proxy}: the first
     * proxy of a JVM defines a dynamic module and generates its class, some 10 ms of a worker's
     * start, and the doorbell is in place before the worker's hello.
     */
    private static Object handler(Class<?> signalClass, Class<?> handlerClass, Runnable onRing)
            throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType handle = MethodType.methodType(void.class, signalClass);
        try {
            return LambdaMetafactory.metafactory(
                            lookup,
                            "handle",
                            MethodType.methodType(handlerClass, Runnable.class),
                            handle,
                            lookup.findStatic(
                                    PosixSignalDoorbell.class,
                                    "ring",
                                    MethodType.methodType(void.class, Runnable.class, Object.class)),
                            handle)
                    .getTarget()
                    .invoke(onRing);
        } catch (LambdaConversionException e) {
            throw new IllegalStateException("cannot make a SIGINT handler: " + e, e);
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make a SIGINT handler: " + e, e);
        }
    }

    /** The handler's body: {@code signal} is the {@code sun.misc.Signal} that came (always SIGINT). */
    private static void ring(Runnable onRing, Object signal) {
        onRing.run();
    }
}
