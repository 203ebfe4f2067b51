package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.HistoryEntry;
import dev.kiln.SnippetVariable;
import dev.kiln.ThreadSnapshot;
import dev.kiln.app.model.HeapRow;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.StackGroup;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.app.view.FilePicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TreeCell;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The side pane's tabs (threads, heap, variables, history), the CPU chart and image results, driven by node id. */
class InspectorUiTest extends WorkbenchUiTestBase {
    @Start
    void start(Stage s) {
        startWorkbench(s);
    }

    @Test
    void theThreadsTabShowsTheSnippetsThreadInItsLoopFirstAndCopiesItAsJstackText(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        robot.clickOn("#threadsTab");
        assertThat(onFx(() -> workbench.sidePane().threads().polling()))
                .as("an idle worker's threads are not asked again and again")
                .isFalse();
        setCode("void spin() { while (true) {} } spin();");
        robot.clickOn("#runButton");
        waitUntil(
                "the threads tab asks each second while the worker is busy",
                30,
                () -> onFx(() -> workbench.sidePane().threads().polling()));

        waitUntil(
                "the threads view shows the snippet's thread in spin, first",
                30,
                () -> onFx(() -> {
                    List<StackGroup> groups = workbench.sidePane().threads().groups();
                    return !groups.isEmpty()
                            && groups.get(0).threads().get(0).role() == ThreadSnapshot.Role.SNIPPET
                            && groups.get(0).frames().stream().anyMatch(f -> f.contains("spin"));
                }));
        // The group's line says so, and its frames are open under it.
        waitUntil(
                "the first row of the threads tree says it runs the snippet",
                10,
                () -> onFx(() -> robot.lookup("#threadsTree .tree-cell")
                        .match((TreeCell<?> c) ->
                                c.getItem() != null && c.getItem().toString().startsWith("runs the snippet"))
                        .tryQuery()
                        .isPresent()));
        waitUntil(
                "a frame in spin is shown",
                5,
                () -> onFx(() -> robot.lookup("#threadsTree .tree-cell")
                        .match((TreeCell<?> c) ->
                                c.getItem() != null && c.getItem().toString().contains("spin"))
                        .tryQuery()
                        .isPresent()));
        // Kiln's own threads are left out unless asked for.
        assertThat(onFx(() -> workbench.sidePane().threads().groups().stream()
                        .flatMap(g -> g.threads().stream())
                        .noneMatch(t -> t.role() == ThreadSnapshot.Role.INTERNAL)))
                .isTrue();

        robot.clickOn("#threadsCopy");
        String copied = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(copied).contains("Threads of " + vm.name()).contains("java.lang.Thread.State: RUNNABLE");
        assertThat(copied).containsPattern("\tat .*spin\\(");

        robot.clickOn("#heapTab");
        assertThat(onFx(() -> workbench.sidePane().threads().polling()))
                .as("a hidden tab asks nothing, busy worker or not")
                .isFalse();
        robot.clickOn("#threadsTab");
        assertThat(onFx(() -> workbench.sidePane().threads().polling())).isTrue();

        vm.interrupt();
        waitUntil("the spin was interrupted", 30, () -> last(vm).status() == ResultEntry.Status.INTERRUPTED);
        waitUntil(
                "the threads tab stops asking once the worker is idle",
                30,
                () -> onFx(() -> !workbench.sidePane().threads().polling()));
    }

    @Test
    void theHeapTabListsTheBigArrayFirstWithItsBarAndTheChangeSinceTheLastRefresh(FxRobot robot) throws Exception {
        WorkerViewModel vm = newWorker(robot);
        run(robot, vm, "byte[] b = new byte[40_000_000];");
        robot.clickOn("#heapTab");
        assertThat(onFx(() -> workbench.sidePane().heap().rows()))
                .as("no histogram before Refresh")
                .isEmpty();
        robot.clickOn("#heapRefresh");
        waitUntil(
                "the heap view lists byte arrays first",
                60,
                () -> onFx(() -> {
                    List<HeapRow> rows = workbench.sidePane().heap().rows();
                    return !rows.isEmpty()
                            && rows.get(0).className().equals("[B")
                            && rows.get(0).bytes() >= 40_000_000;
                }));
        assertThat(text(robot, "#heapStatus")).contains("largest classes of " + vm.name());
        // the table draws its cells on its next layout pass
        waitUntil(
                "the rows are drawn with their bars",
                5,
                () -> onFx(() -> robot.lookup("#heapTable .heap-bar").tryQuery().isPresent()));

        run(robot, vm, "byte[] c = new byte[20_000_000];");
        robot.clickOn("#heapRefresh");
        waitUntil(
                "the byte arrays grew by about 20 MB since the previous refresh",
                60,
                () -> onFx(() -> {
                    HeapRow top = workbench.sidePane().heap().rows().get(0);
                    return top.bytesChange() >= 20_000_000 && top.changeText().startsWith("+");
                }));
        shoot(robot, "heap-view.png");
    }

