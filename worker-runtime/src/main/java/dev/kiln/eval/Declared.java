package dev.kiln.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * What a worker's snippets have declared, as its JShell knows it after an evaluation: the
 * variables (and where each lives in the worker: a static field of a snippet class), methods,
 * types and imports. An immutable snapshot that any thread may read while the next evaluation
 * runs.
 *
 * @param variables the active variables, in declaration order
 * @param items     the active methods, types and imports, as the jshell tool lists them
 */
public record Declared(List<Variable> variables, List<Item> items) {
    /** Nothing declared yet. */
    public static final Declared NONE = new Declared(List.of(), List.of());

    /**
     * A variable and where its value lives in the worker.
     *
     * @param name      its name ({@code x}, {@code $1})
     * @param typeName  its type as jshell shows it
     * @param className the snippet class that holds it, or null when it has no value to read yet (it waits for a
     *                  declaration it needs)
     * @param fieldName the static field of that class
     */
    public record Variable(String name, String typeName, String className, String fieldName) {}

    /** What kind of declaration an {@link Item} is. */
    public enum Kind {
        METHOD,
        TYPE,
        IMPORT
    }

    /**
     * A method, type or import.
     *
     * @param kind   which of them
     * @param name   its name ({@code twice}, {@code Point}, {@code java.util.*})
     * @param text   as the jshell tool lists it: {@code int twice(int)}, {@code record Point}, {@code import java.util.*}
     * @param source its source as written
     */
    public record Item(Kind kind, String name, String text, String source) {}

    /** JShell's snippet classes in a text ({@code REPL.$JShell$12$Point@1b6d}): jshell shows them without. */
    private static final Pattern SNIPPET_CLASS = Pattern.compile("(REPL\\.)?\\$JShell\\$\\w+[$.]?");

    /** {@code text} as jshell shows it: without the names of its snippet classes. */
    public static String expunge(String text) {
        return text == null ? "" : SNIPPET_CLASS.matcher(text).replaceAll("");
    }

    /** Reads what {@code js} holds now; on the evaluator's thread ({@code ec} learns where variables live). */
    static Declared of(JShell js, HostExecutionControl ec) {
        List<Variable> vars = new ArrayList<>();
        js.variables().forEach(v -> vars.add(variable(js, ec, v)));
        List<Item> items = new ArrayList<>();
        js.methods().forEach(m -> items.add(new Item(Kind.METHOD, m.name(), methodText(m), m.source())));
        js.types().forEach(t -> items.add(new Item(Kind.TYPE, t.name(), typeKind(t) + " " + t.name(), t.source())));
        js.imports().forEach(i -> addImports(items, i));
        return new Declared(List.copyOf(vars), List.copyOf(items));
    }

    private static Variable variable(JShell js, HostExecutionControl ec, VarSnippet v) {
        if (js.status(v) != Snippet.Status.VALID) {
            return new Variable(v.name(), v.typeName(), null, null);
        }
        // JShell knows which class and field hold the variable but says so only to its engine: ask it for the
        // value with an engine that notes the place and answers without asking the worker.
        String[] place = ec.locate(() -> js.varValue(v));
        return new Variable(v.name(), v.typeName(), place == null ? null : place[0], place == null ? null : place[1]);
    }

    /** {@code int twice(int)} from JShell's {@code (int)int}. */
    static String methodText(MethodSnippet m) {
        String sig = m.signature();
        int close = sig.lastIndexOf(')');
        if (!sig.startsWith("(") || close < 0) {
            return m.name() + "(" + m.parameterTypes() + ")";
        }
        return sig.substring(close + 1) + " " + m.name() + "(" + m.parameterTypes() + ")";
    }

    static String typeKind(TypeDeclSnippet t) {
        return switch (t.subKind()) {
            case INTERFACE_SUBKIND -> "interface";
            case ENUM_SUBKIND -> "enum";
            case ANNOTATION_TYPE_SUBKIND -> "@interface";
            case RECORD_SUBKIND -> "record";
            default -> "class";
        };
    }

    /**
     * An import snippet's imports, one item each, as the jshell tool's {@code /imports} lists them:
     * a snippet may hold several (the default imports are one snippet).
     */
    private static void addImports(List<Item> items, ImportSnippet i) {
        String[] declarations = i.source().split(";");
        if (declarations.length <= 1) {
            items.add(new Item(
                    Kind.IMPORT, i.fullname(), "import " + (i.isStatic() ? "static " : "") + i.fullname(), i.source()));
            return;
        }
        for (String d : declarations) {
            String text = d.strip().replaceAll("\\s+", " ");
            if (text.startsWith("import ")) {
                String name = text.substring("import ".length());
                name = name.startsWith("static ") ? name.substring("static ".length()) : name;
                items.add(new Item(Kind.IMPORT, name, text, text + ";"));
            }
        }
    }
}
