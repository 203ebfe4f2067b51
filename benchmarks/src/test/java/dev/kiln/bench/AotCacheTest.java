package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.platform.Jdk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @Test
    void theOldestJdkFromTwentyFiveOnIsChosen() {
        List<Jdk> installed = List.of(
                new Jdk(Path.of("/jdk/17"), "17.0.15"),
                new Jdk(Path.of("/jdk/26"), "26"),
                new Jdk(Path.of("/jdk/25"), "25.0.1"),
                new Jdk(Path.of("/jdk/21"), "21.0.2"));

        assertThat(AotCache.newerJdk("", installed)).map(Jdk::home).contains(Path.of("/jdk/25"));
    }

    @Test
    void withoutAJdkTwentyFiveTheRowIsLeftOut() {
        assertThat(AotCache.newerJdk("", List.of(new Jdk(Path.of("/jdk/21"), "21.0.2"))))
                .isEmpty();
    }

    @Test
    void anOverrideThatIsNoJdkTwentyFiveIsAnErrorThatNamesTheProperty(@TempDir Path notAJdk) {
        assertThatThrownBy(() -> AotCache.newerJdk(notAJdk.toString(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(AotCache.JDK_PROPERTY)
                .hasMessageContaining(notAJdk.toString());
    }
}
