package dev.kiln.worker;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/**
 * Where a worker's snippet classes live: a loader whose parent is the user-code loader (so
 * snippets see the user's class path and Kiln's API, not Kiln's internals), holding the class
 * files JShell compiled on the host. It also answers for their class files as resources, so a
 * snippet's lambda can be served to a nested worker. The JDK's own delegate takes the JVM's
 * application loader as parent, which is not where user code lives in a worker.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetLoader loader;

    SnippetLoaderDelegate(ClassLoader parent) {
        this.loader = new SnippetLoader(parent);
    }

    ClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] installed = new boolean[cbcs.length];
        int i = 0;
        try {
            for (; i < cbcs.length; i++) {
                loader.declare(cbcs[i].name(), cbcs[i].bytecodes());
            }
            i = 0;
            for (ClassBytecodes c : cbcs) {
                Class.forName(c.name(), false, loader).getDeclaredMethods(); // defines and links it
                installed[i++] = true;
            }
        } catch (ClassNotFoundException | LinkageError | IllegalArgumentException | IndexOutOfBoundsException e) {
            // ASM's, for a class file it cannot read
            throw new ClassInstallException("class " + cbcs[i].name() + " could not be loaded: " + e, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes c : cbcs) {
            loader.declare(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) {
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                loader.add(Path.of(entry));
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }

    private static final class SnippetLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        /** The class files as JShell compiled them: what a snippet's class is read as, as a resource. */
        private final Map<String, byte[]> classFiles = new ConcurrentHashMap<>();
        /** What is defined: the same, with stop checks where Kiln writes them (StopChecks). */
        private final Map<String, byte[]> definitions = new ConcurrentHashMap<>();

        SnippetLoader(ClassLoader parent) {
            super("kiln-snippets", new URL[0], parent);
            if (StopChecks.WRITTEN_BY_KILN) {
                definitions.put(StopChecks.CANCEL_CLASS, StopChecks.cancelClass());
            }
        }

        void declare(String name, byte[] bytes) {
            definitions.put(name, StopChecks.WRITTEN_BY_KILN ? StopChecks.written(bytes) : bytes);
            classFiles.put(name, bytes);
        }

        void add(Path entry) {
            try {
                addURL(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a class path entry: " + entry, e);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = definitions.get(name);
            if (bytes == null) {
                return super.findClass(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (name.endsWith(".class")) {
                byte[] bytes =
                        classFiles.get(name.substring(0, name.length() - 6).replace('/', '.'));
                if (bytes != null) {
                    return new ByteArrayInputStream(bytes);
                }
            }
            return super.getResourceAsStream(name);
        }
    }
}
