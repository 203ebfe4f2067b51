package dev.kiln.app.editor;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Java syntax highlighting as a pure function from text to style spans (the RichTextFX
 * {@code JavaKeywordsAsyncDemo} pattern): no JavaFX state, so it runs off the FX thread
 * and is tested without a toolkit. Style classes: keyword, string, char, comment,
 * number, annotation, paren, brace, bracket, semicolon.
 */
public final class JavaHighlighter {
    private static final String[] KEYWORDS = {
        "abstract",
        "assert",
        "boolean",
        "break",
        "byte",
        "case",
        "catch",
        "char",
        "class",
        "const",
        "continue",
        "default",
        "do",
        "double",
        "else",
        "enum",
        "extends",
        "final",
        "finally",
        "float",
        "for",
        "goto",
        "if",
        "implements",
        "import",
        "instanceof",
        "int",
        "interface",
        "long",
        "native",
        "new",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "short",
        "static",
        "strictfp",
        "super",
        "switch",
        "synchronized",
        "this",
        "throw",
        "throws",
        "transient",
        "try",
        "void",
        "volatile",
        "while",
        "var",
        "record",
        "yield",
        "sealed",
        "permits",
        "non-sealed",
        "true",
        "false",
        "null",
    };

    private static final Pattern PATTERN = Pattern.compile("(?<COMMENT>//[^\n]*|/\\*(?s:.*?)(\\*/|\\z))"
            + "|(?<TEXTBLOCK>\"\"\"(?s:.*?)(\"\"\"|\\z))"
            + "|(?<STRING>\"[^\"\\\\\n]*+(?:\\\\.[^\"\\\\\n]*+)*+\")"
            + "|(?<CHAR>'[^'\\\\\n]*+(?:\\\\.[^'\\\\\n]*+)*+')"
            + "|(?<ANNOTATION>@[A-Za-z_][A-Za-z0-9_]*)"
            + "|(?<KEYWORD>\\b(" + String.join("|", KEYWORDS).replace("-", "\\-") + ")\\b)"
            + "|(?<NUMBER>\\b(0[xX][0-9a-fA-F_]+|0[bB][01_]+|[0-9][0-9_]*(\\.[0-9_]*)?([eE][+-]?[0-9]+)?)[lLfFdD]?\\b)"
            + "|(?<PAREN>[()])"
            + "|(?<BRACE>[{}])"
            + "|(?<BRACKET>[\\[\\]])"
            + "|(?<SEMICOLON>;)");

    private static final String[] GROUPS = {
        "COMMENT",
        "TEXTBLOCK",
        "STRING",
        "CHAR",
        "ANNOTATION",
        "KEYWORD",
        "NUMBER",
        "PAREN",
        "BRACE",
        "BRACKET",
        "SEMICOLON",
    };

    private JavaHighlighter() {}

    /** The style spans of {@code text}; their total length is {@code text.length()}. */
    public static StyleSpans<Collection<String>> computeHighlighting(String text) {
        Matcher m = PATTERN.matcher(text);
        int last = 0;
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        while (m.find()) {
            String style = styleOf(m);
            b.add(Collections.emptyList(), m.start() - last);
            b.add(List.of(style), m.end() - m.start());
            last = m.end();
        }
        b.add(Collections.emptyList(), text.length() - last);
        return b.create();
    }

    private static String styleOf(Matcher m) {
        for (String g : GROUPS) {
            if (m.group(g) != null) {
                return switch (g) {
                    case "TEXTBLOCK" -> "string";
                    default -> g.toLowerCase(java.util.Locale.ROOT);
                };
            }
        }
        throw new AssertionError("no group matched");
    }
}
