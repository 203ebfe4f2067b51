package dev.kiln;

import dev.kiln.platform.Jdk;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Other JDKs for tests that run workers on them. A property {@code kiln.test.jdk<feature>}
 * (e.g. {@code -Dkiln.test.jdk25=/opt/jdk-25}) names one; otherwise the machine's installed
 * JDKs are searched ({@code JAVA_HOME}-style variables, then the usual folders). Tests that
 * need one are skipped where there is none.
 */
public final class TestJdks {
    private TestJdks() {}

    /** A JDK of exactly this feature release, or of a later one when {@code orLater}. */
    public static Optional<Path> find(int feature, boolean orLater) {
        String named = System.getProperty("kiln.test.jdk" + feature);
        if (named != null && !named.isBlank()) {
            return Jdk.at(Path.of(named)).map(Jdk::home);
        }
        return Jdk.installed().stream()
                .filter(j -> j.feature() == feature || (orLater && j.feature() > feature))
                .map(Jdk::home)
                .findFirst();
    }
}
