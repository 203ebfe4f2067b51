package dev.kiln;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The first class a worker JVM runs: it comes from the boot class path
 * ({@code -Xbootclasspath/a:<boot jar>}), so the JVM's class path stays the user's own
 * ({@code java.class.path} is what the spec gave). It loads Kiln's runtime (its own code, Kryo, JNA) into a class loader of its own,
 * whose parent is the platform loader, and runs the given main class there: user code on the
 * class path neither sees Kiln's libraries nor collides with other versions of them.
 *
 * <p>Arguments: the main class to run in the runtime loader, then the runtime's jars, then,
 * after {@code --}, the main class's own arguments.
 */
final class WorkerBoot {
    private WorkerBoot() {}

    /**
     * The JDK's modules and nothing else: the platform loader's, and those the JVM defines to
     * its application loader (jdk.jshell, jdk.compiler, jdk.management...), by their packages;
     * never the application loader's class path, which is the user's.
     */
    private static final class JdkModules extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final java.util.Set<String> packages = new java.util.HashSet<>();

        JdkModules() {
            super("kiln-jdk-modules", ClassLoader.getPlatformClassLoader());
            for (Module m : ModuleLayer.boot().modules()) {
                packages.addAll(m.getPackages());
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            int dot = name.lastIndexOf('.');
            if (dot > 0 && packages.contains(name.substring(0, dot))) {
                return ClassLoader.getSystemClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected java.net.URL findResource(String name) {
            int slash = name.lastIndexOf('/');
            if (slash > 0 && packages.contains(name.substring(0, slash).replace('/', '.'))) {
                return ClassLoader.getSystemClassLoader().getResource(name);
            }
            return null;
        }
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("kiln worker: no runtime given; a worker is started by dev.kiln.Worker.start()");
            System.exit(2);
        }
        int end = java.util.Arrays.asList(args).indexOf("--");
        int jars = (end < 0 ? args.length : end) - 1;
        URL[] runtime = new URL[jars];
        for (int i = 0; i < jars; i++) {
            runtime[i] = Path.of(args[i + 1]).toUri().toURL();
        }
        String[] mainArgs = end < 0 ? new String[0] : java.util.Arrays.copyOfRange(args, end + 1, args.length);
        ClassLoader kiln = new URLClassLoader("kiln-runtime", runtime, new JdkModules());
        Thread.currentThread().setContextClassLoader(kiln);
        Method main = Class.forName(args[0], true, kiln).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) mainArgs);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
