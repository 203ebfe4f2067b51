package dev.kiln.app;

import static dev.kiln.app.UiLook.onFx;
import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerSpec;
import dev.kiln.WorkerState;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The New worker dialog: readable, its errors whole and in the user's words, flags checked by the JVM. */
@ExtendWith(ApplicationExtension.class)
class NewWorkerDialogUiTest {
    @TempDir
    Path config;

    private Workbench workbench;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        workbench = Workbench.show(stage, new Settings(config), () -> {});
        stage.requestFocus();
    }

    @AfterEach
    void closeStopsEveryWorker(FxRobot robot) throws Exception {
        if (robot.lookup("#newWorkerName").tryQuery().isPresent()) {
            robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
            waitUntil(
                    "the dialog is closed",
                    10,
                    () -> robot.lookup("#newWorkerName").tryQuery().isEmpty());
        }
        CompletableFuture<Void> closed =
                WaitForAsyncUtils.asyncFx(() -> workbench.close()).get(10, TimeUnit.SECONDS);
        closed.get(60, TimeUnit.SECONDS);
        for (WorkerViewModel vm : workbench.viewModel().workers()) {
            assertThat(vm.worker().isRunning())
                    .as("worker %s after close", vm.name())
                    .isFalse();
        }
    }

    // ------------------------------------------------------------------ helpers

    private void openDialog(FxRobot robot) {
        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        robot.press(KeyCode.SHORTCUT, KeyCode.N).release(KeyCode.N, KeyCode.SHORTCUT);
        waitUntil(
                "the dialog is open",
                10,
                () -> robot.lookup("#newWorkerName").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void fill(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryTextInputControl().setText(text));
    }

    private static DialogPane pane(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    private static Label message(FxRobot robot) {
        return robot.lookup("#newWorkerError").queryAs(Label.class);
    }

    /** Waits until the dialog's message is shown and says {@code part}, and asserts it is whole. */
    private static String waitForMessage(FxRobot robot, String part) {
        waitUntil(
                "the dialog says " + part,
                30,
                () -> onFx(() ->
                        message(robot).isVisible() && message(robot).getText().contains(part)));
        WaitForAsyncUtils.waitForFxEvents();
        Label m = message(robot);
        return onFx(() -> {
            assertThat(UiLook.cutOff(pane(robot))).as("cut off in the dialog").isEmpty();
            assertThat(m.getHeight()).as("the message's height").isGreaterThanOrEqualTo(m.prefHeight(m.getWidth()) - 1);
            return m.getText();
        });
    }

    // ------------------------------------------------------------------ tests

    @Test
    void everyLabelIsWholeAtNormalSizeAndOnAProjector(FxRobot robot) {
        openDialog(robot);
        assertThat(onFx(() -> UiLook.cutOff(pane(robot)))).isEmpty();
        assertThat(onFx(() ->
                        robot.lookup("#newWorkerHeap").queryTextInputControl().getPromptText()))
                .contains("512 means 512 MB");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(
                "the dialog is closed",
                10,
                () -> robot.lookup("#newWorkerName").tryQuery().isEmpty());

        robot.interact(() -> {
            for (int i = 0; i < 3; i++) {
                workbench.viewOptions().zoomIn();
            }
        });
        openDialog(robot);
        assertThat(onFx(() -> robot.lookup("#newWorkerName")
                        .queryTextInputControl()
                        .getFont()
                        .getSize()))
                .isEqualTo(20);
        assertThat(onFx(() -> UiLook.cutOff(pane(robot)))).as("zoomed").isEmpty();
    }

    @Test
    void aFolderThatIsNotAJdkIsExplainedInFullAndTheDialogStays(FxRobot robot, @TempDir Path notAJdk) {
        openDialog(robot);
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<String> jdk = robot.lookup("#newWorkerJdk").queryAs(ComboBox.class);
            jdk.getEditor().setText(notAJdk.toString());
        });
        robot.clickOn("#newWorkerStart");
        String said = waitForMessage(robot, "not a JDK");
        assertThat(said)
                .isEqualTo("That folder is not a JDK: " + notAJdk
                        + " has no bin/java. Choose the folder that contains bin/java.");
        assertThat(workbench.viewModel().workers()).isEmpty();
    }

    @Test
    void aBareHeapSizeIsMegabytesAndTheWorkerGetsIt(FxRobot robot) {
        openDialog(robot);
        fill(robot, "#newWorkerName", "small");
        fill(robot, "#newWorkerHeap", "96");
        robot.clickOn("#newWorkerStart");
        waitUntil(
                "the worker is listed",
                30,
                () -> workbench.viewModel().workers().size() == 1);
        WorkerViewModel vm = workbench.viewModel().workers().get(0);
        waitUntil("it is idle", 60, () -> vm.state() == WorkerState.IDLE);
        assertThat(vm.worker().spec().jvmArgs()).containsExactly("-Xmx96m");
        robot.interact(() -> workbench.editor().setText("Runtime.getRuntime().maxMemory() >> 20"));
        robot.clickOn("#runButton");
        waitUntil(
                "the run finished",
                60,
                () -> !vm.results().isEmpty() && vm.results().get(0).status().isDone());
        ResultEntry r = vm.results().get(0);
        assertThat(r.status()).isEqualTo(ResultEntry.Status.OK);
        assertThat(Long.parseLong(r.summary())).as("max heap in MB").isBetween(80L, 96L);
    }

    @Test
    void lowCpuPriorityIsCheckedAtFirstAndWhatTheUserChoseIsKeptForTheNextWorker(FxRobot robot) {
        openDialog(robot);
        assertThat(onFx(() -> lowPriorityBox(robot).isSelected())).isTrue();
        assertThat(onFx(() -> lowPriorityBox(robot).getText()))
                .isEqualTo("Low CPU priority (keeps the workbench responsive)");
        fill(robot, "#newWorkerName", "low");
        robot.clickOn("#newWorkerStart");
        waitUntil(
                "the first worker is listed",
                30,
                () -> workbench.viewModel().workers().size() == 1);
        assertThat(workbench.viewModel().workers().get(0).worker().spec().lowPriority())
                .isTrue();

        openDialog(robot);
        robot.clickOn("#newWorkerLowPriority");
        assertThat(onFx(() -> lowPriorityBox(robot).isSelected())).isFalse();
        fill(robot, "#newWorkerName", "normal");
        robot.clickOn("#newWorkerStart");
        waitUntil(
                "the second worker is listed",
                30,
                () -> workbench.viewModel().workers().size() == 2);
        WorkerViewModel normal = workbench.viewModel().workers().get(1);
        assertThat(normal.worker().spec().lowPriority()).isFalse();
        waitUntil("it is idle", 60, () -> normal.state() == WorkerState.IDLE);

        openDialog(robot);
        assertThat(onFx(() -> lowPriorityBox(robot).isSelected()))
                .as("unchecked last time")
                .isFalse();
    }

    private static CheckBox lowPriorityBox(FxRobot robot) {
        return robot.lookup("#newWorkerLowPriority").queryAs(CheckBox.class);
    }

    @Test
    void aFlagTheJvmRefusesIsShownInItsOwnWordsAndNothingStarts(FxRobot robot) {
        openDialog(robot);
        fill(robot, "#newWorkerFlags", "-XX:+UseSerialGC -Xmx=garbage");
        robot.clickOn("#newWorkerStart");
        String said = waitForMessage(robot, "Invalid maximum heap size");
        assertThat(said)
                .startsWith("The JVM does not start with these settings: Invalid maximum heap size: -Xmx=garbage")
                .endsWith("then press Start again.");
        assertThat(workbench.viewModel().workers()).isEmpty();

        // Fixed, it starts, with the flags the user gave.
        fill(robot, "#newWorkerFlags", "-XX:+UseSerialGC");
        robot.clickOn("#newWorkerStart");
        waitUntil(
                "the worker is listed",
                30,
                () -> workbench.viewModel().workers().size() == 1);
        WorkerViewModel vm = workbench.viewModel().workers().get(0);
        assertThat(vm.worker().spec().jvmArgs()).containsExactly("-XX:+UseSerialGC");
        waitUntil("it is idle", 60, () -> vm.state() == WorkerState.IDLE);
        assertThat(robot.lookup("#newWorkerName").tryQuery())
                .as("the dialog closed")
                .isEmpty();
    }

    @Test
    void aWorkerThatFailedToStartShowsTheFlagsItWasGiven(FxRobot robot) {
        // A spec from elsewhere (a restart, a saved one) is not checked first: its worker fails to start.
        WorkerSpec bad = WorkerSpec.builder()
                .name("broken")
                .echoOutput(false)
                .jvmArgs(List.of("-Xmx64m", "-XX:+KilnNoSuchFlag"))
                .build();
        robot.interact(() -> workbench.viewModel().newWorker(bad));
        waitUntil(
                "the worker is listed",
                30,
                () -> workbench.viewModel().workers().size() == 1);
        WorkerViewModel vm = workbench.viewModel().workers().get(0);
        waitUntil("it exited", 60, () -> vm.state() == WorkerState.EXITED);
        waitUntil(
                "the details show its flags",
                10,
                () -> onFx(() -> robot.lookup("#detail-flags")
                                .queryAs(Label.class)
                                .getText())
                        .equals("-Xmx64m -XX:+KilnNoSuchFlag"));
    }
}
