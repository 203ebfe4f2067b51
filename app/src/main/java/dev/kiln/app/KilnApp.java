package dev.kiln.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one workbench window; the process ends once its workers are stopped. */
public final class KilnApp extends Application {
    @Override
    public void start(Stage stage) {
        Platform.setImplicitExit(false); // closing the window stops the workers first, then exits
        Workbench workbench = Workbench.show(stage, Settings.forUser(), Platform::exit);
        workbench.viewModel().useWarmSpare(); // New takes a pre-started worker: instant instead of ~0.2-0.5 s
    }
}
