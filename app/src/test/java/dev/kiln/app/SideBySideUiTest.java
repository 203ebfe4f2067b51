package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerSpec;
import dev.kiln.WorkerState;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.SideBySide;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.platform.Jdk;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Run on several workers: Ctrl-click selects a second worker in the list, Run sends the code to
 * both, and the results show side by side, a row per worker naming it, its JDK, its value and the
 * time. With {@code -Dkiln.screenshots=<folder>} it writes the README's screenshot of it.
 */
class SideBySideUiTest extends WorkbenchUiTestBase {
    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    /** The list's row showing {@code vm}. */
    private static Node row(FxRobot robot, WorkerViewModel vm) {
        return onFx(() -> robot.lookup("#workerList .worker-cell")
                .match((TreeCell<?> c) -> c.isVisible() && c.getItem() == vm)
                .queryAs(Node.class));
    }

    /** What the side-by-side table shows, as text, a line per row: "worker | jdk | value | time". */
    private static List<String> tableRows(FxRobot robot) {
        return onFx(() -> robot
                .lookup("#sideBySideView .table-row-cell")
                .match((TableRow<?> r) -> r.isVisible() && r.getItem() != null)
                .queryAllAs(TableRow.class)
                .stream()
                .sorted((a, b) -> Integer.compare(a.getIndex(), b.getIndex()))
                .map(r -> r.getChildrenUnmodifiable().stream()
                        .filter(n -> n instanceof TableCell<?, ?>)
                        .map(n -> ((TableCell<?, ?>) n).getText() == null ? "" : ((TableCell<?, ?>) n).getText())
                        .collect(Collectors.joining(" | ")))
                .toList());
    }

    /** Another installed JDK than the host's, if the machine has one (the comparison a user makes). */
    private static Path otherJdk() {
        int here = Jdk.current().feature();
        return Jdk.installed().stream()
                .filter(j -> j.feature() != here)
                .map(Jdk::home)
                .findFirst()
                .orElse(null);
    }

