package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Results can be read in full: the selected result's whole value or error with its trace in a
 * selectable detail area under the list, copyable; durations are never cut short; a result's code
 * goes back into the editor at the caret, as one edit that Ctrl+Z takes back.
 */
class ResultsDetailUiTest extends WorkbenchUiTestBase {
    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    private static String detail(FxRobot robot) {
        return onFx(() -> robot.lookup("#resultDetail")
                .queryAs(StyleClassedTextArea.class)
                .getText());
    }

    private static String clipboard() {
        return onFx(() -> Clipboard.getSystemClipboard().getString());
    }

    @Test
    void aLongValueIsShownWholeInTheDetailAndTheDurationIsNeverCutShort(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        ResultEntry r = run(robot, vm, "\"kiln-\".repeat(2000) + \"end\"");
        assertThat(r.status()).isEqualTo(ResultEntry.Status.OK);
        String whole = "\"" + "kiln-".repeat(2000) + "end\"";
        waitUntil("the detail shows the whole value", 10, () -> detail(robot).equals(whole));
        StyleClassedTextArea area = robot.lookup("#resultDetail").queryAs(StyleClassedTextArea.class);
        assertThat(area.isEditable()).isFalse();

        // The list's line gives way (it is far wider than the pane); the duration is drawn whole.
        Label duration = robot.lookup("#resultsView .result-duration").queryAs(Label.class);
        String drawn = onFx(() -> ((Text) duration.lookup(".text")).getText());
        assertThat(duration.getText()).matches("\\d+ ms|\\d+\\.\\d\\d s");
        assertThat(drawn).isEqualTo(duration.getText());
        Label value = robot.lookup("#resultsView .result-value").queryAs(Label.class);
        String valueDrawn = onFx(() -> ((Text) value.lookup(".text")).getText());
        assertThat(valueDrawn.length())
                .as("the one-line summary gives way")
                .isLessThan(value.getText().length());

        robot.clickOn("#copyResultButton");
        waitUntil("Copy put the whole value on the clipboard", 5, () -> whole.equals(clipboard()));
    }

    @Test
    void anErrorShowsItsWholeStackTraceAndTheDetailFollowsTheSelection(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        ResultEntry ok = run(robot, vm, "6 * 7");
        ResultEntry failed = run(
                robot,
                vm,
                "int depth(int n) { if (n == 0) throw new IllegalStateException(\"bottom reached\"); return depth(n - 1); }\n"
                        + "depth(3)");
        assertThat(failed.status()).isEqualTo(ResultEntry.Status.ERROR);
        waitUntil(
                "the newest result, the error, is shown in full",
                10,
                () -> detail(robot).contains("IllegalStateException: bottom reached"));
        String trace = detail(robot);
        // The trace names the snippet frames, innermost first, down to the statement that ran; the
        // machinery under it is folded into one line.
        List<String> lines = trace.lines().toList();
        assertThat(lines.get(lines.size() - 2)).matches("    at \\(#\\d+:1\\)  editor line 2");
        assertThat(lines.get(lines.size() - 1)).matches("    ▸ \\d+ internal frames?");
        // Every frame of the recursion is there: the trace is not cut to one line.
        assertThat(trace.lines().filter(l -> l.contains("at ") && l.contains("depth")))
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(robot.lookup("#resultDetail")
                        .queryAs(StyleClassedTextArea.class)
                        .getStyleClass())
                .contains("error");

        robot.clickOn(resultCell(robot, ok));
        waitUntil("the detail follows the selection", 5, () -> detail(robot).equals("42"));

        // Ctrl+C on the list copies the selected result in full.
        robot.clickOn(resultCell(robot, failed));
        waitUntil("the error is selected again", 5, () -> detail(robot).equals(trace));
        robot.press(KeyCode.SHORTCUT, KeyCode.C).release(KeyCode.C, KeyCode.SHORTCUT);
        // As the JDK prints it, without the machinery's frames: ready to paste.
        waitUntil("Ctrl+C copied the whole trace", 5, () -> failed.detail().equals(clipboard()));
        assertThat(failed.detail()).startsWith("java.lang.IllegalStateException: bottom reached\n\tat depth (#");
    }

    @Test
    void recallingAResultInsertsItsCodeAtTheCaretAsOneUndoableEdit(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        ResultEntry r = run(robot, vm, "6 * 7");
        setCode("int a = 1;\nint b = 2;");
        focusEditor(robot);
        robot.interact(() -> workbench.editor().area().moveTo(1, 0)); // start of line 2
        robot.type(KeyCode.X); // typing just before the recall: a separate undo step
        assertThat(workbench.editor().getText()).isEqualTo("int a = 1;\nxint b = 2;");
        robot.interact(() -> workbench.editor().area().moveTo(1, 0));

        robot.doubleClickOn(resultCell(robot, r));
        waitUntil(
                "the code is inserted at the caret, on a line of its own",
                5,
                () -> workbench.editor().getText().equals("int a = 1;\n6 * 7\nxint b = 2;"));
        assertThat(onFx(() -> workbench.editor().area().getSelectedText()))
                .as("the recalled code is selected, so Run runs just that")
                .isEqualTo("6 * 7");

        focusEditor(robot);
        robot.press(KeyCode.SHORTCUT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHORTCUT);
        waitUntil(
                "one Ctrl+Z takes the recall back, and only it",
                5,
                () -> workbench.editor().getText().equals("int a = 1;\nxint b = 2;"));
    }

    @Test
    void enterAndTheInsertButtonRecallTheSelectedResult(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        ResultEntry r = run(robot, vm, "\"again\"");
        setCode("");
        robot.clickOn(resultCell(robot, r));
        robot.type(KeyCode.ENTER);
        waitUntil(
                "Enter inserted the code", 5, () -> workbench.editor().getText().equals("\"again\""));
        setCode("");
        robot.clickOn("#recallResultButton");
        waitUntil(
                "the button inserted it", 5, () -> workbench.editor().getText().equals("\"again\""));
        ListView<?> list = robot.lookup("#resultsView").queryAs(ListView.class);
        assertThat(list.getSelectionModel().getSelectedItem()).isSameAs(r);
    }
}
