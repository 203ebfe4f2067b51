package dev.kiln.app.view;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The header bar over each pane of the workbench: its title, then the pane's own controls. The
 * title and every labelled control keep their whole text (never "…"): a narrow pane shrinks
 * its other controls (a search field) and grows no narrower than that.
 */
public final class PaneHeader {
    private PaneHeader() {}

    public static HBox of(String title, Node... controls) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, label);
        bar.getChildren().addAll(controls);
        for (Node c : controls) {
            if (c instanceof Labeled l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("pane-header");
        return bar;
    }
}
