package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerState;
import dev.kiln.app.command.Command;
import dev.kiln.app.model.WorkerViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Maven dependencies in the workbench, resolved for real from a repository the test lays out (a
 * settings file, {@code kiln.maven.settings}, mirrors every repository to it: no network): the New
 * worker dialog's Dependencies field, and Add dependency… on a running worker from its context
 * menu; both check what is written, say what cannot be resolved, and the details pane lists the jars.
 */
class DependenciesUiTest extends WorkbenchUiTestBase {
    @TempDir
    Path maven;

    private String settingsBefore;
    private String repoLocalBefore;

    @Start
    void start(Stage s) {
        startWorkbench(s);
    }

    @BeforeEach
    void offlineRepository() throws Exception {
        Path settings = TestMavenRepo.settings(maven);
        settingsBefore = System.getProperty("kiln.maven.settings");
        repoLocalBefore = System.getProperty("maven.repo.local");
        System.setProperty("kiln.maven.settings", settings.toString());
        // A Maven build may pass its own maven.repo.local to tests, which would win over the settings' one.
        System.clearProperty("maven.repo.local");
    }

    @AfterEach
    void restoreProperties() {
        restore("kiln.maven.settings", settingsBefore);
        restore("maven.repo.local", repoLocalBefore);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static void fill(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryTextInputControl().setText(text));
    }

    private static void waitForText(FxRobot robot, String id, String part) {
        waitUntil(
                id + " says " + part,
                60,
                () -> onFx(() -> robot.lookup(id)
                        .tryQuery()
                        .map(n -> n.isVisible() && ((Label) n).getText().contains(part))
                        .orElse(false)));
    }

    private void openNewWorkerDialog(FxRobot robot) {
        robot.interact(stage::requestFocus);
        robot.clickOn("#editor");
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitUntil(
                "the dialog is open",
                10,
                () -> robot.lookup("#newWorkerDependencies").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theNewWorkerDialogResolvesItsDependenciesAndRemembersThem(FxRobot robot) throws Exception {
        openNewWorkerDialog(robot);
        fill(robot, "#newWorkerDependencies", "dev.kiln.test:greeter");
        robot.clickOn("#newWorkerStart");
        waitForText(robot, "#newWorkerError", "\"dev.kiln.test:greeter\" is not a Maven coordinate");

        fill(robot, "#newWorkerDependencies", "dev.kiln.test:nope:1.0");
        robot.clickOn("#newWorkerStart");
        waitForText(robot, "#newWorkerError", "Could not resolve dev.kiln.test:nope:1.0: there is no such artifact");
        assertThat(text(robot, "#newWorkerError"))
                .contains("test-mirror (" + maven.resolve("repository").toUri());
        assertThat(workbench.viewModel().workers()).as("nothing started").isEmpty();

        fill(robot, "#newWorkerDependencies", TestMavenRepo.GREETER + "\n");
        robot.clickOn("#newWorkerStart");
        waitUntil(
                "a worker is in the list",
                60,
                () -> workbench.viewModel().workers().size() == 1);
        WorkerViewModel vm = workbench.viewModel().workers().get(0);
        waitUntil("the worker is idle", 60, () -> vm.state() == WorkerState.IDLE);
        assertThat(vm.worker().evalFetch("demo.greet.Greeter.greet(\"dialog\")"))
                .isEqualTo("Hello, DIALOG!");
        waitUntil(
                "the details pane lists both jars",
                10,
                () -> text(robot, "#detail-classpath").equals("greeter-1.0.jar\nshout-1.0.jar"));

        openNewWorkerDialog(robot);
        assertThat(onFx(() -> robot.lookup("#newWorkerDependencies")
                        .queryTextInputControl()
                        .getText()))
                .as("remembered for the next New worker")
                .isEqualTo(TestMavenRepo.GREETER + "\n");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    @Test
    void addDependencyFromTheContextMenuGivesARunningWorkerTheLibrary(FxRobot robot) throws Exception {
        WorkerViewModel vm = newWorker(robot);
        vm.worker().evalWait("int kept = 7;");
        Node row = robot.lookup("#workerList .worker-cell")
                .match((TreeCell<?> c) -> c.getItem() == vm)
                .queryAs(Node.class);
        robot.clickOn(row);
        // The row's context menu (headless Monocle opens none on a right click): its Add dependency… item.
        robot.interact(() -> ((Control) row)
                .getContextMenu().getItems().stream()
                        .filter(item -> Command.ADD_DEPENDENCY.id().equals(item.getId()))
                        .findFirst()
                        .orElseThrow()
                        .fire());
        waitUntil(
                "the dialog is open",
                10,
                () -> robot.lookup("#addDependencyCoordinates").tryQuery().isPresent());

        fill(robot, "#addDependencyCoordinates", "greeter");
        robot.clickOn("#addDependencyAdd");
        waitForText(robot, "#addDependencyError", "\"greeter\" is not a Maven coordinate");

        fill(robot, "#addDependencyCoordinates", "dev.kiln.test:nope:1.0");
        robot.clickOn("#addDependencyAdd");
        waitForText(robot, "#addDependencyError", "Could not resolve dev.kiln.test:nope:1.0");

        fill(robot, "#addDependencyCoordinates", TestMavenRepo.GREETER);
        robot.clickOn("#addDependencyAdd");
        waitUntil(
                "the dialog closes once the worker has the jars",
                60,
                () -> robot.lookup("#addDependencyCoordinates").tryQuery().isEmpty());
        assertThat(vm.worker().evalFetch("demo.greet.Greeter.greet(\"live\")")).isEqualTo("Hello, LIVE!");
        assertThat(vm.worker().evalFetch("kept")).as("the same worker").isEqualTo(7);
        assertThat(workbench.viewModel().messageProperty().get())
                .isEqualTo("Added to " + vm.name() + ": greeter-1.0.jar, shout-1.0.jar");
        waitUntil(
                "the details pane lists both jars",
                10,
                () -> text(robot, "#detail-classpath").equals("greeter-1.0.jar\nshout-1.0.jar"));
        String shots = System.getProperty("kiln.screenshots");
        if (shots != null) {
            Path dir = Files.createDirectories(Path.of(shots));
            robot.interact(() -> {
                try {
                    UiLook.snapshot(stage.getScene(), dir.resolve("dependencies-details.png"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }
}
