package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.NestedWorker;
import dev.kiln.WorkerState;
import dev.kiln.app.command.Command;
import dev.kiln.app.model.OutputLine;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The workbench driven through the window as a person would (TestFX, headless): workers, runs, output, shortcuts. */
class WorkbenchUiTest extends WorkbenchUiTestBase {
    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    // ------------------------------------------------------------------ helpers

    private static void waitDone(WorkerViewModel vm, long seconds) {
        waitUntil(
                "the last run of " + vm.name() + " finished",
                seconds,
                () -> last(vm) != null && last(vm).status().isDone());
    }

    /** The tree's first row on screen (the lookup alone may find a cell the virtual flow keeps off screen). */
    private static Node visibleRow(FxRobot robot) {
        return robot.lookup("#workerList .worker-cell")
                .match((javafx.scene.control.TreeCell<?> c) -> c.isVisible() && c.getItem() != null)
                .queryAs(Node.class);
    }

    /** The window carries the Kiln icon, from icons/png, in several sizes (decoded in the background). */
    @Test
    void theWindowCarriesTheKilnIconInSeveralSizes() {
        waitUntil(
                "the window has its icons",
                10,
                () -> onFx(() -> stage.getIcons().size() >= 3));
        List<javafx.scene.image.Image> icons = onFx(() -> List.copyOf(stage.getIcons()));
        assertThat(icons).hasSizeGreaterThanOrEqualTo(3);
        assertThat(icons).allSatisfy(i -> assertThat(i.isError()).isFalse());
        assertThat(icons).extracting(javafx.scene.image.Image::getWidth).contains(16.0, 256.0);
    }

    // ------------------------------------------------------------------ 1

    @Test
    void newWorkerAppearsInTheListBecomesIdleAndShowsItsPid(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        waitUntil("the row shows idle", 10, () -> "idle".equals(text(robot, "#workerList .state-badge")));
        assertThat(text(robot, "#workerList .worker-pid")).isEqualTo(String.valueOf(vm.pid()));
        assertThat(vm.pid()).isPositive();
        assertThat(ProcessHandle.of(vm.pid())).isPresent();
        assertThat(text(robot, "#workerList .worker-name")).isEqualTo(vm.name());
    }

    // ------------------------------------------------------------------ 2

    @Test
    void runShowsTheValueWithItsDuration(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("Math.sqrt(144)");
        robot.clickOn("#runButton");
        waitDone(vm, 60);
        waitUntil("#resultsView shows 12.0", 10, () -> "12.0".equals(text(robot, "#resultsView .result-value")));
        assertThat(text(robot, "#resultsView .result-duration")).matches("\\d+ ms|\\d+\\.\\d\\d s");
        assertThat(text(robot, "#resultsView .result-code")).isEqualTo("Math.sqrt(144)");
        waitUntil(
                "the status bar gives the last run time",
                10,
                () -> text(robot, "#statusText").contains("last run"));
    }

    // ------------------------------------------------------------------ 3

    @Test
    void printedLinesAppearInTheOutputView(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("System.out.println(\"hi from kiln\");\nSystem.err.println(\"oops on stderr\");");
        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        robot.press(KeyCode.SHORTCUT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHORTCUT); // Run's shortcut
        waitDone(vm, 60);
        ListView<OutputLine> out = robot.lookup("#outputView").queryListView();
        waitUntil(
                "#outputView shows the line",
                10,
                () -> out.getItems().stream().anyMatch(l -> l.text().equals("hi from kiln")));
        waitUntil(
                "the stderr line is there",
                10,
                () -> out.getItems().stream().anyMatch(l -> l.text().equals("oops on stderr")));
        waitUntil(
                "the stderr line is drawn red",
                10,
                () -> robot.lookup("#outputView .output-line.stderr").tryQuery().isPresent());
        assertThat(robot.lookup("#outputView .output-line").<Node>queryAll())
                .anySatisfy(n -> assertThat(((javafx.scene.control.ListCell<?>) n).getText())
                        .isEqualTo("hi from kiln"));
    }

    // ------------------------------------------------------------------ 4

