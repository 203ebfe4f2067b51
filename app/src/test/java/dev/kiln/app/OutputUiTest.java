package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.app.command.Command;
import dev.kiln.app.model.OutputLine;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Output you can trust: each run's output under a separator that names it, no open line running
 * into the next run's output, a find bar, a header that stays whole while lines are dropped, and a
 * tail that stays in view through a flood unless the user scrolled up.
 */
class OutputUiTest extends WorkbenchUiTestBase {
    @Start
    void start(Stage stage) {
        startWorkbench(stage);
    }

    private static List<OutputLine> lines(WorkerViewModel vm) {
        return onFx(() -> List.copyOf(vm.output().lines()));
    }

    private static VirtualFlow<?> flow(FxRobot robot) {
        return onFx(() -> robot.lookup("#outputView .virtual-flow").query());
    }

    /** The text of the first line on screen. */
    private static String firstShown(FxRobot robot) {
        VirtualFlow<?> flow = flow(robot);
        return onFx(() -> {
            IndexedCell<?> c = flow.getFirstVisibleCell();
            return c == null || ((ListCell<?>) c).getItem() == null
                    ? ""
                    : ((ListCell<?>) c).getItem().toString();
        });
    }

    /** The text of the last line on screen if it is shown whole, else "". */
    private static String lastShownWhole(FxRobot robot) {
        VirtualFlow<?> flow = flow(robot);
        return onFx(() -> {
            IndexedCell<?> c = flow.getLastVisibleCell();
            Region viewport = (Region) flow.lookup(".clipped-container");
            if (c == null || ((ListCell<?>) c).getItem() == null) {
                return "";
            }
            boolean whole = c.getLayoutY() >= 0 && c.getLayoutY() + c.getHeight() <= viewport.getHeight() + 1;
            return whole ? ((ListCell<?>) c).getItem().toString() : "";
        });
    }

    /**
     * Turns the mouse wheel up over the output, {@code pixels} far, as the event the OS delivers: the
     * headless robot's own wheel (FxRobot.scroll under Monocle) did not move the list at all.
     */
    private static void wheelUp(FxRobot robot, double pixels) {
        VirtualFlow<?> flow = flow(robot);
        robot.interact(() -> {
            Bounds b = flow.localToScreen(flow.getLayoutBounds());
            double x = flow.getWidth() / 2;
            double y = flow.getHeight() / 2;
            Event.fireEvent(
                    flow,
                    new ScrollEvent(
                            ScrollEvent.SCROLL,
                            x,
                            y,
                            b.getMinX() + x,
                            b.getMinY() + y,
                            false,
                            false,
                            false,
                            false,
                            false,
                            false,
                            0,
                            pixels,
                            0,
                            pixels,
                            ScrollEvent.HorizontalTextScrollUnits.NONE,
                            0,
                            ScrollEvent.VerticalTextScrollUnits.NONE,
                            0,
                            0,
                            null));
        });
    }

    /** Runs the editor with Run's shortcut, leaving the keyboard where it is; waits until the run is done. */
    private ResultEntry runByShortcut(FxRobot robot, WorkerViewModel vm, String code) {
        setCode(code);
        int before = onFx(() -> vm.results().size());
        type(robot, Command.RUN.shortcut());
        waitUntil(
                "the run is done",
                120,
                () -> vm.results().size() > before && last(vm).status().isDone());
        return last(vm);
    }

    private static String lastText(WorkerViewModel vm) {
        List<OutputLine> l = lines(vm);
        return l.isEmpty() ? "" : l.get(l.size() - 1).text();
    }

