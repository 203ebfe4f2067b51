package dev.kiln.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What JShell's source analysis documents at a cursor: a signature, and its Javadoc when asked
 * for and found.
 *
 * @param signature e.g. {@code int Math.max(int a, int b)}
 * @param javadoc   the Javadoc comment's text (tags and HTML as written), or null
 */
public record Signature(String signature, String javadoc) {
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)\\s*([^{}]*)}");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|$)");

    /**
     * The first sentence of the Javadoc as plain text (up to the first period followed by white
     * space, as the javadoc tool cuts it), e.g. {@code Returns the greater of two int values.};
     * "" when there is no Javadoc.
     */
    public String summary() {
        if (javadoc == null) {
            return "";
        }
        String text = javadoc;
        Matcher block = Pattern.compile("(?m)^\\s*@\\w").matcher(text);
        if (block.find()) {
            text = text.substring(0, block.start()); // the main description ends where block tags start
        }
        text = INLINE_TAG.matcher(text).replaceAll(m -> Matcher.quoteReplacement(inline(m.group(1), m.group(2))));
        text = HTML_TAG.matcher(text).replaceAll("");
        text = text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&")
                .replaceAll("\\s+", " ")
                .strip();
        Matcher end = SENTENCE_END.matcher(text);
        return end.find() ? text.substring(0, end.start() + 1) : text;
    }

    /** How the javadoc tool shows an inline tag in text: {@code {@link Integer#MAX_VALUE}} as Integer.MAX_VALUE. */
    private static String inline(String tag, String body) {
        String b = body.strip();
        switch (tag) {
            case "link", "linkplain" -> {
                int space = b.indexOf(' ');
                if (space > 0) {
                    return b.substring(space + 1).strip(); // the label
                }
                String ref = b.startsWith("#") ? b.substring(1) : b.replace('#', '.');
                return ref.replaceAll("\\(.*\\)$", "");
            }
            case "code", "literal", "value", "systemProperty" -> {
                return b;
            }
            default -> {
                return "";
            }
        }
    }
}
