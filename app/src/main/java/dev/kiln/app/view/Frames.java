package dev.kiln.app.view;

import javafx.application.Platform;
import javafx.scene.Scene;

/** When a window's frames are drawn: for work that a window's first frame can do without. */
public final class Frames {
    private Frames() {}

    /**
     * Runs {@code r} on the FX thread once the scene's next frame is laid out and handed to the
     * renderer (FX thread; returns at once).
     */
    public static void afterNextFrame(Scene scene, Runnable r) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(r);
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
