package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerSpec;
import dev.kiln.WorkerState;
import dev.kiln.app.command.Command;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.app.view.FilePicker;
import dev.kiln.app.view.StatusBarView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * The status bar tells the truth: it follows the selected worker (its own last message), errors are
 * drawn in the theme's danger colour and stay, information is neutral and fades.
 */
class StatusBarUiTest extends WorkbenchUiTestBase {
    @TempDir
    Path files;

    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    private static String message(FxRobot robot) {
        return text(robot, "#statusMessage");
    }

    private static List<String> messageClasses(FxRobot robot) {
        return onFx(() ->
                List.copyOf(robot.lookup("#statusMessage").queryAs(Label.class).getStyleClass()));
    }

    private void select(FxRobot robot, WorkerViewModel vm) {
        robot.interact(stage::requestFocus);
        robot.clickOn(robot.lookup("#workerList .worker-cell")
                .match((TreeCell<?> c) -> c.isVisible() && c.getItem() == vm)
                .queryAs(Node.class));
        waitUntil(vm.name() + " is selected", 5, () -> workbench.viewModel().selected() == vm);
    }

    /** Picks {@code answer} for every Open and Save as. */
    private void answerFileDialogsWith(FxRobot robot, Path answer) {
        robot.interact(() -> workbench.useFilePicker(new FilePicker() {
            @Override
            public Optional<Path> open(Window owner, Optional<Path> near) {
                return Optional.of(answer);
            }

            @Override
            public Optional<Path> saveAs(Window owner, Optional<Path> current) {
                return Optional.of(answer);
            }
        }));
    }

    /** Waits, on the FX clock, for longer than information stays and fades. */
    private static void waitOutTheFade(FxRobot robot) throws InterruptedException {
        CountDownLatch passed = new CountDownLatch(1);
        robot.interact(() -> {
            PauseTransition p = new PauseTransition(StatusBarView.INFO_SHOWN.add(Duration.seconds(2)));
            p.setOnFinished(e -> passed.countDown());
            p.play();
        });
        assertThat(passed.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void informationIsNeutralAndFadesAnErrorIsRedAndStays(FxRobot robot) throws Exception {
        Path saved = files.resolve("saved.jsh");
        answerFileDialogsWith(robot, saved);
        robot.clickOn("#saveButton");
        waitUntil("the save is told", 10, () -> message(robot).equals("Saved " + saved));
        assertThat(messageClasses(robot)).contains("status-info").doesNotContain("status-error");
        waitUntil("the information fades away", 15, () -> message(robot).isEmpty());

        Path missing = files.resolve("missing.jsh");
        answerFileDialogsWith(robot, missing);
        robot.clickOn("#openButton");
        waitUntil("the failure is told", 10, () -> message(robot).startsWith("Could not open " + missing));
        assertThat(message(robot)).contains("choose another file");
        assertThat(messageClasses(robot)).contains("status-error").doesNotContain("status-info");
        waitOutTheFade(robot);
        assertThat(message(robot)).as("an error stays").startsWith("Could not open " + missing);
        assertThat(onFx(() ->
                        robot.lookup("#statusMessage").queryAs(Label.class).getOpacity()))
                .isEqualTo(1.0);
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void theMessageFollowsTheSelectedWorkerAndLeavesWithIt(FxRobot robot) throws Exception {
        WorkerViewModel healthy = newWorker(robot);
        CompletableFuture<WorkerViewModel> starting = onFx(() -> workbench
                .viewModel()
                .newWorker(WorkerSpec.builder()
                        .echoOutput(false)
                        .jvmArgs("-XX:+KilnNoSuchFlag")
                        .build()));
        WorkerViewModel broken = starting.get(30, TimeUnit.SECONDS);
        waitUntil(
                "the broken worker is selected and has exited",
                30,
                () -> broken.state() == WorkerState.EXITED
                        && workbench.viewModel().selected() == broken);
        waitUntil(
                "its start failure is told, in red",
                10,
                () -> message(robot).startsWith(broken.name() + " could not start")
                        && messageClasses(robot).contains("status-error"));
        assertThat(onFx(() -> robot.lookup("#statusMessage")
                        .queryAs(Label.class)
                        .getTooltip()
                        .getText()))
                .as("the whole reason is in the tooltip")
                .contains("KilnNoSuchFlag");
        assertThat(text(robot, "#statusText")).startsWith(broken.name()).contains("never started");

        select(robot, healthy);
        waitUntil(
                "the healthy worker shows no one else's failure",
                5,
                () -> message(robot).isEmpty());
        assertThat(text(robot, "#statusText")).startsWith(healthy.name()).contains("idle");

        select(robot, broken);
        waitUntil("its own failure is back", 5, () -> message(robot).startsWith(broken.name() + " could not start"));

        robot.press(KeyCode.DELETE).release(KeyCode.DELETE); // removes the exited worker
        waitUntil("it is removed", 10, () -> !workbench.viewModel().workers().contains(broken));
        waitUntil(
                "its failure left with it",
                5,
                () -> workbench.viewModel().selected() == healthy
                        && message(robot).isEmpty());
    }

    @Test
    void theNoWorkerHintGoesOnceAWorkerIsSelected(FxRobot robot) {
        focusEditor(robot);
        type(robot, Command.RUN.shortcut());
        waitUntil(
                "Run without a worker says what to do",
                5,
                () -> message(robot).startsWith("No worker selected: start one with " + Command.NEW_WORKER.label()));
        assertThat(text(robot, "#statusText")).startsWith("No worker selected");
        WorkerViewModel vm = newWorker(robot);
        waitUntil("the hint is gone", 5, () -> message(robot).isEmpty());
        assertThat(text(robot, "#statusText")).startsWith(vm.name());
    }
}
