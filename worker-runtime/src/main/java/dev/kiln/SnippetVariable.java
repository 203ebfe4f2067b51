package dev.kiln;

/**
 * A variable a worker's snippets declared, with its value now, as the jshell tool's
 * {@code /vars} lists it ({@link Worker#variables()}).
 *
 * <pre>{@code
 * worker.evalWait("int x = 42;");
 * worker.variables().join();   // [SnippetVariable[name=x, typeName=int, valueText=42]]
 * }</pre>
 *
 * @param name      its name ({@code x}; {@code $1} for the value of an expression)
 * @param typeName  its type as jshell shows it ({@code int}, {@code List<String>})
 * @param valueText its value as jshell shows it ({@code 42}, {@code "hi"}, {@code int[3] { 1, 2, 3 }}), cut after
 *                  2000 characters; empty while it waits for a declaration it needs
 */
public record SnippetVariable(String name, String typeName, String valueText) {}