    @Test
    void eachRunsOutputStandsUnderItsSeparatorAndAnOpenLineNeverRunsIntoTheNext(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        run(robot, vm, "System.out.print(\"no newline\")");
        run(robot, vm, "1 + 1"); // prints nothing: no separator
        run(robot, vm, "System.out.println(\"next line\");\nSystem.out.println(\"and more\");");
        waitUntil("the lines arrived", 10, () -> lastText(vm).equals("and more"));
        assertThat(lines(vm))
                .containsExactly(
                        new OutputLine(
                                dev.kiln.StreamKind.STDOUT, "— run 1: System.out.print(\"no newline\") —", false, true),
                        new OutputLine(dev.kiln.StreamKind.STDOUT, "no newline", false),
                        new OutputLine(
                                dev.kiln.StreamKind.STDOUT,
                                "— run 3: System.out.println(\"next line\"); … —",
                                false,
                                true),
                        new OutputLine(dev.kiln.StreamKind.STDOUT, "next line", false),
                        new OutputLine(dev.kiln.StreamKind.STDOUT, "and more", false));

        // A long first line is cut with "…".
        String longLine = "System.out.println(\"x\"); // " + "a".repeat(100);
        run(robot, vm, longLine);
        waitUntil("the line arrived", 10, () -> lastText(vm).equals("x"));
        List<OutputLine> all = lines(vm);
        String separator = all.get(all.size() - 2).text();
        assertThat(separator)
                .startsWith("— run 4: System.out.println(\"x\"); // aaa")
                .endsWith("a … —");
        assertThat(separator.length()).isLessThan(80);
        waitUntil(
                "separators are drawn as marker lines",
                10,
                () -> onFx(() -> robot.lookup("#outputView .output-line.marker")
                                .queryAll()
                                .size())
                        >= 3);
    }

    @Test
    void theFindBarCountsStepsThroughAndHighlightsMatchesIgnoringCase(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        // 18 lines: 6 "match", 6 "MATCH", 6 "other" (the separator, the code's first line, has none).
        run(
                robot,
                vm,
                "var words = java.util.List.of(\"m\" + \"atch\", \"MAT\" + \"CH\", \"other\");\n"
                        + "for (int i = 0; i < 18; i++) System.out.println(words.get(i % 3) + \" \" + i);");
        waitUntil("the lines arrived", 10, () -> lastText(vm).equals("other 17"));
        focusEditor(robot);
        type(robot, Command.FIND.shortcut());
        waitUntil(
                "the find bar is open, its field focused",
                5,
                () -> onFx(() -> robot.lookup("#findBar").query().isVisible()
                        && robot.lookup("#findField").query().isFocused()));
        robot.write("match");
        waitUntil("it counts the matches", 5, () -> text(robot, "#findCount").matches("\\d+ of 12"));
        int at = Integer.parseInt(text(robot, "#findCount").split(" ")[0]);
        robot.type(KeyCode.ENTER);
        waitUntil("Enter goes to the next", 5, () -> text(robot, "#findCount").equals((at % 12 + 1) + " of 12"));
        robot.press(KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT);
        waitUntil("Shift+Enter goes back", 5, () -> text(robot, "#findCount").equals(at + " of 12"));
        robot.clickOn("#findNext");
        waitUntil(
                "the button goes to the next",
                5,
                () -> text(robot, "#findCount").equals((at % 12 + 1) + " of 12"));
        waitUntil(
                "the current match is highlighted, the others too",
                5,
                () -> onFx(() -> robot.lookup("#outputView .find-current")
                                        .queryAll()
                                        .size()
                                == 1
                        && robot.lookup("#outputView .find-match").queryAll().size() > 1));
        assertThat(onFx(() -> robot.lookup("#outputView .find-current")
                        .queryAs(Label.class)
                        .getText()))
                .isEqualToIgnoringCase("match");

        robot.clickOn("#findField");
        robot.press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT);
        robot.write("zzz");
        waitUntil("nothing matches", 5, () -> text(robot, "#findCount").equals("not found"));
        assertThat(onFx(() -> robot.lookup("#findCount").query().getStyleClass()))
                .contains("not-found");
        robot.type(KeyCode.ESCAPE);
        waitUntil(
                "Escape closes it",
                5,
                () -> !onFx(() -> robot.lookup("#findBar").query().isVisible()));
        assertThat(onFx(() -> robot.lookup("#outputView .find-match").queryAll()))
                .isEmpty();

