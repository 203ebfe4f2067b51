package dev.kiln.app;

import static dev.kiln.app.UiLook.onFx;
import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerState;
import dev.kiln.app.editor.Candidates.Candidate;
import dev.kiln.app.model.WorkerViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Completion in a demo: every name, once, narrowed as one types, inserted right, inside the window. */
@ExtendWith(ApplicationExtension.class)
class CompletionUiTest {
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

    @BeforeEach
    void aWorkerToCompleteFrom(FxRobot robot) {
        robot.clickOn("#newWorkerButton");
        waitUntil(
                "a worker is listed", 15, () -> workbench.viewModel().workers().size() == 1);
        WorkerViewModel vm = workbench.viewModel().workers().get(0);
        waitUntil("it is idle", 60, () -> vm.state() == WorkerState.IDLE);
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

    // ------------------------------------------------------------------ helpers

    /** Puts {@code code} in the editor with the caret at its end, and presses Ctrl+Space. */
    private void complete(FxRobot robot, String code) {
        robot.interact(() -> {
            workbench.editor().setText(code);
            stage.requestFocus();
            workbench.editor().area().requestFocus();
            workbench.editor().area().moveTo(code.length());
        });
        robot.press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
        waitUntil(
                "the completion popup shows",
                30,
                () -> onFx(() -> workbench.editor().isCompleting()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static ListView<Candidate> list(FxRobot robot) {
        return robot.lookup("#completionList").queryAs(ListView.class);
    }

    private static List<String> names(FxRobot robot) {
        return onFx(() -> list(robot).getItems().stream().map(Candidate::text).toList());
    }

    private String text() {
        return onFx(() -> workbench.editor().getText());
    }

    private void type(FxRobot robot, KeyCode... keys) {
        robot.type(keys);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void mathDotOffersEveryNameOnceSoSqrtIsReachableAndTypingNarrowsToIt(FxRobot robot) {
        complete(robot, "Math.");
        List<String> all = names(robot);
        assertThat(all).contains("sqrt(", "pow(", "max(", "abs(", "PI");
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.size()).isGreaterThan(40);

        // Reachable with the keys: Down until sqrt( is chosen, then Enter inserts it.
        int at = all.indexOf("sqrt(");
        for (int i = 0; i < at; i++) {
            robot.type(KeyCode.DOWN);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> list(robot).getSelectionModel().getSelectedItem().text()))
                .isEqualTo("sqrt(");
        type(robot, KeyCode.ENTER);
        assertThat(text()).isEqualTo("Math.sqrt(");
        assertThat(onFx(() -> workbench.editor().isCompleting())).isFalse();

        // Typing narrows: "sq" leaves sqrt( alone, Enter inserts it.
        complete(robot, "Math.");
        type(robot, KeyCode.S, KeyCode.Q);
        assertThat(names(robot)).containsExactly("sqrt(");
        type(robot, KeyCode.ENTER);
        assertThat(text()).isEqualTo("Math.sqrt(");
    }

    @Test
    void typingMaNarrowsToMaxAndPickingReplacesWhatWasTyped(FxRobot robot) {
        complete(robot, "Math.m");
        assertThat(names(robot)).contains("max(", "min(");
        type(robot, KeyCode.A);
        assertThat(text()).isEqualTo("Math.ma");
        assertThat(names(robot)).containsExactly("max(");
        type(robot, KeyCode.ENTER);
        assertThat(text()).isEqualTo("Math.max(");

        complete(robot, "Math.m");
        type(robot, KeyCode.I);
        assertThat(names(robot)).first().isEqualTo("min(");
        type(robot, KeyCode.TAB);
        assertThat(text()).as("what was typed is replaced, not kept").isEqualTo("Math.min(");
    }

    @Test
    void thePopupClosesWhenNothingMatchesTheCaretLeavesTheWordOrEscape(FxRobot robot) {
        complete(robot, "Math.");
        type(robot, KeyCode.Z, KeyCode.Z);
        assertThat(onFx(() -> workbench.editor().isCompleting()))
                .as("nothing matches zz")
                .isFalse();
        assertThat(text()).isEqualTo("Math.zz");

        complete(robot, "Math.");
        type(robot, KeyCode.BACK_SPACE);
        assertThat(onFx(() -> workbench.editor().isCompleting()))
                .as("the caret went before the word")
                .isFalse();

        complete(robot, "Math.");
        type(robot, KeyCode.ESCAPE);
        assertThat(onFx(() -> workbench.editor().isCompleting())).as("Escape").isFalse();
        assertThat(text()).isEqualTo("Math.");
    }

    @Test
    void thePopupFitsInsideASmallWindowEvenWithTheCaretAtTheBottom(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(640);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // Enough lines that the last one sits low in the editor.
        String code = "int a = 1;\n".repeat(14) + "Math.";
        complete(robot, code);
        Node popup = robot.lookup("#completionPopup").query();
        double[] box = onFx(() -> {
            Window w = popup.getScene().getWindow();
            return new double[] {w.getX(), w.getY(), w.getWidth(), w.getHeight()};
        });
        assertThat(box[1]).as("top").isGreaterThanOrEqualTo(stage.getY());
        assertThat(box[1] + box[3]).as("bottom").isLessThanOrEqualTo(stage.getY() + stage.getHeight());
        assertThat(box[0] + box[2]).as("right").isLessThanOrEqualTo(stage.getX() + stage.getWidth());
        assertThat(onFx(() -> list(robot).getItems().size())).isGreaterThan(40);
    }

    @Test
    void theChosenNamesSignatureShowsUnderTheListWhenThereIsASource(FxRobot robot) {
        robot.interact(() -> workbench
                .editor()
                .setSignatureSource((text, cursor) -> CompletableFuture.completedFuture(
                        text.substring(0, cursor).endsWith("Math.sqrt(")
                                ? List.of("double Math.sqrt(double a)")
                                : List.of())));
        complete(robot, "Math.");
        Label signature = robot.lookup("#completionSignature").queryAs(Label.class);
        type(robot, KeyCode.S, KeyCode.Q);
        waitUntil(
                "the signature of sqrt shows",
                5,
                () -> onFx(() -> signature.isVisible() && signature.getText().equals("double Math.sqrt(double a)")));
        type(robot, KeyCode.BACK_SPACE, KeyCode.BACK_SPACE, KeyCode.P);
        waitUntil("a name without a signature shows none", 5, () -> onFx(() -> !signature.isVisible()));
    }
}
