package dev.kiln;

import java.util.Objects;

/**
 * A signature of what is at a cursor, for a completion popup's parameter hints: one per
 * overload of the method being called.
 *
 * <pre>{@code
 * List<SignatureHint> hints = w.signatures("Math.max(", 9, true).join();
 * hints.get(0).signature();   // "int Math.max(int a, int b)"
 * hints.get(0).summary();     // "Returns the greater of two int values." (or "" without the JDK's sources)
 * }</pre>
 *
 * @param signature the signature as JShell writes it, with parameter types and names
 * @param summary   the first sentence of its Javadoc as plain text; "" when not asked for or not found
 */
public record SignatureHint(String signature, String summary) {
    public SignatureHint {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(summary, "summary");
    }
}
