package dev.kiln.os;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

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
            Object handler = Proxy.newProxyInstance(
                    handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            onRing.run();
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "kiln-doorbell-handler";
                        };
                    });
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
}
