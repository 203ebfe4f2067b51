package dev.kiln.host;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.wire.Message;
import dev.kiln.wire.Upstream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Answers a worker's requests for classes it lacks (a lambda's capturing class, and what that
 * needs): from the class loaders of the lambdas sent to it, the asking thread's context loader
 * and Kiln's own, then, when this JVM is itself a worker, from its host. Only {@code .class}
 * resources are served. A few threads per worker serve requests in order, so a flood of
 * requests queues instead of starting a thread each; past the queue's bound, a request is
 * answered "not found" at once.
 *
 * <p>A call's own class (the class that made its lambda) is not waited for: the host sends it
 * ahead of the first call that needs it ({@link #offerFor}), once per worker.
 */
public final class ClassServer implements AutoCloseable {
    static final int THREADS = 2;
    static final int QUEUE = 4096;
    /** Classes offered to one worker at most; past that, a worker asks for what it lacks. */
    static final int MAX_OFFERS = 4096;

    /**
     * A class's file as its own loader has it, read once per class in this JVM (many workers are
     * sent the same lambdas); empty when that loader has no such resource (a class made at run time).
     */
    private static final ClassValue<java.util.Optional<byte[]>> CLASS_FILES = new ClassValue<>() {
        @Override
        protected java.util.Optional<byte[]> computeValue(Class<?> type) {
            try (InputStream in = type.getClassLoader().getResourceAsStream(resourcePath(type))) {
                return in == null ? java.util.Optional.empty() : java.util.Optional.of(in.readAllBytes());
            } catch (IOException | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }
    };

    /**
     * What a task's class sends ahead of a call, worked out once per class (a call's path looks it
     * up and nothing more): the offer of the class that made the lambda, or of the task's own
     * class; empty when none is sent (the JDK's, Kiln's, or no class file).
     */
    private static final ClassValue<java.util.Optional<Message.ClassOffer>> OFFERS = new ClassValue<>() {
        @Override
        protected java.util.Optional<Message.ClassOffer> computeValue(Class<?> taskClass) {
            Class<?> type = taskClass.isHidden() ? taskClass.getNestHost() : taskClass;
            ClassLoader loader = type.getClassLoader();
            String path = resourcePath(type);
            if (loader == null
                    || loader == ClassLoader.getPlatformClassLoader()
                    || type.getName().startsWith("java.")
                    || isKilnRuntime(path)) {
                return java.util.Optional.empty();
            }
            return CLASS_FILES.get(type).map(bytes -> new Message.ClassOffer(path, bytes));
        }
    };

    /** The classes offered to this worker so far. */
    private final Set<String> offered = ConcurrentHashMap.newKeySet();

    private final Set<ClassLoader> codeLoaders = ConcurrentHashMap.newKeySet();
    private final Consumer<Message> reply;
    private final ThreadPoolExecutor pool;

    /** @param reply sends a {@link Message.ClassData} answer to the worker */
    public ClassServer(String workerName, Consumer<Message> reply) {
        this.reply = reply;
        this.pool = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                5,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE),
                KilnThreads.factory("kiln-class-server-" + workerName + "-"));
        pool.allowCoreThreadTimeOut(true);
    }

    /** A loader whose classes the worker may ask for (the loader of a lambda sent in a call). */
    public void addLoader(ClassLoader loader) {
        if (loader != null) {
            codeLoaders.add(loader);
        }
    }

    /**
     * The class a call of {@code task} will ask for first, to send ahead of the call: for a
     * lambda, the class that made it; otherwise the task's own class. Null when it was offered
     * to this worker before, is the JDK's or Kiln's own (the worker has those), or its loader
     * has no class file for it.
     */
    public Message.ClassOffer offerFor(Object task) {
        Message.ClassOffer offer = OFFERS.get(task.getClass()).orElse(null);
        if (offer == null || offered.size() >= MAX_OFFERS || !offered.add(offer.name())) {
            return null;
        }
        return offer;
    }

    private static String resourcePath(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    /** Queues a request; the answer is sent from a server thread. */
    public void serve(Message.ClassRequest request) {
        try {
            pool.execute(() -> reply.accept(new Message.ClassData(request.id(), find(request.name()))));
        } catch (RejectedExecutionException e) {
            reply.accept(new Message.ClassData(request.id(), null)); // flooded, or closed: not found
        }
    }

    /** The bytes of a class file, or null when no loader here (nor this JVM's host) has it. */
    byte[] find(String path) {
        if (!path.endsWith(".class") || path.contains("..") || isKilnRuntime(path)) {
            return null;
        }
        List<ClassLoader> loaders = new ArrayList<>(codeLoaders);
        loaders.add(Thread.currentThread().getContextClassLoader());
        loaders.add(ClassServer.class.getClassLoader());
        for (ClassLoader l : loaders) {
            if (l == null) {
                continue;
            }
            try (InputStream in = l.getResourceAsStream(path)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            } catch (IOException ignored) {
                // try the next loader
            }
        }
        Upstream up = Upstream.current();
        if (up != null) {
            try {
                return up.classBytes(path); // this host is itself a worker: ask its host
            } catch (IOException ignored) {
                // not found anywhere
            }
        }
        return null;
    }

    /**
     * Kiln's internals and libraries: a worker has its own copy and user code in it must not get
     * them; its API ({@code dev.kiln}, {@code dev.kiln.platform}) comes from the worker's own
     * runtime. Internal means a class of Kiln's runtime itself (the module's other packages), not
     * any class named {@code dev.kiln.something}: a program's own classes there (benchmarks,
     * tools built on Kiln) are served like any other.
     */
    static boolean isKilnRuntime(String path) {
        if (path.startsWith("com/esotericsoftware/")
                || path.startsWith("org/objenesis/")
                || path.startsWith("com/sun/jna/")) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        if (!path.startsWith("dev/kiln/") || slash <= "dev/kiln".length() || path.startsWith("dev/kiln/platform/")) {
            return false;
        }
        String pkg = path.substring(0, slash).replace('/', '.');
        Module kiln = ClassServer.class.getModule();
        if (kiln.isNamed()) {
            return kiln.getPackages().contains(pkg);
        }
        // On the class path: Kiln's runtime is where this class came from.
        java.net.URL own = ClassServer.class.getResource("ClassServer.class");
        java.net.URL found = ClassServer.class.getClassLoader().getResource(path);
        return own != null && found != null && sameRoot(own, "dev/kiln/host/ClassServer.class", found, path);
    }

    /** Whether two resources come from the same jar or folder. */
    private static boolean sameRoot(java.net.URL a, String aPath, java.net.URL b, String bPath) {
        String as = a.toString();
        String bs = b.toString();
        return as.endsWith(aPath)
                && bs.endsWith(bPath)
                && as.substring(0, as.length() - aPath.length()).equals(bs.substring(0, bs.length() - bPath.length()));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
