package dev.kiln;

/**
 * A host program for tests: it starts a worker only from a shutdown hook, as the JVM exits, and
 * prints what became of it ({@code STARTED pid}, {@code REFUSED message} or {@code FAILED error}).
 */
public final class StartWhileExitingMain {
    private StartWhileExitingMain() {}

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build());
                System.out.println("STARTED " + w.pid());
            } catch (WorkerStartException e) {
                System.out.println("REFUSED " + e.getMessage());
            } catch (Throwable t) {
                System.out.println("FAILED " + t);
            }
            System.out.flush();
        }));
        System.exit(0);
    }
}
