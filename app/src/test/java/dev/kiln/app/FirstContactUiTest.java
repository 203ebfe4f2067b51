package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerState;
import dev.kiln.app.command.Command;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * First contact: the app starts with a worker of its own (the warm spare), so someone who has
 * never heard of New types {@code 1 + 1}, presses Run's shortcut and gets {@code 2}.
 */
class FirstContactUiTest extends WorkbenchUiTestBase {
    private final List<String> statusTexts = new CopyOnWriteArrayList<>();
    private boolean shown;
    private int listedWhenShown;

    @Start
    void start(Stage stage) {
        // What the app does: the window, and the first worker (its JVM started before the window is built).
        this.stage = stage;
        workbench = Workbench.showWithFirstWorker(stage, new Settings(config), () -> {});
        shown = stage.isShowing();
        listedWhenShown = workbench.viewModel().workers().size();
        Label status = (Label) stage.getScene().lookup("#statusText");
        statusTexts.add(status.getText());
        status.textProperty().addListener((o, was, now) -> statusTexts.add(now));
    }

    /** A new user types at once: the views made after the window's first frame may still be coming. */
    @Override
    boolean startsBeforeEveryView() {
        return true;
    }

    @Test
    void aNewUserTypesOnePlusOneAndRunsItWithoutStartingAWorker(FxRobot robot) {
        // Typed and run at once, the worker perhaps still starting: the run waits for it.
        focusEditor(robot);
        robot.press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT);
        robot.write("1 + 1");
        type(robot, Command.RUN.shortcut());

        waitUntil(
                "2 is in the results",
                90,
                () -> onFx(() -> robot.lookup("#resultsView .result-value")
                        .match((Label l) -> l.getText().equals("2"))
                        .tryQuery()
                        .isPresent()));
        assertThat(shown).as("the window is shown at once").isTrue();
        assertThat(listedWhenShown).as("the window never waits for the worker").isZero();
        assertThat(statusTexts)
                .as("the status bar said a worker was starting")
                .anyMatch(t -> t.startsWith("Starting a worker for you"));

        // One worker, listed and selected; it came ready, and the run went to it.
        List<WorkerViewModel> workers =
                onFx(() -> List.copyOf(workbench.viewModel().workers()));
        assertThat(workers).hasSize(1);
        WorkerViewModel w = workers.get(0);
        assertThat(onFx(() -> workbench.viewModel().selected())).isSameAs(w);
        assertThat(last(w).summary()).isEqualTo("2");
        waitUntil("the worker is idle again", 10, () -> w.state() == WorkerState.IDLE);
        waitUntil(
                "the status bar names it",
                10,
                () -> text(robot, "#statusText").startsWith(w.name() + " · pid " + w.pid()));
    }
}
