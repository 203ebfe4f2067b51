package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerSpec;
import dev.kiln.WorkerState;
import dev.kiln.app.model.OutputLine;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Which worker am I looking at: every pane header names it; a worker that never started has an
 * empty chart that says so; Restart keeps the name and the history, marking the restart; nested
 * workers get unique names that show their parent.
 */
class WorkerNamesUiTest extends WorkbenchUiTestBase {
    private static final String RESTART_MARK = "— restarted \\d\\d:\\d\\d:\\d\\d —";

    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    private void select(FxRobot robot, WorkerViewModel vm) {
        robot.interact(stage::requestFocus);
        robot.clickOn(robot.lookup("#workerList .worker-cell")
                .match((TreeCell<?> c) -> c.isVisible() && c.getItem() == vm)
                .queryAs(Node.class));
        waitUntil(vm.name() + " is selected", 5, () -> workbench.viewModel().selected() == vm);
    }

    private static List<String> headers(FxRobot robot) {
        return List.of(text(robot, "#resultsTitle"), text(robot, "#outputTitle"), text(robot, "#detailsTitle"));
    }

    @SuppressWarnings("unchecked")
    private static LineChart<Number, Number> chart(FxRobot robot) {
        return robot.lookup("#memoryChart").queryAs(LineChart.class);
    }

    private static int points(FxRobot robot) {
        return onFx(() -> chart(robot).getData().stream()
                .mapToInt(s -> s.getData().size())
                .sum());
    }

    /** Path elements the chart draws: the lines on screen, which can outlive their data. */
    private static int drawn(FxRobot robot) {
        return onFx(() -> chart(robot).getData().stream()
                .mapToInt(s -> ((Path) s.getNode()).getElements().size())
                .sum());
    }

    @Test
    void everyPaneHeaderNamesTheSelectedWorker(FxRobot robot) {
        assertThat(headers(robot)).containsExactly("Results", "Output", "Details");
        WorkerViewModel a = newWorker(robot);
        WorkerViewModel b = newWorker(robot);
        waitUntil(
                "the headers name " + b.name(),
                5,
                () -> headers(robot)
                        .equals(List.of("Results · " + b.name(), "Output · " + b.name(), "Details · " + b.name())));
        select(robot, a);
        waitUntil(
                "the headers follow the selection to " + a.name(),
                5,
                () -> headers(robot).stream().allMatch(h -> h.endsWith(" · " + a.name())));
        assertThat(onFx(() -> chart(robot).getTitle())).isEqualTo("Memory of " + a.name());
    }

    @Test
    void aWorkerThatNeverStartedShowsAnEmptyChartThatSaysSo(FxRobot robot) throws Exception {
        WorkerViewModel healthy = newWorker(robot);
        waitUntil("the healthy worker's chart has points", 20, () -> points(robot) > 0);
        waitUntil(
                "no placeholder over it",
                5,
                () -> !onFx(() -> workbench.chart().placeholder().isVisible()));

        CompletableFuture<WorkerViewModel> starting = onFx(() -> workbench
                .viewModel()
                .newWorker(WorkerSpec.builder()
                        .echoOutput(false)
                        .jvmArgs("-XX:+KilnNoSuchFlag")
                        .build()));
        WorkerViewModel broken = starting.get(30, TimeUnit.SECONDS);
        waitUntil("it never started", 30, () -> broken.neverStarted());
        waitUntil(
                "the placeholder says it never started",
                5,
                () -> onFx(() -> workbench.chart().placeholder().isVisible())
                        && text(robot, "#memoryPlaceholder").contains(broken.name() + " never started"));
        assertThat(points(robot)).as("none of another worker's figures").isZero();
        assertThat(drawn(robot)).as("and none of its lines left drawn").isZero();
        NumberAxis y = onFx(() -> (NumberAxis) chart(robot).getYAxis());
        assertThat(onFx(y::isAutoRanging))
                .as("the scale is at rest, not another worker's")
                .isFalse();

        select(robot, healthy);
        waitUntil(
                "the healthy worker's figures are back",
                10,
                () -> points(robot) > 0
                        && !onFx(() -> workbench.chart().placeholder().isVisible()));
        select(robot, broken);
        waitUntil(
                "empty again",
                5,
                () -> points(robot) == 0
                        && drawn(robot) == 0
                        && onFx(() -> workbench.chart().placeholder().isVisible()));
    }

