package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's runtime class path: Kiln and its libraries, JNA's platform library only where its code runs. */
class RuntimeClasspathTest {
    private static Path jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath()
                .normalize();
    }

    @Test
    void jnaPlatformIsOnAWorkersClassPathOnWindowsAlone() throws Exception {
        Path platform = jarOf(com.sun.jna.platform.win32.Kernel32.class);
        Path jna = jarOf(com.sun.jna.Native.class);
        Path kryo = jarOf(com.esotericsoftware.kryo.Kryo.class);

        assertThat(RuntimeClasspath.compute(OsFamily.WINDOWS)).contains(platform, jna, kryo);
        assertThat(RuntimeClasspath.compute(OsFamily.LINUX)).contains(jna, kryo).doesNotContain(platform);
        assertThat(RuntimeClasspath.compute(OsFamily.MACOS)).contains(jna, kryo).doesNotContain(platform);
        assertThat(RuntimeClasspath.entries()).isEqualTo(RuntimeClasspath.compute(OsFamily.current()));
    }

    @Test
    void aClassIsFoundInItsJarOrFolderWithoutLoadingIt(@TempDir Path dir) throws Exception {
        Path kryo = jarOf(com.esotericsoftware.kryo.Kryo.class);
        assertThat(RuntimeClasspath.locationOf(
                        "com.esotericsoftware.kryo.Kryo", RuntimeClasspath.class.getClassLoader()))
                .contains(kryo);
        assertThat(RuntimeClasspath.locationOf("dev.kiln.Worker", RuntimeClasspath.class.getClassLoader()))
                .contains(jarOf(dev.kiln.Worker.class));
        assertThat(RuntimeClasspath.locationOf("no.such.Anchor", RuntimeClasspath.class.getClassLoader()))
                .isEmpty();

        // A class folder and a jar whose paths need escaping in a URL, in a loader of their own.
        Path folder = Files.createDirectories(dir.resolve("a folder #1"));
        Files.createDirectories(folder.resolve("p/q"));
        Files.write(folder.resolve("p/q/Anchor.class"), new byte[] {(byte) 0xca, (byte) 0xfe});
        Path jar = dir.resolve("a jar %20.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("r/Anchor.class"));
            out.write(new byte[] {(byte) 0xca, (byte) 0xfe});
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {folder.toUri().toURL(), jar.toUri().toURL()}, null)) {
            assertThat(RuntimeClasspath.locationOf("p.q.Anchor", loader)).contains(folder.toAbsolutePath());
            assertThat(RuntimeClasspath.locationOf("r.Anchor", loader)).contains(jar.toAbsolutePath());
        }
    }
}
