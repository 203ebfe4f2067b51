package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.app.editor.EditorMark;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.TwoDimensional;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Traces point at the editor: an error shows its real class and causes, frames of the run's code
 * read like the jshell tool's and lead to their editor lines, the machinery's frames fold, the line
 * where the code threw is marked, and compile errors of a selection are told in editor lines.
 */
class TracesUiTest extends WorkbenchUiTestBase {
    private static final String DIVIDE =
            "// a division, then its use\n" + "int divide(int a, int b) { return a / b; }\n" + "divide(1, 0)";

    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    private static StyleClassedTextArea detailArea(FxRobot robot) {
        return robot.lookup("#resultDetail").queryAs(StyleClassedTextArea.class);
    }

    private static String detail(FxRobot robot) {
        return onFx(() -> detailArea(robot).getText());
    }

    /** Clicks {@code piece} of the result detail's text, as a person would (scrolled into view first). */
    private static void clickInDetail(FxRobot robot, String piece) {
        StyleClassedTextArea area = detailArea(robot);
        int at = onFx(() -> area.getText().indexOf(piece));
        assertThat(at).as("'%s' in the detail", piece).isNotNegative();
        robot.interact(() -> area.showParagraphInViewport(
                area.offsetToPosition(at, TwoDimensional.Bias.Forward).getMajor()));
        Bounds b = onFx(
                () -> area.getCharacterBoundsOnScreen(at, at + piece.length()).orElseThrow());
        robot.clickOn(new Point2D(b.getCenterX(), b.getCenterY()));
    }

    private int caretLine() {
        return onFx(() -> workbench.editor().area().getCurrentParagraph());
    }

    private List<EditorMark> marks(EditorMark.Kind kind) {
        return onFx(() -> workbench.editor().marks().stream()
                .filter(m -> m.kind() == kind)
                .toList());
    }

