package dev.kiln.worker;

/**
 * The snippet class of the class data sharing training ({@link CdsTraining}), shaped as JShell's
 * are: a static {@code do_it$} that returns the value, with a loop for the engine's stop checks to
 * rewrite. Its class file goes to the snippet engine, whose class loader sees none of Kiln's
 * classes: it names nothing but {@code java.lang}, and is no nested class (whose file would name
 * its host).
 */
final class TrainingSnippet {
    private TrainingSnippet() {}

    public static Object do_it$() {
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += i;
        }
        return sum;
    }
}
