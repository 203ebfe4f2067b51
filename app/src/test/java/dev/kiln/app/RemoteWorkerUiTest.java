package dev.kiln.app;

import static dev.kiln.app.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.WorkerState;
import dev.kiln.app.model.ResultEntry;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.ssh.SshTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A worker on another machine, started through New worker's Host field: a private OpenSSH server
 * on loopback (worker-runtime's {@link SshTestServer}, from its test jar) plays the other
 * machine, reached as the same user with a generated key. The test skips itself, saying why, where
 * OpenSSH's server cannot run (it needs {@code /usr/sbin/sshd}: Debian's openssh-server). The
 * worker's runtime is copied where a real remote worker's goes: {@code ~/.cache/kiln} of the user
 * on that machine, here this user's.
 */
class RemoteWorkerUiTest extends WorkbenchUiTestBase {
    @TempDir
    static Path sshdDir;

    static SshTestServer sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshTestServer.start(sshdDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.stop();
        }
    }

    @Start
    void start(Stage s) {
        startWorkbench(s);
    }

    private void openDialog(FxRobot robot) {
        focusEditor(robot);
        robot.press(KeyCode.SHORTCUT, KeyCode.N).release(KeyCode.N, KeyCode.SHORTCUT);
        waitUntil(
                "the dialog is open",
                10,
                () -> robot.lookup("#newWorkerHost").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> hostField(FxRobot robot) {
        return robot.lookup("#newWorkerHost").queryAs(ComboBox.class);
    }

    /** Fills Host, Identity file and Known hosts as a user would, then presses Start. */
    private void startThroughDialog(FxRobot robot, String name, Path knownHosts) throws Exception {
        openDialog(robot);
        assertThat(onFx(() -> robot.lookup("#newWorkerSshIdentity").query().isDisabled()))
                .as("no SSH key for a worker on this machine")
                .isTrue();
        robot.interact(() -> {
            hostField(robot).getEditor().setText(sshd.target());
            robot.lookup("#newWorkerName").queryTextInputControl().setText(name);
        });
        assertThat(onFx(() -> robot.lookup("#newWorkerSshIdentity").query().isDisabled()))
                .as("a key for a worker on another machine")
                .isFalse();
        robot.interact(() -> {
            robot.lookup("#newWorkerSshIdentity")
                    .queryTextInputControl()
                    .setText(sshd.userKey().toString());
            robot.lookup("#newWorkerKnownHosts").queryTextInputControl().setText(knownHosts.toString());
        });
        shoot(robot.lookup("#newWorkerHost").query().getScene(), "remote-" + name + "-dialog.png");
        robot.clickOn("#newWorkerStart");
        waitUntil(
                "the dialog is closed",
                30,
                () -> robot.lookup("#newWorkerHost").tryQuery().isEmpty());
    }

    private WorkerViewModel listed(String name) {
        waitUntil(
                name + " is in the list",
                60,
                () -> workbench.viewModel().workers().stream()
                        .anyMatch(w -> w.name().equals(name)));
        return workbench.viewModel().workers().stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aWorkerStartedOnAHostShowsItRunsCodeAndStopsWithNothingLeftThere(FxRobot robot) throws Exception {
        startThroughDialog(robot, "far", sshd.knownHosts());
        WorkerViewModel vm = listed("far");
        waitUntil("far is idle", 90, () -> vm.state() == WorkerState.IDLE);
        assertThat(vm.worker().host()).isEqualTo(sshd.target());
        assertThat(vm.worker().spec().usesHostJdk())
                .as("the JDK field's default (this machine's JDK) gave way to that machine's own")
                .isTrue();

        waitUntil(
                "its row names the machine",
                10,
                () -> onFx(() -> robot.lookup("#workerList .worker-host").queryAll().stream()
                        .anyMatch(n -> n.isVisible() && "@ 127.0.0.1".equals(((Label) n).getText()))));
        waitUntil("the details name the host", 10, () -> sshd.target().equals(text(robot, "#detail-host")));

        ResultEntry r = run(robot, vm, "1 + 1");
        assertThat(r.status()).isEqualTo(ResultEntry.Status.OK);
        assertThat(r.summary()).isEqualTo("2");
        shoot(stage.getScene(), "remote-far-window.png");

        // Jars are added while a worker runs only on this machine: the command says so instead of a dialog.
        focusEditor(robot);
        robot.press(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.SHORTCUT);
        waitUntil(
                "the status bar says where Add dependency works",
                10,
                () -> text(robot, "#statusMessage")
                        .startsWith("Add dependency… works for workers on this machine only: far runs on "
                                + sshd.target()));
        assertThat(showing(robot, "#addDependencyCoordinates")).isFalse();

        // The "other machine" is this one: its worker process runs under the SSH server's session.
        ProcessHandle remote = ProcessHandle.of(vm.pid()).orElseThrow();
        assertThat(remote.info().commandLine().orElse("")).contains("dev.kiln.worker.WorkerMain");
        robot.clickOn("#stopButton");
        waitUntil("far has exited", 60, () -> vm.state() == WorkerState.EXITED);
        remote.onExit().get(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("dev.kiln.worker.WorkerMain")))
                .as("no worker left under the SSH server")
                .isEmpty();

        // The host is offered first next time, in this run and (saved on close) in the next.
        openDialog(robot);
        assertThat(onFx(() -> List.copyOf(hostField(robot).getItems()))).startsWith(sshd.target());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(
                "the dialog is closed",
                10,
                () -> robot.lookup("#newWorkerHost").tryQuery().isEmpty());
        WaitForAsyncUtils.asyncFx(() -> workbench.close())
                .get(10, TimeUnit.SECONDS)
                .get(60, TimeUnit.SECONDS);
        assertThat(new Settings(config).recentHosts()).containsExactly(sshd.target());
    }

    @Test
    void anUnknownHostKeyIsToldWithItsFingerprintAndNothingStarts(FxRobot robot, @TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("known_hosts"), "");
        startThroughDialog(robot, "stranger", empty);
        WorkerViewModel vm = listed("stranger");
        waitUntil("stranger never started", 60, () -> vm.state() == WorkerState.EXITED);
        String fingerprint = fingerprint(sshd.hostKeyPub());
        waitUntil(
                "the status bar tells the unknown key",
                10,
                () -> text(robot, "#statusMessage").startsWith("stranger could not start"));
        String told = onFx(() ->
                robot.lookup("#statusMessage").queryAs(Label.class).getTooltip().getText());
        assertThat(told)
                .contains("the host key of [127.0.0.1]:" + sshd.port() + " is not known (ED25519 key fingerprint is "
                        + fingerprint + ")")
                .contains(empty + " has no entry for it")
                .contains("Check its host, SSH key and known hosts");
        waitUntil("the details name the host", 10, () -> sshd.target().equals(text(robot, "#detail-host")));
    }

    /** With {@code -Dkiln.screenshots=<folder>}, a snapshot of {@code scene} there, to look at. */
    private static void shoot(Scene scene, String name) throws Exception {
        String dir = System.getProperty("kiln.screenshots");
        if (dir != null && !dir.isBlank()) {
            Path file = Files.createDirectories(Path.of(dir)).resolve(name);
            UiLook.snapshot(scene, file);
        }
    }

    /** The key's SHA256 fingerprint as OpenSSH prints it ({@code SHA256:...}). */
    private static String fingerprint(Path publicKey) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.split(" ")[1];
    }
}
