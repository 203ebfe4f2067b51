package dev.kiln;

/**
 * A method, type or import a worker's snippets declared, as the jshell tool's {@code /methods},
 * {@code /types} and {@code /imports} list them ({@link Worker#declarations()}).
 *
 * <pre>{@code
 * worker.evalWait("int twice(int a) { return 2 * a; }");
 * worker.declarations();   // ..., SnippetDeclaration[kind=METHOD, name=twice, text=int twice(int), source=...]
 * }</pre>
 *
 * @param kind   a method, a type or an import
 * @param name   its name: {@code twice}, {@code Point}, {@code java.util.*}
 * @param text   as jshell lists it: {@code int twice(int)}, {@code record Point}, {@code import java.util.*}
 * @param source the snippet that declared it, as written
 */
public record SnippetDeclaration(Kind kind, String name, String text, String source) {
    /** What was declared. */
    public enum Kind {
        METHOD,
        /** A class, interface, enum, record or annotation interface. */
        TYPE,
        IMPORT
    }
}
