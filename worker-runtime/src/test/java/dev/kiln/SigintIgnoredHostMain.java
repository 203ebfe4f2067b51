package dev.kiln;

import dev.kiln.os.InterruptDoorbell;
import dev.kiln.os.PosixSignalDoorbell;
import dev.kiln.platform.OsFamily;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A host program for tests, run with SIGINT ignored (as under {@code nohup} or {@code trap '' INT}):
 * it says whether it sees that, starts a worker (born with SIGINT ignored too), rings its doorbell
 * while it evaluates an endless loop and prints what came of it ({@code STOPPED}, then the next
 * result), or {@code FAILED error}.
 */
public final class SigintIgnoredHostMain {
    private SigintIgnoredHostMain() {}

    public static void main(String[] args) {
        System.out.println("IGNORED " + PosixSignalDoorbell.sigintMayBeIgnoredHere());
        try (Worker w = Worker.start(WorkerSpec.builder().echoOutput(false).build())) {
            CompletableFuture<Object> running = InterruptTest.startAndWaitUntilRunning(w, "while (true) {}");
            InterruptDoorbell.forOs(OsFamily.current()).ring(w.pid(), "");
            try {
                running.get(10, TimeUnit.SECONDS);
                System.out.println("FAILED the loop ended by itself");
            } catch (ExecutionException e) {
                System.out.println(
                        e.getCause() instanceof EvaluationInterruptedException ? "STOPPED" : "FAILED " + e.getCause());
            }
            System.out.println("NEXT " + w.evalFetch("1 + 1"));
        } catch (Throwable t) {
            System.out.println("FAILED " + t);
        }
    }
}
