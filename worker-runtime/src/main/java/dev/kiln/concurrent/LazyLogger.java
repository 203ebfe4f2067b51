package dev.kiln.concurrent;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that asks the JDK for the real one the first time something is
 * logged or asked of it. {@link System#getLogger} starts the JDK's logging (its logger finder,
 * {@code java.util.logging} and its configuration): 12-16 ms of a fresh JVM's CPU on JDK 17 here,
 * which a host should not pay on the way to its first worker when it logs nothing.
 */
public final class LazyLogger implements System.Logger {
    private final String name;
    private volatile System.Logger logger;

    private LazyLogger(String name) {
        this.name = name;
    }

    /** The logger named after {@code owner}, made when first used. */
    public static System.Logger of(Class<?> owner) {
        return new LazyLogger(owner.getName());
    }

    private System.Logger logger() {
        System.Logger l = logger;
        if (l == null) {
            l = System.getLogger(name); // the JDK's own loggers are cached by name: a race makes one
            logger = l;
        }
        return l;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return logger().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        logger().log(level, bundle, msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        logger().log(level, bundle, format, params);
    }
}
