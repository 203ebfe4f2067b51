package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerState;
import dev.kiln.app.model.OutputLine;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerInput;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Typed input: while the selected worker's code waits on {@code System.in}, an input line under
 * the output takes the keyboard; Enter sends the line and echoes it after the prompt, Ctrl+D ends
 * the input, and the line goes when the read is over (input came, or an interrupt ended it).
 */
class InputUiTest extends WorkbenchUiTestBase {
    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    /** Starts a run without waiting for it to end. */
    private void startRun(FxRobot robot, String code) {
        setCode(code);
        robot.clickOn("#runButton");
    }

    private void waitForTheInputLine(FxRobot robot) {
        waitUntil(
                "the input line is shown and has the keyboard",
                60,
                () -> showing(robot, "#inputLine")
                        && onFx(() -> robot.lookup("#inputBar").query().isVisible()
                                && robot.lookup("#inputLine").query().isFocused()));
    }

    private boolean inputBarShown(FxRobot robot) {
        return onFx(() -> robot.lookup("#inputBar").query().isVisible());
    }

    private static List<OutputLine> echoes(WorkerViewModel vm) {
        return onFx(
                () -> vm.output().lines().stream().filter(OutputLine::hasInput).toList());
    }

    @Test
    void aTypedLineReachesTheCodeAndIsEchoedAsInput(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        startRun(robot, "new java.util.Scanner(System.in).nextLine().toUpperCase()");
        waitForTheInputLine(robot);
        robot.write("kiln");
        robot.type(KeyCode.ENTER);
        waitUntil("the run is done", 30, () -> last(vm).status().isDone());
        assertThat(last(vm).summary()).isEqualTo("\"KILN\"");
        waitUntil("the input line goes", 10, () -> !inputBarShown(robot));
        assertThat(echoes(vm)).singleElement().satisfies(l -> {
            assertThat(l.text()).isEqualTo("kiln");
            assertThat(l.inputFrom()).isZero();
        });
        waitUntil(
                "the echo is drawn as input",
                10,
                () -> onFx(() -> robot.lookup("#outputView .input-echo")
                        .match((Label l) -> l.getText().equals("kiln"))
                        .tryQuery()
                        .isPresent()));
        // The focus went back to where it was (the Run button the test clicked).
        assertThat(onFx(() -> robot.lookup("#inputLine").query().isFocused())).isFalse();
    }

    @Test
    void twoReadsInARowShowTheirPromptsAndEchoEachLineAfterIt(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        startRun(
                robot,
                "var in = new java.util.Scanner(System.in);\n"
                        + "System.out.print(\"First: \");\n"
                        + "var a = in.nextLine();\n"
                        + "System.out.print(\"Second: \");\n"
                        + "a + \"+\" + in.nextLine()");
        waitForTheInputLine(robot);
        waitUntil(
                "the first prompt is shown",
                10,
                () -> text(robot, "#inputPrompt").equals("First:"));
        robot.write("one");
        robot.type(KeyCode.ENTER);
        waitUntil(
                "the second prompt is shown",
                30,
                () -> text(robot, "#inputPrompt").equals("Second:"));
        assertThat(onFx(() ->
                        robot.lookup("#inputLine").queryAs(TextField.class).isFocused()))
                .as("the line kept the keyboard between the reads")
                .isTrue();
        robot.write("two");
        robot.type(KeyCode.ENTER);
        waitUntil("the run is done", 30, () -> last(vm).status().isDone());
        assertThat(last(vm).summary()).isEqualTo("\"one+two\"");
        waitUntil("both lines are echoed", 10, () -> echoes(vm).size() == 2);
        assertThat(echoes(vm)).extracting(OutputLine::text).containsExactly("First: one", "Second: two");
        assertThat(echoes(vm)).extracting(OutputLine::inputFrom).containsExactly(7, 8);
        waitUntil("the input line goes", 10, () -> !inputBarShown(robot));
    }

    @Test
    void ctrlDEndsTheInput(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        startRun(robot, "var in = new java.util.Scanner(System.in);\nin.hasNextLine()");
        waitForTheInputLine(robot);
        // Control on every OS, as a terminal has it (not the OS's shortcut key).
        robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
        waitUntil("the run is done", 30, () -> last(vm).status().isDone());
        assertThat(last(vm).summary()).isEqualTo("false");
        assertThat(echoes(vm)).extracting(OutputLine::text).containsExactly(WorkerInput.END_ECHO);
        waitUntil("the input line goes", 10, () -> !inputBarShown(robot));
    }

    @Test
    void anInterruptEndsAWaitingReadAndTheInputLineGoes(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        startRun(robot, "new java.util.Scanner(System.in).nextLine()");
        waitForTheInputLine(robot);
        robot.clickOn("#interruptButton");
        waitUntil(
                "the run is interrupted and the worker idle",
                30,
                () -> last(vm).status() == ResultEntry.Status.INTERRUPTED && vm.state() == WorkerState.IDLE);
        waitUntil("the input line goes", 10, () -> !inputBarShown(robot));
        assertThat(echoes(vm)).isEmpty();

        // The worker goes on, and reads again when asked.
        ResultEntry next = run(robot, vm, "6 * 7");
        assertThat(next.summary()).isEqualTo("42");
    }
}
