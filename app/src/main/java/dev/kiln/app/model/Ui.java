package dev.kiln.app.model;

import javafx.application.Platform;

/**
 * Where view-model updates run: the FX thread in the app, the calling thread in unit tests.
 * Every change coming from a worker (state, output, results, stats) reaches the view-models
 * through one of these, so the FX thread is the only writer of their properties.
 */
@FunctionalInterface
public interface Ui {
    void post(Runnable r);

    /** The JavaFX application thread (runs {@code r} later, never inline). */
    static Ui fx() {
        return Platform::runLater;
    }

    /** Runs at once on the caller's thread: for tests without a toolkit. */
    static Ui direct() {
        return Runnable::run;
    }
}
