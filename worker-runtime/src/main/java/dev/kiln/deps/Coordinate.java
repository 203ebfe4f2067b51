package dev.kiln.deps;

import java.util.regex.Pattern;

/**
 * A Maven artifact by coordinates, in Maven's order: {@code groupId:artifactId:version},
 * {@code groupId:artifactId:extension:version} or {@code groupId:artifactId:extension:classifier:version}
 * ({@code org.apache.commons:commons-lang3:3.14.0}, {@code org.openjfx:javafx-base:jar:linux:21}).
 *
 * @param extension {@code jar} unless given
 * @param classifier empty unless given
 */
public record Coordinate(String groupId, String artifactId, String extension, String classifier, String version) {
    /** An example of the shape, for messages. */
    public static final String EXAMPLE = "org.apache.commons:commons-lang3:3.14.0";

    /** What a part may hold: letters, digits and {@code . _ -}; a version also ranges' {@code [ ] ( ) ,}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._\\-\\[\\](),]+");

    /**
     * Parses one coordinate; surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException that quotes the text, says what is wrong and shows the expected shape
     */
    public static Coordinate parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "a dependency is empty: write it as groupId:artifactId:version, e.g. " + EXAMPLE);
        }
        String t = text.strip();
        String[] p = t.split(":", -1);
        if (p.length < 3 || p.length > 5) {
            throw new IllegalArgumentException(
                    "\"" + t + "\" is not a Maven coordinate: write groupId:artifactId:version"
                            + " (or groupId:artifactId:extension[:classifier]:version), e.g. " + EXAMPLE);
        }
        String[] names = p.length == 3
                ? new String[] {"groupId", "artifactId", "version"}
                : p.length == 4
                        ? new String[] {"groupId", "artifactId", "extension", "version"}
                        : new String[] {"groupId", "artifactId", "extension", "classifier", "version"};
        for (int i = 0; i < p.length; i++) {
            boolean version = i == p.length - 1;
            if (p[i].isEmpty()) {
                throw new IllegalArgumentException(
                        "\"" + t + "\" has no " + names[i] + ": write groupId:artifactId:version, e.g. " + EXAMPLE);
            }
            if (!(version ? VERSION : NAME).matcher(p[i]).matches()) {
                throw new IllegalArgumentException("\"" + t + "\" has "
                        + ("aeiou".indexOf(names[i].charAt(0)) >= 0 ? "an " : "a ") + names[i] + " (\"" + p[i]
                        + "\") with characters Maven does not allow: use letters, digits, '.', '_' and '-'");
            }
        }
        return switch (p.length) {
            case 3 -> new Coordinate(p[0], p[1], "jar", "", p[2]);
            case 4 -> new Coordinate(p[0], p[1], p[2], "", p[3]);
            default -> new Coordinate(p[0], p[1], p[2], p[3], p[4]);
        };
    }

    /** The coordinate as Maven writes it: extension and classifier only when they are not the defaults. */
    @Override
    public String toString() {
        if (!classifier.isEmpty()) {
            return groupId + ":" + artifactId + ":" + extension + ":" + classifier + ":" + version;
        }
        return "jar".equals(extension)
                ? groupId + ":" + artifactId + ":" + version
                : groupId + ":" + artifactId + ":" + extension + ":" + version;
    }
}