    @Test
    void interruptStopsAnEndlessLoopAndTheWorkerGoesOn(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        // The line printed first says the loop really runs in the worker (not still compiling).
        setCode("System.out.println(\"looping\");\nwhile (true) {}");
        robot.clickOn("#runButton");
        waitUntil(
                "the loop runs",
                60,
                () -> vm.output().lines().stream().anyMatch(l -> l.text().equals("looping"))
                        && vm.state() == WorkerState.BUSY);
        // Timed on the FX thread: from the button's action to the row turning idle with the run interrupted.
        AtomicLong clicked = new AtomicLong();
        AtomicLong idleAgain = new AtomicLong();
        robot.interact(() -> {
            robot.lookup("#interruptButton")
                    .queryButton()
                    .addEventHandler(javafx.event.ActionEvent.ACTION, e -> clicked.compareAndSet(0, System.nanoTime()));
            vm.stateProperty().addListener((o, was, now) -> {
                if (now == WorkerState.IDLE && clicked.get() != 0) {
                    idleAgain.compareAndSet(0, System.nanoTime());
                }
            });
        });
        robot.clickOn("#interruptButton");
        waitUntil(
                "the run is interrupted and the worker idle",
                10,
                () -> last(vm).status() == ResultEntry.Status.INTERRUPTED && vm.state() == WorkerState.IDLE);
        Duration took = Duration.ofNanos(idleAgain.get() - clicked.get());
        assertThat(clicked.get()).isNotZero();
        assertThat(took).isLessThan(TestTime.generous(Duration.ofSeconds(3)));
        waitUntil(
                "the result says interrupted",
                5,
                () -> "interrupted".equals(text(robot, "#resultsView .result-value")));

        setCode("1 + 1");
        robot.clickOn("#runButton");
        waitDone(vm, 30);
        assertThat(last(vm).status()).isEqualTo(ResultEntry.Status.OK);
        assertThat(last(vm).summary()).isEqualTo("2");
    }

    @Test
    void runWhileBusyQueuesVisibly(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("Thread.sleep(3000)");
        robot.clickOn("#runButton");
        waitUntil(
                "the first run is running",
                60,
                () -> last(vm) != null && last(vm).status() == ResultEntry.Status.RUNNING);
        setCode("\"second\"");
        robot.clickOn("#runButton");
        waitUntil(
                "the second run shows as queued",
                5,
                () -> robot.lookup("#resultsView .result-queued").tryQuery().isPresent());
        assertThat(text(robot, "#statusText")).contains("1 queued");
        waitDone(vm, 30);
        assertThat(vm.results())
                .extracting(ResultEntry::status)
                .containsExactly(ResultEntry.Status.OK, ResultEntry.Status.OK);
        assertThat(last(vm).summary()).isEqualTo("\"second\"");
    }

    // ------------------------------------------------------------------ 5

    @Test
    void compileErrorMarksTheGutterAndShowsInTheResults(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("int y = \"s\";");
        robot.clickOn("#runButton");
        waitDone(vm, 60);
        assertThat(last(vm).status()).isEqualTo(ResultEntry.Status.ERROR);
        waitUntil(
                "a gutter marker is shown",
                10,
                () -> robot.lookup("#editor .error-marker-on")
                        .tryQuery()
                        .map(Node::isVisible)
                        .orElse(false));
        assertThat(workbench.editor().marks()).singleElement().satisfies(e -> {
            assertThat(e.line()).isZero(); // line 1
            assertThat(e.message()).containsIgnoringCase("incompatible types");
        });
        // Read on the FX thread: the editor redraws its gutter when styles change.
        waitUntil(
                "exactly one line is marked",
                10,
                () -> WaitForAsyncUtils.asyncFx(() -> robot.lookup("#editor .error-marker-on")
                                        .queryAll()
                                        .size())
                                .get()
                        == 1);
        String shown = text(robot, "#resultsView .result-value");
        assertThat(shown).containsIgnoringCase("incompatible types");
        assertThat(robot.lookup("#resultsView .result-value.result-error").tryQuery())
                .isPresent();

        // The erroneous text is underlined, and hovering it shows the compiler's message.
        var err = workbench.editor().marks().get(0);
        assertThat(workbench.editor().area().getStyleAtPosition(err.start() + 1))
                .contains("compile-error");
        javafx.geometry.Bounds at;
        try {
            at = WaitForAsyncUtils.asyncFx(() -> workbench
                            .editor()
                            .area()
                            .getCharacterBoundsOnScreen(err.start(), err.start() + 1)
                            .orElseThrow())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no screen bounds for the error's text", e);
        }
        robot.moveTo(new javafx.geometry.Point2D(at.getCenterX(), at.getCenterY()));
        waitUntil(
                "the message pops up on hover",
                10,
                () -> robot.lookup(".error-popup")
                        .match((Label l) ->
                                l.isVisible() && l.getText().toLowerCase().contains("incompatible types"))
                        .tryQuery()
                        .isPresent());
    }

    // ------------------------------------------------------------------ 6