    @Test
    void twoThreadsDeadlockedByASnippetAreFlaggedUnderTheSnippetsOwnThread(FxRobot robot) throws Exception {
        WorkerViewModel vm = newWorker(robot);
        robot.clickOn("#threadsTab");
        setCode("""
                Object left = new Object(), right = new Object();
                var ready = new java.util.concurrent.CountDownLatch(2);
                void awaitQuietly(java.util.concurrent.CountDownLatch l) { try { l.await(); } catch (InterruptedException e) {} }
                Thread a = new Thread(() -> { synchronized (left) { ready.countDown(); awaitQuietly(ready); synchronized (right) {} } }, "takes-left");
                Thread b = new Thread(() -> { synchronized (right) { ready.countDown(); awaitQuietly(ready); synchronized (left) {} } }, "takes-right");
                a.start(); b.start();
                a.join();
                """);
        robot.clickOn("#runButton");
        waitUntil(
                "the threads view shows the deadlock after the snippet's thread",
                30,
                () -> onFx(() -> {
                    List<StackGroup> groups = workbench.sidePane().threads().groups();
                    return groups.size() >= 2
                            && groups.get(0).threads().get(0).role() == ThreadSnapshot.Role.SNIPPET
                            && groups.stream().filter(StackGroup::deadlocked).count() == 2;
                }));
        assertThat(text(robot, "#threadsStatus")).contains("2 deadlocked");
        waitUntil(
                "the deadlocked groups are drawn as such",
                10,
                () -> onFx(() -> !robot.lookup("#threadsTree .thread-deadlocked")
                        .queryAll()
                        .isEmpty()));
        shoot(robot, "threads-view.png");
        vm.interrupt();
        waitUntil("the join was interrupted", 30, () -> last(vm).status() == ResultEntry.Status.INTERRUPTED);
    }

    /** Writes a README screenshot when asked to ({@code -Dkiln.screenshots=docs/images}). */
    private void shoot(FxRobot robot, String name) throws Exception {
        String dir = System.getProperty("kiln.screenshots");
        if (dir != null && !dir.isBlank()) {
            robot.moveTo("#editor"); // no button drawn as hovered
            WaitForAsyncUtils.waitForFxEvents();
            UiLook.snapshot(stage.getScene(), Path.of(dir).resolve(name));
        }
    }

    @Test
    void theVariablesTabListsNameTypeAndValueAndADoubleClickPutsTheNameInTheEditor(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        robot.clickOn("#variablesTab");
        run(robot, vm, "int x = 42;");
        waitUntil(
                "the variables view lists x",
                30,
                () -> onFx(
                        () -> workbench.sidePane().variables().rows().contains(new SnippetVariable("x", "int", "42"))));

        setCode("");
        waitUntil(
                "x's row is drawn",
                5,
                () -> onFx(() -> robot.lookup("#variablesTable .table-row-cell")
                        .match((TableRow<?> r) -> r.getItem() instanceof SnippetVariable v
                                && v.name().equals("x"))
                        .tryQuery()
                        .isPresent()));
        Node row = onFx(() -> robot.lookup("#variablesTable .table-row-cell")
                .match((TableRow<?> r) ->
                        r.getItem() instanceof SnippetVariable v && v.name().equals("x"))
                .query());
        robot.doubleClickOn(row);
        waitUntil(
                "the editor holds x",
                10,
                () -> onFx(() -> workbench.editor().getText()).equals("x"));
    }

