package dev.kiln.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one workbench window; the process ends once its workers are stopped. */
public final class KilnApp extends Application {
    @Override
    public void start(Stage stage) {
        StartTimeline.mark("fx-start");
        Platform.setImplicitExit(false); // closing the window stops the workers first, then exits
        // One worker ready without asking (the warm spare); New then takes the next spare: instant.
        Workbench.showWithFirstWorker(stage, Settings.forUser(), Platform::exit)
                .startFirstWorker()
                .thenAccept(w -> {
                    StartTimeline.mark("first-worker-listed");
                    w.worker().ready().thenRun(() -> StartTimeline.mark(StartTimeline.FIRST_WORKER_READY));
                });
    }
}
