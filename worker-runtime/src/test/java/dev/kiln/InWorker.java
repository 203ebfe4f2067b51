package dev.kiln;

import java.lang.reflect.Field;

/**
 * Test-only access, from code running in a worker, to the worker's own runtime: user code there
 * cannot see Kiln's internals, so tests that play a broken or hostile worker reach them by
 * reflection through the loader of Kiln's API (the runtime's loader).
 */
final class InWorker {
    private InWorker() {}

    static Class<?> runtimeClass(String name) throws ClassNotFoundException {
        return Class.forName(name, true, Worker.class.getClassLoader());
    }

    /** The worker's agent: its side of the connection to the host. */
    static Object agent() throws ReflectiveOperationException {
        return runtimeClass("dev.kiln.wire.Upstream").getMethod("current").invoke(null);
    }

    /** Sends a message the host will read as a class request from this worker. */
    static void sendClassRequest(long id, String resourcePath) throws ReflectiveOperationException {
        Class<?> message = runtimeClass("dev.kiln.wire.Message");
        Object request = runtimeClass("dev.kiln.wire.Message$ClassRequest")
                .getConstructor(long.class, String.class)
                .newInstance(id, resourcePath);
        Object agent = agent();
        runtimeClass("dev.kiln.wire.Upstream").getMethod("send", message).invoke(agent, request);
    }

    /** The raw stream under the worker's connection, and the lock its writers hold. */
    static Object[] rawConnection() throws ReflectiveOperationException {
        Object agent = agent();
        Field connection = agent.getClass().getDeclaredField("connection");
        connection.setAccessible(true);
        Object c = connection.get(agent);
        Class<?> type = runtimeClass("dev.kiln.wire.Connection");
        Field out = type.getDeclaredField("out");
        out.setAccessible(true);
        Field lock = type.getDeclaredField("writeLock");
        lock.setAccessible(true);
        return new Object[] {out.get(c), lock.get(c)};
    }
}
