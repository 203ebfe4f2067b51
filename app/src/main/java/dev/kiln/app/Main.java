package dev.kiln.app;

import java.util.Arrays;
import javafx.application.Application;

/**
 * Starts the workbench, as the module {@code dev.kiln.app}: {@code java --module-path ...
 * --module dev.kiln.app/dev.kiln.app.Main} (what {@code mvn -pl app exec:exec} and the
 * jpackage image run). Not an {@link Application} subclass, so it also starts from a plain
 * class path, as the tests do, without the JavaFX launcher's "runtime components are missing".
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StartTimeline.mark("main");
        // Before anything touches JavaFX: the packaged app's smoke test runs without a display.
        if (Arrays.asList(args).contains("--self-test")) {
            System.exit(SelfTest.run(System.out));
        }
        EarlySpare.start();
        Application.launch(KilnApp.class, args);
    }
}
