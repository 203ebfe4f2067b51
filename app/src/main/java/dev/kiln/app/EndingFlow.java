package dev.kiln.app;

import dev.kiln.WorkerState;
import dev.kiln.app.command.Command;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import dev.kiln.app.view.Confirm;
import javafx.stage.Stage;

/**
 * Stop, Kill and Restart of the selected worker: each asks first where work would be lost (Kill
 * always; Stop and Restart while the worker runs code), then acts.
 */
final class EndingFlow {
    private final Stage stage;
    private final WorkbenchViewModel vm;

    EndingFlow(Stage stage, WorkbenchViewModel vm) {
        this.stage = stage;
        this.vm = vm;
    }

    /** Kill, asking first. */
    void kill() {
        WorkerViewModel s = vm.selected();
        if (s == null || s.state() == WorkerState.EXITED) {
            return;
        }
        Confirm.destructive(
                stage,
                "killDialog",
                "Kill worker",
                "Kill " + s.name() + "?",
                "Kill " + s.name() + " (pid " + s.pid()
                        + ")? Its process ends at once; running code and unsaved state in it are lost.",
                "Kill",
                s::kill);
    }

    /** Stop, asking first while the worker runs code (Interrupt would keep the worker). */
    void stop() {
        WorkerViewModel s = vm.selected();
        if (s == null) {
            return;
        }
        if (!s.isBusy()) {
            s.stop();
            return;
        }
        Confirm.destructive(
                stage,
                "stopDialog",
                "Stop worker",
                "Stop " + s.name() + " while it runs code?",
                s.name() + " (pid " + s.pid() + ") is running code. Stop ends its process: the run and every"
                        + " variable in it are lost. To end only the run, use "
                        + Command.INTERRUPT.labelWithShortcut() + ".",
                "Stop",
                s::stop);
    }

    /** Restart, asking first while the worker runs code. */
    void restart() {
        WorkerViewModel s = vm.selected();
        if (s == null) {
            return;
        }
        if (!s.isBusy()) {
            vm.restart(s);
            return;
        }
        Confirm.destructive(
                stage,
                "restartDialog",
                "Restart worker",
                "Restart " + s.name() + " while it runs code?",
                s.name() + " (pid " + s.pid() + ") is running code. Restart ends its process first: the run and"
                        + " every variable in it are lost. Its results and output stay.",
                "Restart",
                () -> vm.restart(s));
    }
}