    @Test
    void aRuntimeErrorsFramesLeadToTheirEditorLinesAndTheLineWhereItThrewIsMarked(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        ResultEntry r = run(robot, vm, DIVIDE);
        assertThat(r.status()).isEqualTo(ResultEntry.Status.ERROR);
        assertThat(r.summary()).isEqualTo("java.lang.ArithmeticException: / by zero");
        waitUntil("the trace is shown", 10, () -> detail(robot).startsWith("java.lang.ArithmeticException"));
        List<String> lines = detail(robot).lines().toList();
        assertThat(lines.get(0)).isEqualTo("java.lang.ArithmeticException: / by zero");
        // Read like the jshell tool, each frame of the run's code with its editor line.
        assertThat(lines.get(1)).matches("    at divide \\(#\\d+:\\d+\\)  editor line 2");
        assertThat(lines.get(2)).matches("    at \\(#\\d+:1\\)  editor line 3");
        assertThat(lines.get(3)).matches("    ▸ \\d+ internal frames?");
        assertThat(lines).hasSize(4);

        // The line where it threw is marked in the editor: underlined, a dot in the gutter.
        waitUntil(
                "the runtime error is marked",
                10,
                () -> !marks(EditorMark.Kind.RUNTIME_ERROR).isEmpty());
        assertThat(marks(EditorMark.Kind.RUNTIME_ERROR)).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(1);
            assertThat(m.message()).isEqualTo("java.lang.ArithmeticException: / by zero");
        });
        assertThat(onFx(() -> workbench.editor().area().getStyleAtPosition(DIVIDE.indexOf("return") + 1)))
                .contains("runtime-error");
        waitUntil(
                "the gutter shows the dot",
                10,
                () -> onFx(() -> robot.lookup("#editor .error-marker-on")
                                .queryAll()
                                .size())
                        == 1);

        // A click on a frame puts the caret on its line and marks it.
        clickInDetail(robot, "divide (#");
        waitUntil("the caret went to editor line 2", 5, () -> caretLine() == 1);
        assertThat(onFx(() -> workbench.editor().area().isFocused())).isTrue();
        assertThat(marks(EditorMark.Kind.FRAME))
                .singleElement()
                .satisfies(m -> assertThat(m.line()).isEqualTo(1));
        clickInDetail(robot, "editor line 3");
        waitUntil("the caret went to editor line 3", 5, () -> caretLine() == 2);
        assertThat(marks(EditorMark.Kind.FRAME))
                .singleElement()
                .satisfies(m -> assertThat(m.line()).isEqualTo(2));
        assertThat(onFx(() -> workbench.editor().area().getStyleAtPosition(DIVIDE.indexOf("divide(1") + 1)))
                .contains("frame-line");

        // The machinery's frames unfold and fold again.
        clickInDetail(robot, "internal frame");
        waitUntil("the internal frames are shown", 5, () -> detail(robot).contains("    ▾ "));
        assertThat(detail(robot).lines().filter(l -> l.startsWith("      at ")).count())
                .isEqualTo(Long.parseLong(lines.get(3).replaceAll("\\D", "")));
        clickInDetail(robot, "internal frame");
        waitUntil("folded again", 5, () -> detail(robot).lines().count() == 4);

        // An edit clears the marks; the code moved down two lines, and the frame still finds its line.
        robot.interact(() -> workbench.editor().area().insertText(0, "\n\n"));
        assertThat(onFx(() -> workbench.editor().marks())).isEmpty();
        clickInDetail(robot, "divide (#");
        waitUntil("the caret went to the line's new place", 5, () -> caretLine() == 3);

        // Code no longer in the editor: the status bar says so, the caret stays.
        setCode("1 + 1");
        clickInDetail(robot, "divide (#");
        waitUntil(
                "the status bar tells why",
                5,
                () -> text(robot, "#statusMessage").contains("no longer in the editor"));
    }

    /** Selects {@code [from, to)} of the editor and runs it; waits until the run is done. */
    private ResultEntry runSelection(FxRobot robot, WorkerViewModel vm, int from, int to) {
        int before = onFx(() -> vm.results().size());
        robot.interact(() -> workbench.editor().area().selectRange(from, to));
        robot.clickOn("#runButton");
        waitUntil(
                "the run is done",
                60,
                () -> vm.results().size() > before && last(vm).status().isDone());
        return last(vm);
    }

    @Test
    void aCausedByChainShowsEachRealClassAndMarksTheThrowingLineUntilTheNextRun(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        String code = "void fail() {\n"
                + "    throw new RuntimeException(new NumberFormatException(\"x\"));\n"
                + "}\n"
                + "fail()\n"
                + "\"fine\"";
        setCode(code);
        ResultEntry r = runSelection(robot, vm, 0, code.indexOf("\n\"fine"));
        assertThat(r.status()).isEqualTo(ResultEntry.Status.ERROR);
        assertThat(r.summary()).isEqualTo("java.lang.RuntimeException: java.lang.NumberFormatException: x");
        waitUntil("the trace is shown", 10, () -> detail(robot).startsWith("java.lang.RuntimeException"));
        String trace = detail(robot);
        assertThat(trace).contains("\nCaused by: java.lang.NumberFormatException: x\n");
        assertThat(trace).containsPattern("    at fail \\(#\\d+:2\\)  editor line 2\n");
        assertThat(trace).doesNotContain("UserException").doesNotContain("dev.kiln.");
        waitUntil(
                "the throwing line is marked",
                10,
                () -> !marks(EditorMark.Kind.RUNTIME_ERROR).isEmpty());
        assertThat(marks(EditorMark.Kind.RUNTIME_ERROR)).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(1);
            assertThat(m.start()).as("from the code, not the indent").isEqualTo("void fail() {\n    ".length());
        });

        // The next run clears the mark; the text is the same.
        ResultEntry fine = runSelection(robot, vm, code.indexOf("\"fine"), code.length());
        assertThat(fine.summary()).isEqualTo("\"fine\"");
        assertThat(onFx(() -> workbench.editor().marks())).isEmpty();
        assertThat(workbench.editor().getText()).isEqualTo(code);
    }

    @Test
    void aCompileErrorInASelectionIsToldInEditorLinesAndColumns(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("int a = 1;\nint b = 2;\n\n// then\nint ok = 1; int y = \"s\";");
        focusEditor(robot);
        String text = workbench.editor().getText();
        int from = text.indexOf("int y");
        robot.interact(() -> workbench.editor().area().selectRange(from, text.length()));
        robot.clickOn("#runButton");
        waitUntil(
                "the run failed",
                60,
                () -> last(vm) != null && last(vm).status().isDone());
        ResultEntry r = last(vm);
        assertThat(r.status()).isEqualTo(ResultEntry.Status.ERROR);
        // Line 5 of the editor, column 21: where "s" stands in the editor, not in the selection.
        assertThat(r.summary()).startsWith("line 5, column 21: incompatible types");
        waitUntil("the detail says it too", 10, () -> detail(robot).startsWith("line 5, column 21: "));
        waitUntil(
                "the mark is on line 5",
                10,
                () -> !marks(EditorMark.Kind.COMPILE_ERROR).isEmpty());
        assertThat(marks(EditorMark.Kind.COMPILE_ERROR)).singleElement().satisfies(m -> {
            assertThat(m.line()).isEqualTo(4);
            assertThat(m.start()).isEqualTo(text.indexOf("\"s\""));
        });
        // the gutter draws the marker on its next layout pass
        waitUntil(
                "the gutter marks the line",
                5,
                () -> onFx(() ->
                        robot.lookup("#editor .error-marker-on").tryQuery().isPresent()));

        // Typing clears it.
        focusEditor(robot);
        robot.type(KeyCode.END);
        robot.write(" ");
        waitUntil(
                "the mark is gone",
                5,
                () -> onFx(() -> workbench.editor().marks().isEmpty()));
    }
}
