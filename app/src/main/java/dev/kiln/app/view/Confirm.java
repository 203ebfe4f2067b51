package dev.kiln.app.view;

import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The questions the workbench asks before it loses work. In each, Cancel is the default button:
 * Enter and Escape both leave everything as it was; the button that loses work must be clicked.
 * None waits in a nested event loop: the answer comes back as an event.
 *
 * <p>Every dialog pane has an id, and every button the id of its pane plus its role
 * ({@code stopDialogConfirm}, {@code stopDialogCancel}, {@code saveChangesDialogDontSave}...),
 * so the UI tests can answer them.
 */
public final class Confirm {
    /** The answers to "save the changes first?". */
    public enum SaveChoice {
        SAVE,
        DONT_SAVE,
        CANCEL
    }

    private Confirm() {}

    /**
     * Asks before an action that loses work; {@code onConfirm} runs if the user clicks the
     * {@code action} button. Returns the dialog, already showing.
     */
    public static Alert destructive(
            Window owner, String id, String title, String header, String text, String action, Runnable onConfirm) {
        ButtonType confirm = new ButtonType(action, ButtonData.APPLY);
        ButtonType cancel = new ButtonType("Cancel", ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.WARNING, text, cancel, confirm);
        a.setTitle(title);
        a.setHeaderText(header);
        a.initOwner(owner);
        a.getDialogPane().setId(id);
        button(a, confirm).setId(id + "Confirm");
        button(a, cancel).setId(id + "Cancel");
        cancelIsDefault(a, cancel);
        a.setOnHidden(e -> {
            if (a.getResult() == confirm) {
                onConfirm.run();
            }
        });
        a.show();
        return a;
    }

    /**
     * Asks whether to save the document's unsaved changes before {@code what} (e.g. "opening
     * another file"); {@code then} gets the answer (closing the dialog is Cancel).
     */
    public static Alert saveChanges(Window owner, String documentName, String what, Consumer<SaveChoice> then) {
        ButtonType save = new ButtonType("Save", ButtonData.APPLY);
        ButtonType dontSave = new ButtonType("Don't save", ButtonData.LEFT);
        ButtonType cancel = new ButtonType("Cancel", ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(
                Alert.AlertType.WARNING,
                "The changes to " + documentName + " are not saved in any file. Don't save discards them.",
                dontSave,
                cancel,
                save);
        a.setTitle("Unsaved changes");
        a.setHeaderText("Save the changes to " + documentName + " before " + what + "?");
        a.initOwner(owner);
        String id = "saveChangesDialog";
        a.getDialogPane().setId(id);
        button(a, save).setId(id + "Save");
        button(a, dontSave).setId(id + "DontSave");
        button(a, cancel).setId(id + "Cancel");
        cancelIsDefault(a, cancel);
        a.setOnHidden(e -> {
            ButtonType r = a.getResult();
            then.accept(r == save ? SaveChoice.SAVE : r == dontSave ? SaveChoice.DONT_SAVE : SaveChoice.CANCEL);
        });
        a.show();
        return a;
    }

    private static Button button(Alert a, ButtonType t) {
        return (Button) a.getDialogPane().lookupButton(t);
    }

    /** No button data is both cancel and default: Cancel is made the default by hand. */
    private static void cancelIsDefault(Alert a, ButtonType cancel) {
        for (ButtonType t : a.getButtonTypes()) {
            button(a, t).setDefaultButton(t == cancel);
        }
    }
}
