package dev.kiln.app;

import java.util.Arrays;
import javafx.application.Application;

/**
 * Starts the workbench. Not an {@link Application} subclass, so the app runs from a plain
 * class path ({@code java -cp ... dev.kiln.app.Main}, jpackage) without the JavaFX launcher check.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Before anything touches JavaFX: the packaged app's smoke test runs without a display.
        if (Arrays.asList(args).contains("--self-test")) {
            System.exit(SelfTest.run(System.out));
        }
        Application.launch(KilnApp.class, args);
    }
}
