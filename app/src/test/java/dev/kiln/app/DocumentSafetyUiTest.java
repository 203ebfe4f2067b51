package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerState;
import dev.kiln.app.command.Command;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.app.view.FilePicker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Work is never destroyed without asking: unsaved changes show in the title and are asked about
 * before Open, New document and Quit; Save writes to the current file, Save as asks; Stop, Restart
 * and Quit ask while code runs; in every question Cancel, not the destructive button, is the default.
 */
class DocumentSafetyUiTest extends WorkbenchUiTestBase {
    @TempDir
    Path files;

    /** Answers the file dialogs as a person would, and remembers that it was asked. */
    private final Deque<Path> answers = new ArrayDeque<>();

    private final List<String> asked = new ArrayList<>();

    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    @BeforeEach
    void answerFileDialogs(FxRobot robot) {
        robot.interact(() -> workbench.useFilePicker(new FilePicker() {
            @Override
            public Optional<Path> open(Window owner, Optional<Path> near) {
                asked.add("open");
                return Optional.ofNullable(answers.poll());
            }

            @Override
            public Optional<Path> saveAs(Window owner, Optional<Path> current) {
                asked.add("saveAs");
                return Optional.ofNullable(answers.poll());
            }
        }));
    }

    private String title() {
        return onFx(stage::getTitle);
    }

    private String editorText() {
        return onFx(() -> workbench.editor().getText());
    }

    private void typeInEditor(FxRobot robot, String text) {
        focusEditor(robot);
        robot.interact(() ->
                workbench.editor().area().moveTo(workbench.editor().getText().length()));
        robot.write(text);
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryButton();
    }

    /** The question's buttons: the destructive one is not the default, Cancel is. */
    private static void assertCancelIsTheDefault(FxRobot robot, String dialog, String destructive) {
        waitUntil(dialog + " is shown", 10, () -> showing(robot, "#" + dialog));
        assertThat(button(robot, "#" + dialog + destructive).isDefaultButton())
                .as(destructive + " is never the default")
                .isFalse();
        assertThat(button(robot, "#" + dialog + "Cancel").isDefaultButton())
                .as("Cancel is the default")
                .isTrue();
    }

    @Test
    void saveWritesToTheCurrentFileSaveAsAsksAndTheTitleMarksUnsavedChanges(FxRobot robot) throws Exception {
        setCode("");
        assertThat(title()).isEqualTo("Kiln");
        typeInEditor(robot, "int a = 1;");
        waitUntil("the title marks the unsaved text", 5, () -> title().equals("• Untitled — Kiln"));

        Path demo = files.resolve("demo.jsh");
        answers.add(demo);
        focusEditor(robot);
        type(robot, Command.SAVE.shortcut());
        waitUntil("the first save wrote the file", 10, () -> Files.isRegularFile(demo));
        assertThat(asked).as("the first Save asks for a name").containsExactly("saveAs");
        assertThat(Files.readString(demo, StandardCharsets.UTF_8)).isEqualTo("int a = 1;");
        waitUntil("the title names the file, unmarked", 5, () -> title().equals("demo.jsh — Kiln"));

        typeInEditor(robot, " int b = 2;");
        waitUntil("the title marks the change", 5, () -> title().equals("• demo.jsh — Kiln"));
        type(robot, Command.SAVE.shortcut());
        waitUntil(
                "Save wrote the current file again",
                10,
                () -> Files.readString(demo, StandardCharsets.UTF_8).equals("int a = 1; int b = 2;"));
        assertThat(asked).as("without asking again").containsExactly("saveAs");
        waitUntil("the mark is gone", 5, () -> title().equals("demo.jsh — Kiln"));

        Path copy = files.resolve("copy.jsh");
        answers.add(copy);
        type(robot, Command.SAVE_AS.shortcut());
        waitUntil("Save as wrote the new file", 10, () -> Files.isRegularFile(copy));
        assertThat(asked).containsExactly("saveAs", "saveAs");
        waitUntil("the title names the new file", 5, () -> title().equals("copy.jsh — Kiln"));
    }

    @Test
    void openAsksBeforeReplacingUnsavedTextCancelKeepsItDontSaveReplacesIt(FxRobot robot) throws Exception {
        Path other = Files.writeString(files.resolve("other.jsh"), "\"other\"", StandardCharsets.UTF_8);
        setCode("int precious = 42;");
        robot.clickOn("#openButton");
        assertCancelIsTheDefault(robot, "saveChangesDialog", "DontSave");
        assertThat(asked).as("no file is picked before the answer").isEmpty();
        robot.clickOn("#saveChangesDialogCancel");
        waitUntil("the question is gone", 5, () -> !showing(robot, "#saveChangesDialog"));
        assertThat(editorText()).isEqualTo("int precious = 42;");
        assertThat(asked).isEmpty();

        // Enter answers the default, Cancel: still nothing lost.
        robot.clickOn("#openButton");
        waitUntil("asked again", 10, () -> showing(robot, "#saveChangesDialog"));
        robot.type(KeyCode.ENTER);
        waitUntil("Enter cancelled", 5, () -> !showing(robot, "#saveChangesDialog"));
        assertThat(editorText()).isEqualTo("int precious = 42;");

        answers.add(other);
        robot.clickOn("#openButton");
        waitUntil("asked again", 10, () -> showing(robot, "#saveChangesDialog"));
        robot.clickOn("#saveChangesDialogDontSave");
        waitUntil("the file replaced the text", 10, () -> editorText().equals("\"other\""));
        assertThat(asked).containsExactly("open");
        waitUntil("the title names it, unmarked", 5, () -> title().equals("other.jsh — Kiln"));
    }

