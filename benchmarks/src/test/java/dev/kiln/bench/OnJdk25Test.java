package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.platform.Jdk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnJdk25Test {

    @Test
    void aChildRunsRowsAndNotesReachTheParentWholeWithTheJdkNamed(@TempDir Path tmp) throws Exception {
        Report child = new Report();
        child.add(Row.of(
                        "Launch to ready",
                        Figures.of("ms", List.of(60.0, 58.0, 70.0)),
                        Figures.of("ms", List.of(40.0, 41.0, 39.0)),
                        Goal.ratioAtMost(1.2),
                        "how")
                .withWhyMissed("why"));
        child.note("archive ready");
        Path file = tmp.resolve("rows");
        OnJdk25.write(child, file);

        Report back = OnJdk25.read(file);
        assertThat(back.rows()).isEqualTo(child.rows());
        assertThat(back.notes()).containsExactly("archive ready");
        Row named = back.rows().get(0).on("JDK 25");
        assertThat(named.scenario()).isEqualTo("JDK 25: Launch to ready");
        assertThat(named.goal().judge(named.kiln(), named.baseline())).isEqualTo(Goal.Status.MISSED);
    }

    @Test
    void theOldestJdkFromTwentyFiveOnIsChosen() {
        List<Jdk> installed = List.of(
                new Jdk(Path.of("/jdk/17"), "17.0.15"),
                new Jdk(Path.of("/jdk/26"), "26"),
                new Jdk(Path.of("/jdk/25"), "25.0.1"),
                new Jdk(Path.of("/jdk/21"), "21.0.2"));

        assertThat(OnJdk25.newerJdk("", installed)).map(Jdk::home).contains(Path.of("/jdk/25"));
    }

    @Test
    void withoutAJdkTwentyFiveTheRowIsLeftOut() {
        assertThat(OnJdk25.newerJdk("", List.of(new Jdk(Path.of("/jdk/21"), "21.0.2"))))
                .isEmpty();
    }

    @Test
    void anOverrideThatIsNoJdkTwentyFiveIsAnErrorThatNamesTheProperty(@TempDir Path notAJdk) {
        assertThatThrownBy(() -> OnJdk25.newerJdk(notAJdk.toString(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(OnJdk25.JDK_PROPERTY)
                .hasMessageContaining(notAJdk.toString());
    }
}
