package dev.kiln.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Coordinates in Maven's order, and what a person is told about one that is not. */
class CoordinateTest {
    @Test
    void theThreeShapesMavenWrites() {
        assertThat(Coordinate.parse(" org.apache.commons:commons-lang3:3.14.0 "))
                .isEqualTo(new Coordinate("org.apache.commons", "commons-lang3", "jar", "", "3.14.0"))
                .hasToString("org.apache.commons:commons-lang3:3.14.0");
        assertThat(Coordinate.parse("g:a:pom:1")).isEqualTo(new Coordinate("g", "a", "pom", "", "1"));
        assertThat(Coordinate.parse("org.openjfx:javafx-base:jar:linux:21"))
                .isEqualTo(new Coordinate("org.openjfx", "javafx-base", "jar", "linux", "21"))
                .hasToString("org.openjfx:javafx-base:jar:linux:21");
        assertThat(Coordinate.parse("g:a:[1.0,2.0)").version()).isEqualTo("[1.0,2.0)");
    }

    @Test
    void whatIsNotACoordinateIsQuotedWithTheShapeToWrite() {
        assertThatThrownBy(() -> Coordinate.parse("commons-lang3"))
                .hasMessage("\"commons-lang3\" is not a Maven coordinate: write groupId:artifactId:version"
                        + " (or groupId:artifactId:extension[:classifier]:version), e.g."
                        + " org.apache.commons:commons-lang3:3.14.0");
        assertThatThrownBy(() -> Coordinate.parse("g::1")).hasMessageContaining("\"g::1\" has no artifactId");
        assertThatThrownBy(() -> Coordinate.parse("g:a b:1"))
                .hasMessageContaining("has an artifactId (\"a b\") with characters Maven does not allow");
        assertThatThrownBy(() -> Coordinate.parse("  ")).hasMessageContaining("a dependency is empty");
    }
}
