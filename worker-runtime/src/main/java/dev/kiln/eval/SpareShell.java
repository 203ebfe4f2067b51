package dev.kiln.eval;

import dev.kiln.concurrent.KilnThreads;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.JShell;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The host's JShell sessions, and one kept ready for the next worker's first evaluation. A new
 * JShell costs its compiler state and the default imports (tens of milliseconds of CPU even in
 * a warm host) before it compiles the user's snippet; a host that has evaluated once is likely
 * to evaluate in its next worker too, so once the evaluation that took a session is over, the
 * next one is built in the background, one at a time, and held until a worker's first evaluation
 * takes it. A host that never evaluates builds none ahead.
 *
 * <p>A session does not know its worker until it is taken: its execution engine is bound then
 * (JShell asks for the engine on its first load, invoke or class path change, never for the
 * imports), and the worker's class path is added by the taker.
 */
final class SpareShell {
    /**
     * The jshell tool's DEFAULT startup imports, as one snippet: JShell takes several imports in
     * one snippet, and compiles them once instead of once each.
     */
    static final String DEFAULT_IMPORTS = String.join(
            " ",
            List.of(
                    "import java.io.*;",
                    "import java.math.*;",
                    "import java.net.*;",
                    "import java.nio.file.*;",
                    "import java.util.*;",
                    "import java.util.concurrent.*;",
                    "import java.util.function.*;",
                    "import java.util.prefs.*;",
                    "import java.util.regex.*;",
                    "import java.util.stream.*;"));

    /** How many snippets a session holds before the user's (the imports): user snippets are numbered after. */
    static final int STARTUP_SNIPPETS = 1;

    /** The session built ahead, or null; taken at most once. */
    private static final AtomicReference<Unbound> READY = new AtomicReference<>();

    /** One background thread, there only while it builds. */
    private static final ExecutorService BUILDER = new ThreadPoolExecutor(
            0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), KilnThreads.factory("kiln-jshell-spare-"));

    private static boolean building;

    /** The last background build, done or not. */
    private static volatile CompletableFuture<Void> lastBuild = CompletableFuture.completedFuture(null);

    private SpareShell() {}

    /**
     * A session whose engine is {@code ec}: the one built ahead if it is ready, else one built
     * now on the caller's thread. The caller calls {@link #replenish()} when the evaluation it
     * took the session for is over.
     */
    static JShell take(ExecutionControl ec) {
        Unbound spare = READY.getAndSet(null);
        Unbound s = spare != null ? spare : build();
        s.engine.bind(ec);
        return s.shell;
    }

    /** Builds the next session in the background, unless one is ready or being built. */
    static void replenish() {
        synchronized (SpareShell.class) {
            if (building || READY.get() != null) {
                return;
            }
            building = true;
        }
        lastBuild = CompletableFuture.runAsync(() -> READY.set(build()), BUILDER)
                .whenComplete((ok, failed) -> {
                    synchronized (SpareShell.class) {
                        building = false;
                    }
                });
    }

    /** Completes when the last background build has ended (a spare is ready, unless it failed or was taken). */
    static CompletableFuture<Void> lastBuild() {
        return lastBuild;
    }

    /** Whether a session is ready to be taken. */
    static boolean ready() {
        return READY.get() != null;
    }

    private static Unbound build() {
        LateEngine engine = new LateEngine();
        JShell js = JShell.builder()
                .executionEngine(engine, Map.of())
                .out(new PrintStream(OutputStream.nullOutputStream()))
                .err(new PrintStream(OutputStream.nullOutputStream()))
                // Ids as the jshell tool gives them: s1 for the imports, then 1, 2... for the user's
                // snippets, so that a trace says "divide (#1:2)" for the first snippet the user wrote.
                .idGenerator((snippet, n) -> n > STARTUP_SNIPPETS ? String.valueOf(n - STARTUP_SNIPPETS) : "s" + n)
                .build();
        js.eval(DEFAULT_IMPORTS);
        return new Unbound(js, engine);
    }

    private record Unbound(JShell shell, LateEngine engine) {}

    /**
     * The engine of a session built before its worker was known: JShell makes its engine when it
     * is built, so this one hands every command to the worker's engine once bound.
     */
    private static final class LateEngine implements ExecutionControlProvider, ExecutionControl {
        private volatile ExecutionControl ec;

        void bind(ExecutionControl ec) {
            this.ec = ec;
        }

        private ExecutionControl bound() throws EngineTerminationException {
            ExecutionControl bound = ec;
            if (bound == null) {
                throw new EngineTerminationException("this JShell session has no worker yet");
            }
            return bound;
        }

        @Override
        public String name() {
            return "kiln";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return this;
        }

        @Override
        public void load(ClassBytecodes[] cbcs)
                throws ClassInstallException, NotImplementedException, EngineTerminationException {
            bound().load(cbcs);
        }

        @Override
        public void redefine(ClassBytecodes[] cbcs)
                throws ClassInstallException, NotImplementedException, EngineTerminationException {
            bound().redefine(cbcs);
        }

        @Override
        public String invoke(String className, String methodName)
                throws RunException, EngineTerminationException, InternalException {
            return bound().invoke(className, methodName);
        }

        @Override
        public String varValue(String className, String varName)
                throws RunException, EngineTerminationException, InternalException {
            return bound().varValue(className, varName);
        }

        @Override
        public void addToClasspath(String path) throws EngineTerminationException, InternalException {
            bound().addToClasspath(path);
        }

        @Override
        public Object extensionCommand(String command, Object arg)
                throws RunException, EngineTerminationException, InternalException {
            return bound().extensionCommand(command, arg);
        }

        @Override
        public void stop() throws EngineTerminationException, InternalException {
            bound().stop();
        }

        @Override
        public void close() {
            ExecutionControl bound = ec;
            if (bound != null) {
                bound.close();
            }
        }
    }
}