        robot.clickOn("#findButton");
        waitUntil(
                "the header's button opens it",
                5,
                () -> onFx(() -> robot.lookup("#findBar").query().isVisible()));
    }

    @Test
    void aFollowedFloodEndsWithItsLastLineInViewAndTheHeaderStaysWholeAtTheDefaultSize(FxRobot robot) {
        // The window's default size, as a new user sees it.
        assertThat(onFx(() -> stage.getScene().getWidth())).isEqualTo(1280);
        flood(robot);
    }

    @Test
    void aFollowedFloodEndsWithItsLastLineInViewAndTheHeaderStaysWholeAt1024x640(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(Workbench.MIN_WIDTH);
            stage.setHeight(Workbench.MIN_HEIGHT);
        });
        waitUntil("the window is 1024×640", 5, () -> stage.getScene().getWidth() == Workbench.MIN_WIDTH);
        flood(robot);
    }

    /**
     * The flood, run as a user runs it (Run's shortcut in the editor): 300,000 lines, while
     * the view follows the tail. Afterwards the last line is on screen, whole; the header keeps its
     * title and buttons whole under the "lines dropped" notice, the find bar opens whole under it; and
     * the window kept answering all along, measured two ways: the gaps between FX pulses, and how long
     * a task posted to the FX thread every 10 ms waited to run.
     */
    private void flood(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        String code = "for (int i = 0; i < 300_000; i++) System.out.println(\"flood \" + i);";
        focusEditor(robot);
        setCode(code);
        WaitForAsyncUtils.waitForFxEvents();
        // Measured from here: the flood, not the editor taking the code.
        AtomicLong lastPulse = new AtomicLong();
        AtomicLong maxGap = new AtomicLong();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long prev = lastPulse.getAndSet(now);
                if (prev != 0) {
                    maxGap.accumulateAndGet(now - prev, Math::max);
                }
            }
        };
        AtomicLong maxWait = new AtomicLong();
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        robot.interact(pulses::start);
        probe.scheduleAtFixedRate(
                () -> {
                    long posted = System.nanoTime();
                    Platform.runLater(() -> maxWait.accumulateAndGet(System.nanoTime() - posted, Math::max));
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
        ResultEntry flood;
        try {
            type(robot, Command.RUN.shortcut());
            waitUntil(
                    "the flood has run",
                    120,
                    () -> last(vm) != null && last(vm).status().isDone());
            flood = last(vm);
            waitUntil("the last line is in the list", 30, () -> lastText(vm).equals("flood 299999"));
            // Once the output has ended, the view stands still: the last line, whole, at its bottom.
            waitUntil(
                    "the last line is on screen, whole",
                    10,
                    () -> lastShownWhole(robot).equals("flood 299999"));
        } finally {
            probe.shutdownNow();
            robot.interact(pulses::stop);
        }
        assertThat(flood.status()).isEqualTo(ResultEntry.Status.OK);
        Duration worstGap = Duration.ofNanos(maxGap.get());
        Duration worstWait = Duration.ofNanos(maxWait.get());
        System.out.println("300,000-line flood at " + (int) stage.getScene().getWidth() + "×"
                + (int) stage.getScene().getHeight() + ": worst gap between two FX pulses " + worstGap.toMillis()
                + " ms, worst wait of a task posted to the FX thread " + worstWait.toMillis() + " ms");
        // A freeze detector, not a speed figure: a shared 2-core machine stalls for most of a second at times.
        assertThat(worstGap)
                .as("longest gap between two FX pulses: the window never freezes")
                .isLessThan(TestTime.generous(Duration.ofSeconds(3)));
        assertThat(worstWait)
                .as("longest wait of a task on the FX thread: the window never freezes")
                .isLessThan(TestTime.generous(Duration.ofSeconds(3)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lastShownWhole(robot)).as("the tail stays in view").isEqualTo("flood 299999");

        // The list is capped; what it dropped is counted (300,000 lines and the run's separator).
        int cap = vm.output().cap();
        assertThat(lines(vm)).hasSizeLessThanOrEqualTo(cap);
        long dropped = vm.output().droppedLines().get();
        assertThat(dropped + lines(vm).size()).isEqualTo(300_001);
        waitUntil(
                "the notice says how many lines were dropped",
                5,
                () -> text(robot, "#outputDropped").startsWith(dropped + " earlier lines dropped"));
        // The header keeps its title and controls whole; the notice, under it, is whole too.
        WaitForAsyncUtils.waitForFxEvents();
        Parent header = onFx(() -> robot.lookup("#outputTitle").query().getParent());
        assertHeaderWhole(robot, header);
        assertThat(onFx(() -> robot.lookup("#outputDropped").query().getParent() != header))
                .isTrue();
        Label notice = robot.lookup("#outputDropped").queryAs(Label.class);
        assertThat(onFx(() -> UiLook.displayed(notice))).isEqualTo(onFx(notice::getText));

        // The find bar opens under the notice, its field usable, the header still whole.
        robot.clickOn("#findButton");
        waitUntil(
                "the find bar is open",
                5,
                () -> onFx(() -> UiLook.shown(robot.lookup("#findField").query())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> robot.lookup("#findField").queryAs(Region.class).getWidth()))
                .as("the find field's width")
                .isGreaterThan(80);
        assertHeaderWhole(robot, header);
        assertThat(onFx(() -> UiLook.cutOff((Parent) robot.lookup("#findBar").query())))
                .isEmpty();
        assertThat(lastShownWhole(robot)).as("the tail still in view").isEqualTo("flood 299999");
    }

    /** The header's title, Find, Copy and Clear: on screen, each text whole, within the header. */
    private static void assertHeaderWhole(FxRobot robot, Parent header) {
        assertThat(onFx(() -> UiLook.cutOff(header))).isEmpty();
        List<String> shown = onFx(() -> header.getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Labeled l && UiLook.shown(l))
                .map(n -> UiLook.displayed((Labeled) n))
                .toList());
        assertThat(shown).contains("Find", "Copy", "Clear");
        assertThat(shown.get(0)).startsWith("Output · ");
        double right = onFx(() -> header.getLayoutBounds().getWidth());
        assertThat(onFx(() -> header.getChildrenUnmodifiable().stream()
                        .filter(n -> n instanceof Labeled)
                        .allMatch(n -> n.getBoundsInParent().getMaxX() <= right + 0.5)))
                .as("every control within the header")
                .isTrue();
    }

    @Test
    void aUserWhoScrolledUpStaysWhereTheyAreUntilTheyAreBackAtTheBottom(FxRobot robot) {
        WorkerViewModel vm = newWorker(robot);
        // More than the cap (10,000 lines): from now on every line printed drops one from the top.
        run(robot, vm, "for (int i = 0; i < 12_000; i++) System.out.println(\"line \" + i);");
        waitUntil("the tail is followed", 30, () -> lastShownWhole(robot).equals("line 11999"));

        // The user scrolls up with the wheel to read.
        Node list = robot.lookup("#outputView").query();
        wheelUp(robot, 400);
        waitUntil("scrolled up", 10, () -> !lastShownWhole(robot).equals("line 11999"));
        WaitForAsyncUtils.waitForFxEvents();
        String reading = firstShown(robot);
        assertThat(reading).startsWith("line ");

        // More output: 3,000 lines more push 3,000 off the top, yet the view shows what the user reads.
        robot.clickOn(list);
        runByShortcut(robot, vm, "for (int i = 0; i < 3_000; i++) System.out.println(\"more \" + i);");
        waitUntil("the new lines arrived", 30, () -> lastText(vm).equals("more 2999"));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(firstShown(robot)).as("the view stays where the user put it").isEqualTo(reading);
        assertThat(lastShownWhole(robot)).isNotEqualTo("more 2999");

        // Back at the bottom (End), the view follows again.
        robot.type(KeyCode.END);
        waitUntil("at the bottom", 10, () -> lastShownWhole(robot).equals("more 2999"));
        runByShortcut(robot, vm, "for (int i = 0; i < 50; i++) System.out.println(\"tail \" + i);");
        waitUntil("the new tail is followed", 10, () -> lastShownWhole(robot).equals("tail 49"));
    }
}
