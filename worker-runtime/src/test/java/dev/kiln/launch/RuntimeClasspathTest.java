package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
