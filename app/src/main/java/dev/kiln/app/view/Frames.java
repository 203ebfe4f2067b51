package dev.kiln.app.view;

import java.util.List;
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

    /**
     * Runs each of {@code steps} on the FX thread after a frame of its own, in order (FX thread;
     * returns at once): between two steps the window is drawn and answers the user.
     */
    public static void eachAfterNextFrame(Scene scene, List<Runnable> steps) {
        if (steps.isEmpty()) {
            return;
        }
        afterNextFrame(scene, () -> {
            steps.get(0).run();
            eachAfterNextFrame(scene, steps.subList(1, steps.size()));
        });
    }
}