    @Test
    void newDocumentOffersToSaveFirstAndSaveKeepsTheTextInAFile(FxRobot robot) throws Exception {
        setCode("int keep = 7;");
        Path kept = files.resolve("kept.jsh");
        answers.add(kept);
        robot.clickOn("#" + Command.NEW_DOCUMENT.id());
        waitUntil("asked", 10, () -> showing(robot, "#saveChangesDialog"));
        robot.clickOn("#saveChangesDialogSave");
        waitUntil("the editor is empty", 10, () -> editorText().isEmpty());
        assertThat(Files.readString(kept, StandardCharsets.UTF_8)).isEqualTo("int keep = 7;");
        assertThat(title()).isEqualTo("Kiln");
    }

    @Test
    void quitAsksAboutAFilesChangesAndAboutBusyWorkers(FxRobot robot) throws Exception {
        WorkerViewModel vm = newWorker(robot);
        Path f = Files.writeString(files.resolve("work.jsh"), "Thread.sleep(60_000)", StandardCharsets.UTF_8);
        answers.add(f);
        robot.clickOn("#openButton"); // nothing unsaved yet: opens at once
        waitUntil("the file is open", 10, () -> title().equals("work.jsh — Kiln"));
        robot.clickOn("#runButton");
        waitUntil(
                "the run is running",
                60,
                () -> last(vm) != null
                        && last(vm).status() == ResultEntry.Status.RUNNING
                        && vm.state() == WorkerState.BUSY);
        typeInEditor(robot, " ");
        waitUntil("marked", 5, () -> title().startsWith("• "));

        focusEditor(robot);
        type(robot, Command.QUIT.shortcut());
        assertCancelIsTheDefault(robot, "saveChangesDialog", "DontSave");
        robot.clickOn("#saveChangesDialogDontSave");
        assertCancelIsTheDefault(robot, "quitDialog", "Confirm");
        assertThat(text(robot, "#quitDialog .content")).contains(vm.name()).contains("running code");
        robot.clickOn("#quitDialogCancel");
        waitUntil("the question is gone", 5, () -> !showing(robot, "#quitDialog"));
        assertThat(stage.isShowing()).as("Cancel keeps the window").isTrue();
        assertThat(vm.worker().isRunning()).as("and the worker").isTrue();

        focusEditor(robot);
        type(robot, Command.QUIT.shortcut());
        waitUntil("asked about the file again", 10, () -> showing(robot, "#saveChangesDialog"));
        robot.clickOn("#saveChangesDialogDontSave");
        waitUntil("asked about the busy worker", 10, () -> showing(robot, "#quitDialog"));
        robot.clickOn("#quitDialogConfirm");
        waitUntil(
                "the window closed and the worker is gone",
                30,
                () -> !stage.isShowing() && !vm.worker().isRunning());
    }

    @Test
    void stopAsksWhileCodeRunsButNotWhenIdleAndKillsDialogDefaultsToCancel(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("Thread.sleep(60_000)");
        robot.clickOn("#runButton");
        waitUntil("the run is running", 60, () -> vm.state() == WorkerState.BUSY);
        robot.clickOn("#stopButton");
        assertCancelIsTheDefault(robot, "stopDialog", "Confirm");
        robot.clickOn("#stopDialogCancel");
        waitUntil("the question is gone", 5, () -> !showing(robot, "#stopDialog"));
        assertThat(vm.state()).as("Cancel keeps it running").isEqualTo(WorkerState.BUSY);

        robot.clickOn("#killButton");
        assertCancelIsTheDefault(robot, "killDialog", "Confirm");
        robot.type(KeyCode.ENTER);
        waitUntil("Enter cancelled the kill", 5, () -> !showing(robot, "#killDialog"));
        assertThat(vm.worker().isRunning()).isTrue();

        robot.clickOn("#interruptButton");
        waitUntil("interrupted, idle", 15, () -> vm.state() == WorkerState.IDLE && !vm.isBusy());
        robot.clickOn("#stopButton");
        waitUntil("an idle worker stops without a question", 20, () -> vm.state() == WorkerState.EXITED);
        assertThat(showing(robot, "#stopDialog")).isFalse();
    }
}
