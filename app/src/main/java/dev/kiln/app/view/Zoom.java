package dev.kiln.app.view;

import java.util.List;
import javafx.beans.value.ObservableIntegerValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBar;
import javafx.scene.layout.Region;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Zoom as a browser does it: the font size of a window's root, which every control follows
 * (sizes in the theme and in {@code kiln.css} are in ems), applied to the workbench's window
 * and to every window it owns (dialogs, popups), each sized with the zoom it shows with.
 */
public final class Zoom {
    private Zoom() {}

    /** Makes {@code stage} and the windows it owns, now and later, follow {@code fontSize} (pixels). */
    public static void follow(Stage stage, ObservableIntegerValue fontSize) {
        apply(stage.getScene(), fontSize.get());
        fontSize.addListener((o, was, now) -> {
            for (Window w : Window.getWindows()) {
                if (ownedBy(w, stage)) {
                    apply(w.getScene(), now.intValue());
                }
            }
        });
        // A window joins this list before it is sized for showing: it is sized with the zoom.
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                for (Window w : c.getAddedSubList()) {
                    if (w != stage && ownedBy(w, stage)) {
                        apply(w.getScene(), fontSize.get());
                    }
                }
            }
        });
    }

    /** The inline style that sets a root's font size. */
    public static String style(int fontSize) {
        return "-fx-font-size: " + fontSize + "px;";
    }

    private static void apply(Scene scene, int fontSize) {
        Parent root = scene == null ? null : scene.getRoot();
        if (root == null || root.getStyle().equals(style(fontSize))) {
            return;
        }
        root.setStyle(style(fontSize));
        root.applyCss();
        // A dialog's button bar fixes its buttons' widths when first laid out, which a dialog is
        // before it shows: measured again at this size, "Cancel" is not cut to "Can…".
        for (Node n : root.lookupAll(".button-bar")) {
            if (n instanceof ButtonBar bar) {
                List<Node> buttons = List.copyOf(bar.getButtons());
                for (Node b : buttons) {
                    if (b instanceof Region r) {
                        r.setPrefWidth(Region.USE_COMPUTED_SIZE);
                    }
                }
                bar.getButtons().setAll(buttons);
            }
        }
    }

    private static boolean ownedBy(Window w, Stage stage) {
        for (Window at = w; at != null; at = owner(at)) {
            if (at == stage) {
                return true;
            }
        }
        return false;
    }

    private static Window owner(Window w) {
        if (w instanceof Stage s) {
            return s.getOwner();
        }
        if (w instanceof PopupWindow p) {
            return p.getOwnerWindow();
        }
        return null;
    }
}
