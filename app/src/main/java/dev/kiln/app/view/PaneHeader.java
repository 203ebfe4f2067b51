package dev.kiln.app.view;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** The header bar over each pane of the workbench: its title, then the pane's own controls. */
public final class PaneHeader {
    private PaneHeader() {}

    public static HBox of(String title, Node... controls) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        HBox bar = new HBox(6, label);
        bar.getChildren().addAll(controls);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        bar.getStyleClass().add("pane-header");
        return bar;
    }
}
