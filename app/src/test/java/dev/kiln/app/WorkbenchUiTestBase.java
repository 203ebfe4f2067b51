package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerState;
import dev.kiln.app.command.Keys;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The setup of the workbench's UI tests (as in {@link WorkbenchUiTest}): a workbench on its own
 * stage with settings in a temporary folder, closed after each test with every worker stopped;
 * and the helpers they share to drive it as a person would. Each subclass declares
 * {@code @Start void start(Stage s) { startWorkbench(s); }}.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WorkbenchUiTestBase {
    @TempDir
    Path config;

    Workbench workbench;
    Stage stage;

    /** Call from the subclass's {@code @Start} method (TestFX looks for it on the test class itself). */
    void startWorkbench(Stage stage) {
        this.stage = stage;
        workbench = Workbench.show(stage, new Settings(config), () -> {});
        stage.requestFocus();
    }

    /**
     * The views the first frame does without are made a frame each after it: the tests start once all
     * are, unless {@link #startsBeforeEveryView()} says the test is about what comes before.
     */
    @BeforeEach
    void everyViewIsMade() throws Exception {
        if (!startsBeforeEveryView()) {
            workbench.windowComplete().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Whether the tests start as soon as the window is shown, before the views it makes after its first frame. */
    boolean startsBeforeEveryView() {
        return false;
    }

    @AfterEach
    void closeStopsEveryWorker() throws Exception {
        CompletableFuture<Void> closed =
                WaitForAsyncUtils.asyncFx(() -> workbench.close()).get(10, TimeUnit.SECONDS);
        closed.get(60, TimeUnit.SECONDS);
        for (WorkerViewModel vm : workbench.viewModel().workers()) {
            assertThat(vm.worker().isRunning())
                    .as("worker %s after close", vm.name())
                    .isFalse();
        }
    }

    WorkerViewModel newWorker(FxRobot robot) {
        int before = workbench.viewModel().workers().size();
        robot.clickOn("#newWorkerButton");
        waitUntil(
                "a new worker is in the list",
                15,
                () -> workbench.viewModel().workers().size() == before + 1);
        WorkerViewModel vm = workbench.viewModel().workers().get(before);
        waitUntil("worker " + vm.name() + " is idle", 60, () -> vm.state() == WorkerState.IDLE);
        return vm;
    }

    void setCode(String code) {
        WaitForAsyncUtils.asyncFx(() -> workbench.editor().setText(code));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs {@code code} in the selected worker with the Run button and waits until it is done. */
    ResultEntry run(FxRobot robot, WorkerViewModel vm, String code) {
        setCode(code);
        int before = onFx(() -> vm.results().size());
        robot.clickOn("#runButton");
        waitUntil(
                "the run of " + code + " in " + vm.name() + " finished",
                60,
                () -> vm.results().size() > before && last(vm).status().isDone());
        return last(vm);
    }

    static ResultEntry last(WorkerViewModel vm) {
        List<ResultEntry> r = vm.results();
        return r.isEmpty() ? null : r.get(r.size() - 1);
    }

    /** A label's text, looked up on the FX thread. */
    static String text(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The results list's cell on screen that shows {@code entry}. */
    static Node resultCell(FxRobot robot, ResultEntry entry) {
        return robot.lookup("#resultsView .result-cell")
                .match((ListCell<?> c) -> c.isVisible() && c.getItem() == entry)
                .queryAs(Node.class);
    }

    /** Types {@code k} as a person would: modifiers down, the key, then all up in reverse. */
    static void type(FxRobot robot, KeyCombination k) {
        KeyCode[] keys = Keys.codes(k);
        KeyCode[] reversed = new KeyCode[keys.length];
        for (int i = 0; i < keys.length; i++) {
            reversed[i] = keys[keys.length - 1 - i];
        }
        robot.press(keys).release(reversed);
    }

    /** Puts the keyboard focus in the editor, as a click would. */
    void focusEditor(FxRobot robot) {
        robot.interact(() -> {
            stage.requestFocus();
            workbench.editor().area().requestFocus();
        });
    }

    /** Whether a node with this id is on screen (a dialog's pane, a button). */
    static boolean showing(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query)
                .tryQuery()
                .map(n -> n.getScene() != null
                        && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing())
                .orElse(false));
    }
}
