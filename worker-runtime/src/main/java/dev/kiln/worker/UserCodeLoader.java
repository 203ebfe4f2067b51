package dev.kiln.worker;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.PermissionCollection;
import java.security.Permissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The class loader of the user's code in a worker (snippets, calls, and what they load): it
 * sees the JDK's classes, the user's class path (what {@code java -cp} gave, read from
 * {@code java.class.path}; an empty entry is the working folder, as for {@code java}), jars added
 * while the worker runs, and of Kiln only its exported API ({@code dev.kiln}, so code in a worker
 * can start workers of its own, and {@code dev.kiln.platform}), taken from Kiln's runtime loader.
 * Kiln's internals and libraries (Kryo, JNA) are not visible: user code that brings other
 * versions of them gets its own.
 *
 * <p>The JVM's application loader ({@code ClassLoader.getSystemClassLoader()}) is Kiln's
 * runtime, as JShell's remote agent is the application loader of its JVM: there class data
 * sharing archives it, lambdas included, which a loader of Kiln's own would not get. User code
 * runs in this loader, and the context loader of its threads is this loader or one beneath it,
 * so what it finds by name, as a resource or through {@code ServiceLoader} is the user's.
 */
final class UserCodeLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** Packages of Kiln's runtime that user code must never get from Kiln (its class path may have its own). */
    private static final Set<String> KILN_LIBRARIES = Set.of(
            "com.esotericsoftware.kryo.",
            "com.esotericsoftware.minlog.",
            "com.esotericsoftware.reflectasm.",
            "org.objenesis.",
            "com.sun.jna.");

    /**
     * Kiln's own packages besides its API: only a class of these may be Kiln's runtime's. Asking
     * the runtime's loader whether it has a class (a resource lookup through the JDK's modules and
     * every runtime jar, opened for it) took some 13 ms of a worker's first call for a user class
     * in a package that merely starts with {@code dev.kiln.}; now only names in these packages
     * are looked up. A test checks the list against the runtime's packages.
     */
    static final Set<String> KILN_INTERNALS = Set.of(
            "dev.kiln.concurrent",
            "dev.kiln.deps",
            "dev.kiln.eval",
            "dev.kiln.host",
            "dev.kiln.launch",
            "dev.kiln.os",
            "dev.kiln.ssh",
            "dev.kiln.wire",
            "dev.kiln.worker");

    private final ClassLoader kiln;

    /** @param kiln Kiln's runtime loader (the JVM's application loader), which provides the API package. */
    UserCodeLoader(ClassLoader kiln) {
        this(kiln, System.getProperty("java.class.path", ""), Path.of("").toAbsolutePath());
    }

    UserCodeLoader(ClassLoader kiln, String classPath, Path workingFolder) {
        super("kiln-user-code", urls(classPath, workingFolder), JdkModules.INSTANCE);
        this.kiln = kiln;
    }

    /**
     * The JDK's modules and nothing else: the platform loader's (and through it the boot
     * loader's), and those the JVM defines to its application loader (jdk.jshell, jdk.compiler,
     * jdk.management...), by their packages; never the application loader's class path, which is
     * Kiln's runtime. A name's package is looked up in each of the application loader's modules
     * (a score of them) when it is asked for: copying their packages into one set took some 1 ms
     * of a worker's first call, before any class was asked for.
     */
    static final class JdkModules extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        static final JdkModules INSTANCE = new JdkModules();

        /** The modules the JVM defines to its application loader; listed when first needed. */
        private volatile List<Module> applicationModules;

        private JdkModules() {
            super("kiln-jdk-modules", ClassLoader.getPlatformClassLoader());
        }

        private List<Module> applicationModules() {
            List<Module> modules = applicationModules;
            if (modules == null) {
                ClassLoader application = ClassLoader.getSystemClassLoader();
                List<Module> found = new ArrayList<>();
                for (Module m : ModuleLayer.boot().modules()) {
                    if (m.getClassLoader() == application) {
                        found.add(m);
                    }
                }
                applicationModules = modules = List.copyOf(found);
            }
            return modules;
        }

        private boolean inJdkPackage(String name, char separator) {
            int end = name.lastIndexOf(separator);
            if (end <= 0) {
                return false;
            }
            String pkg = name.substring(0, end).replace('/', '.');
            for (Module m : applicationModules()) {
                if (m.getPackages().contains(pkg)) { // the module descriptor's own set
                    return true;
                }
            }
            return false;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (inJdkPackage(name, '.')) {
                return ClassLoader.getSystemClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return inJdkPackage(name, '/') ? ClassLoader.getSystemClassLoader().getResource(name) : null;
        }

        @Override
        protected java.util.Enumeration<URL> findResources(String name) throws java.io.IOException {
            return inJdkPackage(name, '/')
                    ? ClassLoader.getSystemClassLoader().getResources(name)
                    : java.util.Collections.emptyEnumeration();
        }
    }

    /** The entries of a {@code java.class.path} value as the JVM reads them: an empty one is the working folder. */
    static URL[] urls(String classPath, Path workingFolder) {
        String[] entries = classPath.split(java.io.File.pathSeparator, -1); // ":" or ";": no regex compiled
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            Path entry = entries[i].isEmpty() ? workingFolder : workingFolder.resolve(entries[i]);
            try {
                urls[i] = entry.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("not a class path entry: " + entries[i], e);
            }
        }
        return urls;
    }

    /** True for a class of Kiln's exported API: {@code dev.kiln.X} and {@code dev.kiln.platform.X}. */
    static boolean isKilnApi(String className) {
        return inPackage(className, "dev.kiln.") || inPackage(className, "dev.kiln.platform.");
    }

    private static boolean inPackage(String className, String pkg) {
        return className.startsWith(pkg) && className.indexOf('.', pkg.length()) < 0;
    }

    /**
     * True for Kiln's internals and libraries, which user code never gets from Kiln: the
     * libraries by package, Kiln's own classes when its runtime has them (in its {@linkplain
     * #KILN_INTERNALS internal packages}, not its API). A class of the user's own in a package
     * named {@code dev.kiln.something} is not Kiln's, and costs no lookup.
     */
    boolean isKilnRuntime(String className) {
        for (String p : KILN_LIBRARIES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        int end = className.lastIndexOf('.');
        return end > 0
                && KILN_INTERNALS.contains(className.substring(0, end))
                && kiln.getResource(className.replace('.', '/') + ".class") != null;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isKilnApi(name)) {
            try {
                return kiln.loadClass(name);
            } catch (ClassNotFoundException notKilns) {
                // a class of the user's own in package dev.kiln (Kiln's own tests): found like any other
            }
        }
        return super.loadClass(name, resolve);
    }

    /**
     * No permissions beyond the policy's where no security manager is installed (a worker installs
     * none), so none are checked. {@code URLClassLoader} would add the right to read the class's
     * own jar or folder, and making that {@code FilePermission} starts the JDK's security
     * properties and its path handling: some 6 ms of the first call whose class comes from the
     * user's class path. Under a security manager (which user code may still install on JDK 17)
     * the permissions are {@code URLClassLoader}'s. Code sources are kept either way.
     */
    @Override
    @SuppressWarnings("removal") // System.getSecurityManager: JDK 17 still lets code install one
    protected PermissionCollection getPermissions(CodeSource codesource) {
        return System.getSecurityManager() == null ? new Permissions() : super.getPermissions(codesource);
    }

    /** Adds a jar or class folder for classes loaded from now on (a live worker's new dependencies). */
    void add(Path entry) {
        try {
            addURL(entry.toUri().toURL());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("not a class path entry: " + entry, e);
        }
    }
}