    @Test
    void runWithTwoWorkersSelectedShowsEachWorkersResultSideBySide(FxRobot robot) throws Exception {
        WorkerViewModel first = newWorker(robot);
        Path jdk = otherJdk();
        WorkerSpec spec = jdk == null
                ? WorkbenchViewModel.defaultSpec()
                : WorkbenchViewModel.defaultSpec().toBuilder().javaHome(jdk).build();
        WorkerViewModel second =
                onFx(() -> workbench.viewModel().newWorker(spec)).get(60, TimeUnit.SECONDS);
        waitUntil("the second worker is idle", 60, () -> second.state() == WorkerState.IDLE);
        waitUntil(
                "both know their JDK",
                10,
                () -> !first.javaVersionProperty().get().isEmpty()
                        && !second.javaVersionProperty().get().isEmpty());

        // One worker selected: Results shows its history, as always.
        robot.clickOn(row(robot, first));
        waitUntil(
                "one worker chosen",
                5,
                () -> onFx(() -> workbench.viewModel().chosenWorkers().equals(List.of(first))));
        assertThat(showing(robot, "#resultsView")).isTrue();

        // Ctrl-click (⌘ on macOS) adds the second.
        robot.press(KeyCode.SHORTCUT).clickOn(row(robot, second)).release(KeyCode.SHORTCUT);
        waitUntil(
                "both workers chosen",
                5,
                () -> onFx(() -> workbench.viewModel().chosenWorkers().equals(List.of(first, second))));
        waitUntil("the side-by-side table shows", 5, () -> showing(robot, "#sideBySideView"));
        assertThat(text(robot, "#resultsTitle")).isEqualTo("Results · 2 workers");
        assertThat(tableRows(robot)).hasSize(2);

        setCode("System.getProperty(\"java.version\") + \" in pid \" + ProcessHandle.current().pid()");
        robot.clickOn("#runButton");
        waitUntil(
                "both workers answered",
                60,
                () -> onFx(() -> {
                    SideBySide s = workbench.viewModel().sideBySideProperty().get();
                    return s != null && s.isDone();
                }));
        WaitForAsyncUtils.waitForFxEvents();

        SideBySide run = workbench.viewModel().sideBySideProperty().get();
        assertThat(run.rows()).extracting(SideBySide.Row::worker).containsExactly(first, second);
        for (SideBySide.Row r : run.rows()) {
            assertThat(r.entry().status()).isEqualTo(ResultEntry.Status.OK);
            // Each run is in its own worker's history too.
            assertThat(onFx(() -> last(r.worker()))).isSameAs(r.entry());
        }
        // Each row names its worker, its JDK, its value (from its own process) and the time.
        List<String> expected = List.of(expectedRow(first), expectedRow(second));
        waitUntil("the table shows both answers", 5, () -> {
            List<String> shown = tableRows(robot);
            return shown.size() == 2
                    && shown.get(0).matches(expected.get(0))
                    && shown.get(1).matches(expected.get(1));
        });

        // A row selected shows that worker's result in full below the table.
        robot.clickOn(onFx(() -> robot.lookup("#sideBySideView .table-row-cell")
                .match((TableRow<?> r) -> r.getIndex() == 1)
                .queryAs(Node.class)));
        waitUntil(
                "the second worker's result is shown in full",
                5,
                () -> onFx(() -> robot.lookup("#resultDetail")
                        .match((StyleClassedTextArea a) -> a.getScene() != null)
                        .queryAs(StyleClassedTextArea.class)
                        .getText()
                        .contains("in pid " + second.pid())));

        // What differs between JDKs shows at a glance: List.reversed() came with JDK 21. (The host's
        // JShell compiles, so the question is asked at run time, in each worker's own JDK.)
        setCode("// Has this JDK List.reversed()?\n"
                + "java.util.Arrays.stream(java.util.List.class.getMethods())\n"
                + "        .anyMatch(m -> m.getName().equals(\"reversed\"))");
        robot.clickOn("#runButton");
        waitUntil(
                "both workers answered again",
                60,
                () -> onFx(() -> {
                    SideBySide s = workbench.viewModel().sideBySideProperty().get();
                    return s != null && s != run && s.isDone();
                }));
        SideBySide reversed = workbench.viewModel().sideBySideProperty().get();
        for (SideBySide.Row r : reversed.rows()) {
            String version = r.worker().javaVersionProperty().get();
            assertThat(r.entry().summary())
                    .as("List.reversed() on JDK %s", version)
                    .isEqualTo(String.valueOf(Jdk.feature(version) >= 21));
        }
        WaitForAsyncUtils.waitForFxEvents();
        shoot(robot);

        // A plain click goes back to one worker and its own history.
        robot.clickOn(row(robot, second));
        waitUntil(
                "one worker chosen again",
                5,
                () -> onFx(() -> workbench.viewModel().chosenWorkers().equals(List.of(second))));
        waitUntil("its history shows", 5, () -> showing(robot, "#resultsView") && !showing(robot, "#sideBySideView"));
        assertThat(text(robot, "#resultsTitle")).isEqualTo("Results · " + second.name());
    }

    /** A table row's text as a pattern: name | JDK | "version in pid N" | a duration. */
    private static String expectedRow(WorkerViewModel w) {
        String version = w.javaVersionProperty().get();
        return Pattern.quote(w.name() + " | " + version + " | \"" + version + " in pid " + w.pid() + "\" | ")
                + "\\d+(\\.\\d+)? m?s";
    }

    /** Writes the README's screenshot when asked to ({@code -Dkiln.screenshots=docs/images}). */
    private void shoot(FxRobot robot) throws Exception {
        String dir = System.getProperty("kiln.screenshots");
        if (dir != null && !dir.isBlank()) {
            robot.moveTo("#editor");
            WaitForAsyncUtils.waitForFxEvents();
            UiLook.snapshot(stage.getScene(), Path.of(dir).resolve("side-by-side.png"));
        }
    }
}