    @Test
    void restartKeepsTheNameResultsAndOutputAndMarksTheRestart(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        String name = vm.name();
        ResultEntry before = run(robot, vm, "System.out.println(\"printed before\");\n6 * 7");
        assertThat(before.summary()).isEqualTo("42");
        waitUntil(
                "the line is in the output",
                10,
                () -> vm.output().lines().stream().anyMatch(l -> l.text().equals("printed before")));
        setCode("Thread.sleep(60_000)");
        robot.clickOn("#runButton");
        waitUntil("it runs", 60, () -> vm.state() == WorkerState.BUSY);

        robot.clickOn("#restartButton");
        waitUntil("Restart asks while code runs", 10, () -> showing(robot, "#restartDialog"));
        robot.clickOn("#restartDialogConfirm");
        waitUntil(
                "a new process took its place",
                60,
                () -> workbench.viewModel().selected() != vm
                        && workbench.viewModel().selected().state() == WorkerState.IDLE);
        WorkerViewModel fresh = workbench.viewModel().selected();
        assertThat(fresh.pid()).isNotEqualTo(vm.pid());
        assertThat(fresh.name()).as("the name stays").isEqualTo(name);
        waitUntil(
                "the tree row keeps the name",
                5,
                () -> text(robot, "#workerList .worker-name").equals(name));
        assertThat(headers(robot)).allSatisfy(h -> assertThat(h).endsWith(" · " + name));

        List<ResultEntry> results = onFx(() -> List.copyOf(fresh.results()));
        assertThat(results.get(0)).as("the results stay").isSameAs(before);
        ResultEntry mark = results.get(results.size() - 1);
        assertThat(mark.isMarker()).isTrue();
        assertThat(mark.summary()).matches(RESTART_MARK);
        waitUntil("the output keeps its lines and marks the restart", 10, () -> {
            List<OutputLine> lines = List.copyOf(fresh.output().lines());
            // The run's separator, its line, then (the sleep printed nothing) the restart's mark.
            return lines.size() >= 3
                    && lines.get(0).marker()
                    && lines.get(1).text().equals("printed before")
                    && lines.get(lines.size() - 1).marker()
                    && lines.get(lines.size() - 1).text().matches(RESTART_MARK);
        });
        waitUntil(
                "the marker line is drawn as such",
                10,
                () -> robot.lookup("#outputView .output-line.marker").tryQuery().isPresent()
                        && robot.lookup("#resultsView .result-marker")
                                .match((Label l) -> l.getText().matches(RESTART_MARK))
                                .tryQuery()
                                .isPresent());

        ResultEntry after = run(robot, fresh, "1 + 1");
        assertThat(after.summary()).isEqualTo("2");
        assertThat(onFx(() -> fresh.results().indexOf(after))).isEqualTo(results.size());
    }

    @Test
    void nestedWorkersGetUniqueNamesThatShowTheirParent(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        // Inside the worker both are numbered from 1, like every JVM's own workers.
        ResultEntry r = run(
                robot,
                vm,
                "var spec = dev.kiln.WorkerSpec.builder().echoOutput(false).build();\n"
                        + "var first = dev.kiln.Worker.start(spec);\n"
                        + "var second = dev.kiln.Worker.start(spec);\n"
                        + "first.name() + \" \" + second.name()");
        assertThat(r.status()).as(r.detail()).isEqualTo(ResultEntry.Status.OK);
        waitUntil("both are reported", 30, () -> vm.nested().size() == 2);
        Set<String> expected = Set.of(vm.name() + ".1", vm.name() + ".2");
        waitUntil(
                "the tree shows " + expected,
                10,
                () -> onFx(() -> robot.lookup("#workerList .worker-name").queryAllAs(Label.class).stream()
                                .map(Label::getText)
                                .collect(Collectors.toSet()))
                        .containsAll(expected));
        waitUntil(
                "each nested row names its parent",
                10,
                () -> onFx(() -> robot.lookup("#workerList .worker-parent").queryAllAs(Label.class).stream()
                                .filter(Label::isVisible)
                                .map(Label::getText)
                                .toList())
                        .equals(List.of(vm.name() + " ›", vm.name() + " ›")));

        run(robot, vm, "first.stop(); second.stop();");
        waitUntil(
                "both are shown exited", 30, () -> vm.nested().stream().allMatch(n -> n.state() == WorkerState.EXITED));
    }
}
