package dev.kiln.app.model;

import dev.kiln.InputRequest;
import dev.kiln.KilnException;
import dev.kiln.Subscription;
import dev.kiln.Worker;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A worker's {@code System.in} as the workbench offers it: whether its code waits for input now
 * ({@link #requestProperty()}, with the prompt it printed), and the lines the user types, sent to it
 * and echoed into its output. Changed on the UI thread only; input leaves through the worker's own
 * request thread, in the order typed.
 */
public final class WorkerInput {
    /** What the output shows for an end of input the user sent (Ctrl+D, as a terminal echoes it). */
    public static final String END_ECHO = "^D";

    private final Worker worker;
    private final Ui ui;
    private final OutputBuffer output;
    private final Executor sender;
    private final Consumer<Notice> tell;
    private final ReadOnlyObjectWrapper<InputRequest> request = new ReadOnlyObjectWrapper<>(this, "request");
    private final Subscription subscription;

    /**
     * @param sender the worker's request thread: input is sent off the UI thread, in order
     * @param tell   where a failure to send is told (the worker's notice)
     */
    WorkerInput(Worker worker, Ui ui, OutputBuffer output, Executor sender, Consumer<Notice> tell) {
        this.worker = worker;
        this.ui = ui;
        this.output = output;
        this.sender = sender;
        this.tell = tell;
        this.subscription = worker.onInputRequest(r -> ui.post(() -> waiting(r)));
        worker.inputRequest().ifPresent(r -> ui.post(() -> waiting(r)));
    }

    private void waiting(InputRequest r) {
        if (!r.isPending()) {
            return;
        }
        request.set(r);
        // Input came, the input ended, the read was interrupted, or the worker exited.
        r.ended()
                .thenRun(() -> ui.post(() -> {
                    if (request.get() == r) {
                        request.set(null);
                    }
                }));
    }

    /** The read the worker's code waits on now, with its prompt; null while none waits. */
    public ReadOnlyObjectProperty<InputRequest> requestProperty() {
        return request.getReadOnlyProperty();
    }

    /** Whether code in the worker waits for input now. */
    public boolean isWaiting() {
        return request.get() != null;
    }

    /**
     * Sends {@code line} and a line break to the worker's {@code System.in}, and echoes it into the
     * output after its prompt (UI thread).
     */
    public void sendLine(String line) {
        output.input(line);
        send(() -> worker.sendInput(line + "\n"));
    }

    /**
     * Ends the worker's input (Ctrl+D): sends {@code typed} first if it is not empty (without a line
     * break, as a terminal does), then the end of the stream; reads then return -1 until more is sent
     * (UI thread).
     */
    public void end(String typed) {
        output.input(typed + END_ECHO);
        send(() -> {
            if (!typed.isEmpty()) {
                worker.sendInput(typed);
            }
            worker.closeInput();
        });
    }

    private void send(Runnable action) {
        try {
            sender.execute(() -> {
                try {
                    action.run();
                } catch (KilnException e) {
                    ui.post(this::notSent); // the worker has exited
                }
            });
        } catch (RejectedExecutionException e) {
            notSent(); // the worker has exited: its request thread is gone
        }
    }

    private void notSent() {
        tell.accept(
                Notice.error("The input did not reach " + worker.name() + ": it has exited. Restart starts it again."));
    }

    /** The worker has exited (UI thread): nothing waits any more. */
    void close() {
        subscription.close();
        request.set(null);
    }
}
