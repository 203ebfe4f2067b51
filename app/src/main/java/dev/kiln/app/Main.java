package dev.kiln.app;

import javafx.application.Application;

/**
 * Starts the workbench. Not an {@link Application} subclass, so the app runs from a plain
 * class path ({@code java -cp ... dev.kiln.app.Main}, jpackage) without the JavaFX launcher check.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(KilnApp.class, args);
    }
}
