package dev.kiln;

/** A fresh host for tests: starts a worker, runs one call in it, prints the result, and closes it. */
public final class FreshHostMain {
    private FreshHostMain() {}

    public static void main(String[] args) throws Exception {
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            System.out.println("call answered " + w.call(() -> 6 * 7).get());
        }
    }
}
