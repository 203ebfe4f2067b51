package dev.kiln.app.view;

import dev.kiln.InputRequest;
import dev.kiln.app.model.WorkerInput;
import dev.kiln.app.model.WorkerViewModel;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The input line under the output ({@code #inputBar}), shown while the selected worker's code waits
 * on {@code System.in}: the prompt it printed ({@code #inputPrompt}), a field ({@code #inputLine})
 * that takes the keyboard, Enter to send the line, Ctrl+D (or End input) to end the input. It goes
 * when the read is satisfied, interrupted, or the worker exits, unless the code reads again at once
 * (within a fifth of a second: two reads in a row keep it and its focus); the focus goes back where
 * it was.
 */
final class InputLine extends HBox {
    /** Ends the input in the field, as in a terminal (Control, not ⌘, on macOS too). */
    static final KeyCombination END_INPUT = new KeyCodeCombination(KeyCode.D, KeyCombination.CONTROL_DOWN);

    private final Label prompt = new Label();
    private final TextField field = new TextField();
    private final ChangeListener<InputRequest> follow = (o, was, now) -> showRequest(now);
    private final PauseTransition hide = new PauseTransition(Duration.millis(200));
    private WorkerViewModel shown;
    private Node focusBefore;

    InputLine() {
        super(6);
        setId("inputBar");
        getStyleClass().add("input-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 6, 3, 6));

        prompt.setId("inputPrompt");
        prompt.getStyleClass().add("input-prompt");
        prompt.setMinWidth(0);
        prompt.managedProperty().bind(prompt.visibleProperty());

        field.setId("inputLine");
        field.getStyleClass().add("input-field");
        field.setPromptText("Input for the running code: Enter sends the line, Ctrl+D ends the input");
        field.setMinWidth(80);
        HBox.setHgrow(field, Priority.ALWAYS);
        field.setOnAction(e -> {
            WorkerInput in = input();
            if (in != null && in.isWaiting()) {
                in.sendLine(field.getText());
                field.clear();
            }
        });
        field.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (END_INPUT.match(e)) {
                e.consume();
                endInput();
            }
        });

        Button end = new Button("End input");
        end.setId("endInputButton");
        end.getStyleClass().addAll("small", "flat");
        end.setMinWidth(Region.USE_PREF_SIZE);
        end.setTooltip(new Tooltip("End the input: the code reads the end of the stream (Ctrl+D in the field)"));
        end.setOnAction(e -> endInput());

        getChildren().addAll(prompt, field, end);
        hide.setOnFinished(e -> hideNow());
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    /** Follows the input of {@code vm} (null: none). */
    void show(WorkerViewModel vm) {
        if (shown != null) {
            shown.input().requestProperty().removeListener(follow);
        }
        shown = vm;
        if (vm != null) {
            vm.input().requestProperty().addListener(follow);
        }
        showRequest(vm == null ? null : vm.input().requestProperty().get());
    }

    private WorkerInput input() {
        return shown == null ? null : shown.input();
    }

    private void endInput() {
        WorkerInput in = input();
        if (in != null && in.isWaiting()) {
            in.end(field.getText());
            field.clear();
        }
    }

    private void showRequest(InputRequest r) {
        if (r == null) {
            // Not at once: code that reads again right away (two lines in a row) keeps the line and its focus.
            hide.playFromStart();
            return;
        }
        hide.stop();
        prompt.setText(r.prompt().strip());
        prompt.setVisible(!r.prompt().isBlank());
        if (!isVisible()) {
            focusBefore = getScene() == null ? null : getScene().getFocusOwner();
            setVisible(true);
        }
        field.requestFocus();
    }

    private void hideNow() {
        if (input() != null && input().isWaiting()) {
            return;
        }
        boolean hadFocus = field.isFocused();
        setVisible(false);
        if (hadFocus && focusBefore != null && focusBefore.getScene() == getScene()) {
            focusBefore.requestFocus();
        }
        focusBefore = null;
    }
}
