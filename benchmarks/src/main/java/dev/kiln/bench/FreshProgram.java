package dev.kiln.bench;

import dev.kiln.Worker;

/**
 * A program that needs an isolated JVM once: it starts a worker, calls {@code () -> 1} in it,
 * prints {@code answer 1}, stops the worker and exits. Run in a JVM of its own by {@link
 * FirstCall}, to measure what a fresh host pays before its first answer.
 */
public final class FreshProgram {
    /** The line printed with the answer. */
    static final String ANSWER = "answer ";

    private FreshProgram() {}

    public static void main(String[] args) {
        Worker w = Worker.start(Bench.quiet());
        int one = w.callFetch(() -> 1);
        System.out.println(ANSWER + one);
        System.out.flush();
        w.stop();
    }
}
