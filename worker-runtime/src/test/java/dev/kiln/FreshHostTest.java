package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a program that starts one worker and exits pays for Kiln in its own JVM. */
class FreshHostTest {
    @Test
    void aFreshHostsFirstWorkerStartsNeitherTheJdksLoggingNorItsSecurityProviders() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process host = new ProcessBuilder(
                        java,
                        "-Xlog:class+load=info",
                        // no class data sharing: a host that finds an archive not yet checked hashes it (SHA-256)
                        "-Dkiln.cds=false",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FreshHostMain.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(host.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(host.exitValue()).as(out).isZero();
        assertThat(out).contains("call answered 42");
        // System.getLogger starts java.util.logging (12-16 ms of a fresh JVM): Kiln's loggers wait until they log.
        assertThat(out.lines().filter(l -> l.contains(" java.util.logging.LogManager source:")))
                .as("classes the host loaded")
                .isEmpty();
        // The worker's class path is found from its libraries' class files, not by loading their classes.
        assertThat(out.lines()
                        .filter(l -> l.contains(" com.esotericsoftware.kryo.Kryo source:")
                                || l.contains(" com.sun.jna.Native source:")))
                .as("classes the host loaded (a scalar call needs no Kryo, and Linux no JNA)")
                .isEmpty();
        // A first SecureRandom or MessageDigest.getInstance starts them (20-30 ms): the token comes from the OS.
        assertThat(out.lines().filter(l -> l.contains(" sun.security.provider.Sun source:")))
                .as("classes the host loaded")
                .isEmpty();
    }
}