    @Test
    void theHistoryTabListsOutcomesExportsAJshScriptAndReplaysAfterARestart(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path script = dir.resolve("session.jsh");
        robot.interact(() -> workbench.useFilePicker(new FilePicker() {
            @Override
            public Optional<Path> open(Window owner, Optional<Path> near) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> saveAs(Window owner, Optional<Path> current) {
                return Optional.of(script);
            }
        }));
        WorkerViewModel vm = newWorker(robot);
        robot.clickOn("#historyTab");
        run(robot, vm, "int a = 20;");
        run(robot, vm, "a / 0");
        run(robot, vm, "int b = a + 1;");
        waitUntil(
                "the history lists three evaluations",
                30,
                () -> onFx(() -> workbench.sidePane().history().entries().size() == 3));
        List<HistoryEntry> h = onFx(() -> workbench.sidePane().history().entries());
        assertThat(h)
                .extracting(HistoryEntry::outcome)
                .containsExactly(
                        HistoryEntry.Outcome.SUCCESS, HistoryEntry.Outcome.ERROR, HistoryEntry.Outcome.SUCCESS);

        robot.clickOn("#historyExport");
        waitUntil("the script is saved", 30, () -> Files.exists(script) && Files.size(script) > 0);
        String text = Files.readString(script);
        assertThat(text).contains("int a = 20;").contains("int b = a + 1;").doesNotContain("a / 0");

        int before = onFx(() -> vm.results().size());
        robot.clickOn("#historyReplay");
        waitUntil(
                "a new process took the worker's place",
                60,
                () -> onFx(() -> {
                    WorkerViewModel now = workbench.viewModel().selected();
                    return now != vm && now.name().equals(vm.name());
                }));
        WorkerViewModel fresh = onFx(() -> workbench.viewModel().selected());
        waitUntil(
                "the replayed runs are done",
                60,
                () -> onFx(() -> {
                    List<ResultEntry> since =
                            fresh.results().subList(before, fresh.results().size());
                    return since.stream()
                            .anyMatch(r -> r.source().equals("int b = a + 1;") && r.status() == ResultEntry.Status.OK);
                }));
        assertThat(onFx(() -> fresh.results().subList(before, fresh.results().size()).stream()
                        .filter(r -> !r.isMarker())
                        .map(ResultEntry::source)
                        .toList()))
                .as("what succeeded, replayed in order")
                .containsExactly("int a = 20;", "int b = a + 1;");
        assertThat(fresh.worker().evalFetch("b")).isEqualTo(21);
    }

    @Test
    void anImageValueShowsAsAThumbnailThatOpensAtFullSize(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        ResultEntry e = run(
                robot,
                vm,
                "var img = new java.awt.image.BufferedImage(300, 120, java.awt.image.BufferedImage.TYPE_INT_RGB);"
                        + " img.createGraphics().fillRect(0, 0, 150, 60); img");
        assertThat(e.status()).as(e.summary() + " | " + e.detail()).isEqualTo(ResultEntry.Status.OK);
        assertThat(e.image()).isNotNull();
        waitUntil(
                "the thumbnail shows the image",
                30,
                () -> onFx(() -> robot.lookup("#resultsView .result-thumbnail")
                        .match((ImageView v) -> v.isVisible() && v.getImage() != null)
                        .tryQuery()
                        .isPresent()));
        Node thumb = onFx(() -> robot.lookup("#resultsView .result-thumbnail")
                .match((ImageView v) -> v.isVisible() && v.getImage() != null)
                .query());
        robot.clickOn(thumb);
        waitUntil(
                "a window shows the image at full size",
                30,
                () -> onFx(() -> robot.lookup("#fullImage")
                        .match((ImageView v) -> v.getImage() != null
                                && v.getImage().getWidth() == 300
                                && v.getImage().getHeight() == 120)
                        .tryQuery()
                        .isPresent()));
        robot.interact(
                () -> ((Stage) robot.lookup("#fullImage").query().getScene().getWindow()).close());
    }

    @Test
    void theCpuChartFollowsTheWorkersLoadAndSaysHowManyThreadsItHas(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        setCode("void spin() { while (true) {} } spin();");
        robot.clickOn("#runButton");
        waitUntil(
                "the CPU chart shows a busy worker",
                30,
                () -> onFx(() -> {
                    var chart = workbench.sidePane().cpu();
                    return chart.pointCount() >= 2
                            && chart.node().getData().get(0).getData().stream()
                                    .anyMatch(d -> d.getYValue().doubleValue() > 10);
                }));
        assertThat(onFx(() -> workbench.sidePane().cpu().node().getTitle()))
                .startsWith("CPU of " + vm.name())
                .contains("threads");
        vm.interrupt();
        waitUntil("the spin was interrupted", 30, () -> last(vm).status() == ResultEntry.Status.INTERRUPTED);
    }
}
