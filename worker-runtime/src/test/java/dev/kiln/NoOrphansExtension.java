package dev.kiln;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (service loader): after a class's tests, no worker and
 * no child process of the test JVM may be left. Leftovers are killed and the class fails.
 */
public final class NoOrphansExtension implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> left = descendants();
        // A worker that was just stopped may take a moment to be reaped.
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            ProcessHandle.current().descendants().findFirst().ifPresent(p -> {
                try {
                    p.onExit().get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (Exception ignored) {
                    // re-check below
                }
            });
            left = descendants();
        }
        if (!left.isEmpty()) {
            String desc = left.stream()
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                    .collect(Collectors.joining("\n"));
            left.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError(context.getDisplayName() + " left processes behind:\n" + desc);
        }
    }

    private static List<ProcessHandle> descendants() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> !isConsoleHost(p.info().command().orElse("")))
                .collect(Collectors.toList());
    }

    /**
     * Windows gives every console child a {@code conhost.exe}, which ends with it; the JDK's own
     * process tests leave it out the same way. Not a worker, never an orphan of Kiln's.
     */
    static boolean isConsoleHost(String command) {
        String name = command.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.equalsIgnoreCase("conhost.exe");
    }
}