    @Test
    void killAsksThenShowsTheExitCodeAndRestartGivesANewPid(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        long oldPid = vm.pid();
        robot.clickOn("#killButton");
        waitUntil(
                "the kill confirmation is shown",
                5,
                () -> robot.lookup("#killDialog").tryQuery().isPresent());
        assertThat(vm.worker().isRunning())
                .as("nothing is killed before the answer")
                .isTrue();
        robot.clickOn(robot.lookup("#killDialog .button")
                .match((Button b) -> "Kill".equals(b.getText()))
                .queryButton());
        waitUntil(
                "the worker shows as exited with its code",
                15,
                () -> text(robot, "#workerList .state-badge").matches("exited -?\\d+"));
        assertThat(vm.exitCodeProperty().get()).isNotNull();
        assertThat(robot.lookup("#workerList .worker-cell.exited").tryQuery()).isPresent();
        assertThat(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();

        robot.clickOn("#restartButton");
        waitUntil(
                "a new worker replaced it",
                30,
                () -> workbench.viewModel().selected() != vm
                        && workbench.viewModel().selected().state() == WorkerState.IDLE);
        WorkerViewModel fresh = workbench.viewModel().selected();
        assertThat(fresh.pid()).isNotEqualTo(oldPid);
        waitUntil(
                "the row shows the new pid",
                10,
                () -> text(robot, "#workerList .worker-pid").equals(String.valueOf(fresh.pid())));
        assertThat(workbench.viewModel().workers()).containsExactly(fresh);
    }

    // ------------------------------------------------------------------ 7

    @Test
    void memoryChartGainsPointsWhileAWorkerLives(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#memoryChart").queryAs(LineChart.class);
        assertThat(chart.getData())
                .extracting(s -> s.getName())
                .containsExactly("resident", "heap used", "heap committed");
        waitUntil(
                "the chart has a point",
                15,
                () -> chart.getData().get(1).getData().size() >= 1);
        double first = onFx(() -> lastX(chart.getData().get(1)));
        // A flat stretch is drawn with two points, its end moving on: the line reaches further, point or not.
        waitUntil(
                "the heap line reaches two seconds further",
                15,
                () -> onFx(() -> lastX(chart.getData().get(1))) >= first + 2);
        assertThat(chart.getData().get(0).getData())
                .as("resident memory (from the OS)")
                .isNotEmpty();
        waitUntil(
                "the details show threads",
                10,
                () -> text(robot, "#detail-threads").matches("\\d+"));
        // The live figures follow the samples (the window then changes once a second, not once per sample and tick).
        String uptime = text(robot, "#detail-uptime");
        waitUntil(
                "the details' uptime moves on while the worker idles",
                10,
                () -> !text(robot, "#detail-uptime").equals(uptime));
        assertThat(text(robot, "#detail-heap")).contains(" used of ");
        assertThat(text(robot, "#detail-workingFolder"))
                .as("a one-click worker runs in the home folder, not the app's (read-only when packaged)")
                .isEqualTo(System.getProperty("user.home"));
        assertThat(vm.worker().evalFetch("System.getProperty(\"user.dir\")"))
                .isEqualTo(System.getProperty("user.home"));
    }

    private static double lastX(XYChart.Series<Number, Number> s) {
        return s.getData().get(s.getData().size() - 1).getXValue().doubleValue();
    }

    // ------------------------------------------------------------------ 8

    @Test
    void aWorkerStartedByAWorkerAppearsUnderItsHost(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode(
                "var inner = dev.kiln.Worker.start(dev.kiln.WorkerSpec.builder().name(\"inner\").echoOutput(false).build());\n"
                        + "inner.pid()");
        robot.clickOn("#runButton");
        waitDone(vm, 90);
        assertThat(last(vm).status()).as(last(vm).detail()).isEqualTo(ResultEntry.Status.OK);
        long innerPid = Long.parseLong(last(vm).summary());
        waitUntil(
                "the nested worker is idle under its host",
                30,
                () -> vm.nested().stream()
                        .anyMatch(
                                n -> n.pid() == innerPid && n.hostPid() == vm.pid() && n.state() == WorkerState.IDLE));
        TreeView<?> tree = robot.lookup("#workerList").queryAs(TreeView.class);
        waitUntil(
                "the tree shows it beneath its host",
                10,
                () -> tree.getRoot().getChildren().size() == 1
                        && tree.getRoot().getChildren().get(0).getChildren().size() == 1
                        && tree.getRoot()
                                        .getChildren()
                                        .get(0)
                                        .getChildren()
                                        .get(0)
                                        .getValue()
                                instanceof NestedWorker n
                        && n.name().equals("inner"));
        waitUntil(
                "its row shows its pid",
                10,
                () -> robot.lookup("#workerList .worker-pid")
                        .match((Label l) -> l.getText().equals(String.valueOf(innerPid)))
                        .tryQuery()
                        .isPresent());

        setCode("inner.stop()");
        robot.clickOn("#runButton");
        waitDone(vm, 30);
        waitUntil(
                "the nested row shows it exited",
                20,
                () -> vm.nested().stream().anyMatch(n -> n.pid() == innerPid && n.state() == WorkerState.EXITED));
    }

    // ------------------------------------------------------------------ more

    @Test
    void doubleClickingAResultPutsItsCodeBackInTheEditor(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("6 * 7");
        robot.clickOn("#runButton");
        waitDone(vm, 60);
        setCode("something else");
        robot.doubleClickOn(robot.lookup("#resultsView .result-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.isVisible() && c.getItem() != null)
                .queryAs(Node.class));
        // Inserted at the caret (at the start after setCode), not in place of what was there.
        waitUntil("the code is back", 5, () -> workbench.editor().getText().equals("6 * 7\nsomething else"));
    }

    @Test
    void fontZoomsWithTheShortcuts(FxRobot robot) {
        int before = workbench.viewOptions().fontSize();
        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        robot.press(KeyCode.SHORTCUT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHORTCUT);
        waitUntil("the font grew", 5, () -> workbench.viewOptions().fontSize() > before);
        robot.press(KeyCode.SHORTCUT, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.SHORTCUT);
        waitUntil("the font shrank back", 5, () -> workbench.viewOptions().fontSize() == before);
    }

    @Test
    void everyButtonHasItsIdAndATooltipWithAShortcut(FxRobot robot) {
        for (String id : List.of("#runButton", "#interruptButton", "#stopButton", "#killButton", "#restartButton")) {
            Button b = robot.lookup(id).queryButton();
            assertThat(b.getTooltip().getText()).as(id).containsPattern("\\(Ctrl\\+[^)]+\\)");
        }
        for (String id : List.of(
                "#workerList",
                "#editor",
                "#newWorkerButton",
                "#resultsView",
                "#outputView",
                "#memoryChart",
                "#statusBar")) {
            assertThat(robot.lookup(id).tryQuery()).as(id).isPresent();
        }
    }

    @Test
    void everyToolbarTooltipNamesItsShortcut(FxRobot robot) {
        Set<Command> onTheToolbar = EnumSet.noneOf(Command.class);
        for (Command c : Command.values()) {
            robot.lookup("#" + c.id()).tryQueryAs(Control.class).ifPresent(control -> {
                onTheToolbar.add(c);
                assertThat(control.getTooltip().getText())
                        .as(c.name())
                        .startsWith(c.description())
                        .contains("(" + c.shortcutText() + ")");
            });
        }
        // New worker's dialog is the split button's arrow; Add dependency is in the worker list's menu
        assertThat(onTheToolbar)
                .isEqualTo(EnumSet.complementOf(
                        EnumSet.of(Command.NEW_WORKER_DIALOG, Command.ADD_DEPENDENCY, Command.QUIT)));
        SplitMenuButton newWorker = robot.lookup("#" + Command.NEW_WORKER.id()).queryAs(SplitMenuButton.class);
        assertThat(newWorker.getTooltip().getText()).contains("(" + Command.NEW_WORKER_DIALOG.shortcutText() + ")");
        assertThat(newWorker.getItems()).singleElement().satisfies(item -> {
            assertThat(item.getId()).isEqualTo(Command.NEW_WORKER_DIALOG.id());
            assertThat(item.getText()).contains("(" + Command.NEW_WORKER_DIALOG.shortcutText() + ")");
        });
    }

    @Test
    void theShortcutsOfTheCommandTableWorkInTheWindow(FxRobot robot) {
        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        boolean wasDark = workbench.darkProperty().get();
        type(robot, Command.THEME.shortcut());
        waitUntil("the theme switched", 5, () -> workbench.darkProperty().get() != wasDark);
        type(robot, Command.THEME.shortcut());
        waitUntil("the theme switched back", 5, () -> workbench.darkProperty().get() == wasDark);

        type(robot, Command.NEW_WORKER.shortcut());
        waitUntil(
                "a worker is listed", 15, () -> workbench.viewModel().workers().size() == 1);
        WorkerViewModel vm = workbench.viewModel().workers().get(0);
        waitUntil("it is idle", 60, () -> vm.state() == WorkerState.IDLE);
        type(robot, Command.STOP.shortcut());
        waitUntil("Stop's shortcut stopped it", 20, () -> vm.state() == WorkerState.EXITED);
    }

    @Test
    void windowSizeThemeFontAndTextSurviveARestart(FxRobot robot) throws Exception {
        robot.interact(() -> {
            workbench.editor().setText("int persisted = 42;");
            workbench.viewOptions().zoomIn();
            workbench.darkProperty().set(true);
            stage.setWidth(1100);
            stage.setHeight(700);
        });
        int font = workbench.viewOptions().fontSize();
        WaitForAsyncUtils.asyncFx(() -> workbench.close()).get().get(30, TimeUnit.SECONDS);

        Workbench[] again = new Workbench[1];
        robot.interact(() -> again[0] = Workbench.show(new Stage(), new Settings(config), () -> {}));
        try {
            assertThat(again[0].editor().getText()).isEqualTo("int persisted = 42;");
            assertThat(again[0].viewOptions().fontSize()).isEqualTo(font);
            assertThat(again[0].darkProperty().get()).isTrue();
            assertThat(again[0].stage().getWidth()).isEqualTo(1100);
            assertThat(again[0].stage().getHeight()).isEqualTo(700);
        } finally {
            robot.interact(() -> again[0].darkProperty().set(false));
            WaitForAsyncUtils.asyncFx(() -> again[0].close()).get().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void exitedWorkerStaysUntilRemoved(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        robot.clickOn("#stopButton");
        waitUntil("the worker exited", 20, () -> vm.state() == WorkerState.EXITED);
        assertThat(workbench.viewModel().workers()).containsExactly(vm);
        waitUntil(
                "its row is greyed",
                5,
                () -> robot.lookup("#workerList .worker-cell.exited").tryQuery().isPresent());
        robot.interact(stage::requestFocus);
        robot.clickOn(visibleRow(robot));
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        waitUntil("it is removed", 5, () -> workbench.viewModel().workers().isEmpty());
        assertThat(Set.copyOf(workbench.viewModel().workers())).isEmpty();
    }

    @Test
    void ctrlSpaceCompletesFromTheWorkersOwnState(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("int kilnCounter = 41;");
        robot.clickOn("#runButton");
        waitDone(vm, 60);
        setCode("kilnCou");
        robot.interact(() -> {
            stage.requestFocus();
            workbench.editor().area().requestFocus();
            workbench.editor().area().moveTo(7);
        });
        robot.press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
        waitUntil(
                "the worker's variable is completed",
                30,
                () -> workbench.editor().getText().equals("kilnCounter"));
    }

    @Test
    void theNewWorkerDialogStartsAWorkerWithItsSettings(FxRobot robot) {
        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        robot.press(KeyCode.SHORTCUT, KeyCode.N).release(KeyCode.N, KeyCode.SHORTCUT);
        waitUntil(
                "the dialog is open",
                10,
                () -> robot.lookup("#newWorkerName").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#newWorkerName").queryTextInputControl().setText("demo");
            robot.lookup("#newWorkerHeap").queryTextInputControl().setText("128m");
            robot.lookup("#newWorkerEnv").queryTextInputControl().setText("KILN_DEMO=yes");
        });
        robot.clickOn(robot.lookup(".dialog-pane .button")
                .match((Button b) -> "Start".equals(b.getText()))
                .queryButton());
        waitUntil(
                "the worker is listed",
                15,
                () -> workbench.viewModel().workers().size() == 1);
        WorkerViewModel vm = workbench.viewModel().workers().get(0);
        waitUntil("it is idle", 60, () -> vm.state() == WorkerState.IDLE);
        assertThat(vm.name()).isEqualTo("demo");
        waitUntil("its flags are known", 10, () -> vm.jvmFlagsProperty().get().contains("-Xmx128m"));
        setCode("System.getenv(\"KILN_DEMO\")");
        robot.clickOn("#runButton");
        waitDone(vm, 60);
        assertThat(last(vm).summary()).isEqualTo("\"yes\"");
    }

    @Test
    void closingTheWindowStopsEveryWorker(FxRobot robot) {
        WorkerViewModel a = newWorker(robot);
        WorkerViewModel b = newWorker(robot);
        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        robot.press(KeyCode.SHORTCUT, KeyCode.Q).release(KeyCode.Q, KeyCode.SHORTCUT); // same path as the close button
        waitUntil(
                "both workers are gone",
                30,
                () -> !a.worker().isRunning() && !b.worker().isRunning());
        assertThat(stage.isShowing()).isFalse();
        assertThat(ProcessHandle.of(a.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(ProcessHandle.of(b.pid()).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }
}
