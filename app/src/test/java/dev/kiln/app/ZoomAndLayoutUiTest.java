package dev.kiln.app;

import static dev.kiln.app.UiLook.onFx;
import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.app.command.Command;
import dev.kiln.app.model.EditorDocument;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.ViewOptions;
import dev.kiln.app.model.WorkerViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window at a projector and on a small screen: zoom scales everything and is remembered,
 * the chart folds away, and from 1024×640 up no header, button, worker row or short result is
 * cut to "…". With {@code -Dkiln.screenshots=<folder>} it also writes the README's screenshots.
 */
class ZoomAndLayoutUiTest extends WorkbenchUiTestBase {
    private final List<Workbench> more = new ArrayList<>();

    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    /** The windows a test opened besides the first (runs before the base class closes the first). */
    @AfterEach
    void closeTheOtherWindows() throws Exception {
        for (Workbench w : more) {
            WaitForAsyncUtils.asyncFx(w::close).get(10, TimeUnit.SECONDS).get(60, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void resize(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        waitUntil("the window is " + w + "×" + h, 5, () -> stage.getScene().getWidth() == w);
        settle();
    }

    /** Two rounds of events and pulses: the layout's own follow-up (sizes in ems) runs on the next one. */
    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Parent root() {
        return stage.getScene().getRoot();
    }

    private static double fontSize(Node n) {
        if (n instanceof Labeled l) {
            return l.getFont().getSize();
        }
        return ((Text) n).getFont().getSize();
    }

    /** What a person would find cut off at this size: headers, toolbar, worker rows, the last result. */
    private List<String> cutOffParts(FxRobot robot) {
        return onFx(() -> {
            List<String> bad = new ArrayList<>();
            for (Node header : robot.lookup(".pane-header").queryAll()) {
                bad.addAll(UiLook.cutOff((Parent) header));
            }
            ToolBar toolbar = robot.lookup(".tool-bar").queryAs(ToolBar.class);
            bad.addAll(UiLook.cutOff(toolbar));
            for (Command c : Command.values()) {
                robot.lookup("#" + c.id()).tryQuery().ifPresent(n -> {
                    if (c != Command.NEW_WORKER_DIALOG && c != Command.QUIT && !UiLook.shown(n)) {
                        bad.add("toolbar button #" + c.id() + " is not shown (overflow)");
                    }
                });
            }
            bad.addAll(UiLook.cutOff(robot.lookup("#workerList").queryAs(Parent.class)));
            for (Node v : robot.lookup("#resultsView .result-value").queryAll()) {
                if (UiLook.shown(v)) {
                    Label l = (Label) v;
                    if (!UiLook.displayed(l).equals(l.getText())) {
                        bad.add("result '" + l.getText() + "' shown as '" + UiLook.displayed(l) + "'");
                    }
                }
            }
            return bad;
        });
    }

    private double chartShare(FxRobot robot) {
        return onFx(() -> robot.lookup("#memoryChart")
                        .queryAs(Node.class)
                        .getLayoutBounds()
                        .getWidth()
                / stage.getScene().getWidth());
    }

    private double editorShare(FxRobot robot) {
        return onFx(() -> workbench.editor().getLayoutBounds().getWidth()
                / stage.getScene().getWidth());
    }

    // ------------------------------------------------------------------ tests

    @Test
    void fromTheSmallestWindowToAProjectorNothingIsCutOff(FxRobot robot) throws Exception {
        WorkerViewModel vm = newWorker(robot);
        assertThat(run(robot, vm, EditorDocument.SAMPLE).status()).isEqualTo(ResultEntry.Status.OK);
        waitUntil("the chart has points", 15, () -> workbench.chart().pointCount() >= 2);
        assertThat(run(robot, vm, "257 / 3.0").status()).isEqualTo(ResultEntry.Status.OK);
        waitUntil(
                "the result is listed",
                10,
                () -> onFx(() -> robot.lookup("#resultsView .result-value")
                        .match((Label l) -> l.getText().equals("85.66666666666667"))
                        .tryQuery()
                        .isPresent()));
        // The sample back in the editor, for the screenshots.
        robot.interact(() -> workbench.editor().setText(EditorDocument.SAMPLE));

        // 1024×640 (the smallest), growing as a maximized window would, then the projector.
        double[][] sizes = {{1024, 640}, {1280, 800}, {1920, 1080}};
        for (double[] size : sizes) {
            resize(robot, size[0], size[1]);
            String at = (int) size[0] + "×" + (int) size[1];
            assertThat(cutOffParts(robot)).as("cut off at " + at).isEmpty();
            assertThat(chartShare(robot))
                    .as("chart's share of the width at " + at)
                    .isBetween(0.12, 0.26);
            assertThat(editorShare(robot))
                    .as("editor's share of the width at " + at)
                    .isGreaterThan(0.45);
            if (size[0] == 1024) {
                shoot(robot, "screenshot-1024x640.png");
            }
        }

        // A projector: 1920×1080, three steps bigger.
        for (int i = 0; i < 3; i++) {
            robot.interact(() -> workbench.viewOptions().zoomIn());
        }
        settle();
        assertThat(workbench.viewOptions().fontSize()).isEqualTo(20);
        assertThat(cutOffParts(robot)).as("cut off at 1920×1080 zoomed").isEmpty();
        assertThat(chartShare(robot)).as("chart's share zoomed").isBetween(0.12, 0.26);
        assertThat(editorShare(robot)).as("editor's share zoomed").isGreaterThan(0.40);
        assertThat(onFx(() ->
                        fontSize(robot.lookup("#resultsView .result-value").query())))
                .isEqualTo(20);
        shoot(robot, "screenshot-projector.png");

        // Back to the smallest window, still zoomed: shrinking keeps the headers whole too.
        robot.interact(() -> workbench.viewOptions().zoomReset());
        resize(robot, 1024, 640);
        assertThat(cutOffParts(robot)).as("cut off at 1024×640 after 1920×1080").isEmpty();
    }

    /** Writes a README screenshot when asked to ({@code -Dkiln.screenshots=docs}). */
    private void shoot(FxRobot robot, String name) throws Exception {
        String dir = System.getProperty("kiln.screenshots");
        if (dir != null && !dir.isBlank()) {
            robot.moveTo("#editor"); // no button drawn as hovered
            settle();
            UiLook.snapshot(stage.getScene(), Path.of(dir).resolve(name));
        }
    }

    @Test
    void zoomScalesTheWholeWindowAndIsRemembered(FxRobot robot) throws Exception {
        Node title = robot.lookup(".pane-title").query();
        Node runButton = robot.lookup("#runButton").query();
        Node lineNumber = robot.lookup("#editor .lineno").query();
        // The editor lays its lines out on a pulse of its own after the window shows: on a busy machine, later.
        waitUntil(
                "the editor shows its code",
                10,
                () -> robot.lookup("#editor .text")
                        .match(n -> n instanceof Text t && t.getText().contains("var"))
                        .tryQuery()
                        .isPresent());
        Node code = robot.lookup("#editor .text")
                .match(n -> n instanceof Text t && t.getText().contains("var"))
                .query();
        for (Node n : List.of(title, runButton, lineNumber, code)) {
            assertThat(onFx(() -> fontSize(n))).as(UiLook.name(n)).isEqualTo(ViewOptions.DEFAULT_FONT_SIZE);
        }

        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        robot.press(KeyCode.SHORTCUT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHORTCUT);
        robot.press(KeyCode.SHORTCUT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHORTCUT);
        waitUntil("zoomed in twice", 5, () -> workbench.viewOptions().fontSize() == 18);
        settle();
        for (Node n : List.of(title, runButton, lineNumber, code)) {
            assertThat(onFx(() -> fontSize(n))).as(UiLook.name(n) + " zoomed").isEqualTo(18);
        }
        assertThat(onFx(() -> robot.lookup("#zoomResetButton").queryButton().getText()))
                .isEqualTo("129%");

        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.SHORTCUT);
        waitUntil("back to 100%", 5, () -> workbench.viewOptions().fontSize() == 14);
        robot.clickOn("#zoomInButton");
        waitUntil("the toolbar button zooms", 5, () -> workbench.viewOptions().fontSize() == 16);

        // The New worker dialog opens at the same zoom.
        robot.press(KeyCode.SHORTCUT, KeyCode.N).release(KeyCode.N, KeyCode.SHORTCUT);
        waitUntil(
                "the dialog is open",
                10,
                () -> robot.lookup("#newWorkerName").tryQuery().isPresent());
        Labeled header = robot.lookup(".dialog-pane .label")
                .match((Labeled l) -> "Max heap".equals(l.getText()))
                .query();
        assertThat(onFx(() -> header.getFont().getSize())).isEqualTo(16);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(
                "the dialog is closed",
                10,
                () -> robot.lookup("#newWorkerName").tryQuery().isEmpty());

        WaitForAsyncUtils.asyncFx(() -> workbench.close()).get().get(30, TimeUnit.SECONDS);
        Workbench again = onFx(() -> Workbench.show(new Stage(), new Settings(config), () -> {}));
        more.add(again);
        assertThat(again.viewOptions().fontSize()).isEqualTo(16);
        assertThat(onFx(() -> again.stage().getScene().getRoot().getStyle())).contains("16px");
    }

    @Test
    void theChartFoldsAwayAndComesBackAndThatIsRemembered(FxRobot robot) throws Exception {
        Node chart = robot.lookup("#memoryChart").query();
        double editorBefore = editorShare(robot);
        robot.clickOn("#chartToggle");
        waitUntil("the chart is gone", 5, () -> chart.getScene() == null);
        settle();
        assertThat(editorShare(robot)).as("the editor took the room").isGreaterThan(editorBefore + 0.1);
        assertThat(workbench.viewOptions().chartShownProperty().get()).isFalse();

        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.M).release(KeyCode.M, KeyCode.SHIFT, KeyCode.SHORTCUT);
        waitUntil("the chart is back", 5, () -> chart.getScene() != null);
        settle();
        assertThat(chartShare(robot)).isBetween(0.12, 0.26);
        assertThat(onFx(() -> robot.lookup("#chartToggle")
                        .queryAs(javafx.scene.control.ToggleButton.class)
                        .isSelected()))
                .isTrue();

        robot.clickOn("#chartToggle");
        waitUntil("the chart is gone again", 5, () -> chart.getScene() == null);
        WaitForAsyncUtils.asyncFx(() -> workbench.close()).get().get(30, TimeUnit.SECONDS);
        Workbench again = onFx(() -> Workbench.show(new Stage(), new Settings(config), () -> {}));
        more.add(again);
        assertThat(again.viewOptions().chartShownProperty().get()).isFalse();
        assertThat(onFx(() -> again.chart().node().getScene())).isNull();
    }

    @Test
    void theWindowIsNeverSmallerThan1024By640(FxRobot robot) throws Exception {
        assertThat(stage.getMinWidth()).isEqualTo(Workbench.MIN_WIDTH);
        assertThat(stage.getMinHeight()).isEqualTo(Workbench.MIN_HEIGHT);
        // Saved from an older version at 800×500: opens at the smallest size the layout is made for.
        WaitForAsyncUtils.asyncFx(() -> workbench.close()).get().get(30, TimeUnit.SECONDS);
        Settings small = new Settings(config);
        small.put("window.width", 800);
        small.put("window.height", 500);
        small.save(null);
        Workbench again = onFx(() -> Workbench.show(new Stage(), new Settings(config), () -> {}));
        more.add(again);
        assertThat(onFx(() -> again.stage().getScene().getWidth())).isEqualTo(1024);
        assertThat(onFx(() -> again.stage().getScene().getHeight())).isEqualTo(640);
    }
}
