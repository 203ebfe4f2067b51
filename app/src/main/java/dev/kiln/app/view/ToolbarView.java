package dev.kiln.app.view;

import dev.kiln.app.command.Command;
import dev.kiln.app.command.CommandTable;
import dev.kiln.app.model.ViewOptions;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The workbench's toolbar: New worker (its arrow opens the dialog), the worker's commands, then
 * files, zoom (the button between − and + shows the zoom and resets it), the memory chart's
 * toggle and theme. Every button is made from its {@link Command} (id, label, icon, tooltip
 * with the shortcut) and runs and greys out as the {@link CommandTable} says.
 */
public final class ToolbarView extends ToolBar {
    /** An icon's size against the window's font size: icons follow the zoom with the text. */
    static final double ICON_SCALE = 1.1;

    private final IntegerBinding iconSize;

    public ToolbarView(CommandTable commands, ObservableBooleanValue dark, ViewOptions view) {
        iconSize = Bindings.createIntegerBinding(
                () -> (int) Math.round(view.fontSize() * ICON_SCALE), view.fontSizeProperty());
        SplitMenuButton newWorker = new SplitMenuButton(menuItem(Command.NEW_WORKER_DIALOG, commands));
        newWorker.setId(Command.NEW_WORKER.id());
        newWorker.setText(Command.NEW_WORKER.label());
        Command.NEW_WORKER.icon().ifPresent(i -> newWorker.setGraphic(icon(i)));
        newWorker.setOnAction(e -> commands.run(Command.NEW_WORKER));
        newWorker.disableProperty().bind(commands.disabled(Command.NEW_WORKER));
        newWorker.setTooltip(new Tooltip(
                Command.NEW_WORKER.tooltip() + "; the arrow opens " + Command.NEW_WORKER_DIALOG.labelWithShortcut()));

        Button run = button(Command.RUN, commands, true);
        run.getStyleClass().add("run-button");
        Button kill = button(Command.KILL, commands, true);
        kill.getStyleClass().add("kill-button");
        Button theme = button(Command.THEME, commands, false);
        // The theme button shows the theme it switches to: a moon in the light theme, a sun in the dark.
        dark.addListener((o, was, now) -> theme.setGraphic(icon(now ? Feather.SUN : Feather.MOON)));
        theme.setGraphic(icon(dark.get() ? Feather.SUN : Feather.MOON));

        Button zoomReset = button(Command.ZOOM_RESET, commands, false);
        zoomReset.textProperty().bind(view.zoomTextProperty());
        zoomReset.getStyleClass().add("zoom-reset");
        // Pressing it flips the option; the command (its shortcut) flips the same option.
        ToggleButton chart = new ToggleButton();
        chart.setId(Command.CHART.id());
        Command.CHART.icon().ifPresent(i -> chart.setGraphic(icon(i)));
        chart.setTooltip(new Tooltip(Command.CHART.tooltip()));
        chart.selectedProperty().bindBidirectional(view.chartShownProperty());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getItems()
                .addAll(
                        newWorker,
                        new Separator(Orientation.VERTICAL),
                        run,
                        button(Command.INTERRUPT, commands, true),
                        button(Command.STOP, commands, true),
                        kill,
                        button(Command.RESTART, commands, true),
                        grow,
                        button(Command.NEW_DOCUMENT, commands, false),
                        button(Command.OPEN, commands, false),
                        button(Command.SAVE, commands, false),
                        button(Command.SAVE_AS, commands, false),
                        new Separator(Orientation.VERTICAL),
                        button(Command.ZOOM_OUT, commands, false),
                        zoomReset,
                        button(Command.ZOOM_IN, commands, false),
                        new Separator(Orientation.VERTICAL),
                        chart,
                        theme);
    }

    /** A toolbar button for {@code command}: its label only where {@code withLabel}, else its icon alone. */
    private Button button(Command command, CommandTable commands, boolean withLabel) {
        Button b = new Button(withLabel ? command.label() : null);
        command.icon().ifPresent(i -> b.setGraphic(icon(i)));
        b.setId(command.id());
        b.setTooltip(new Tooltip(command.tooltip()));
        b.setOnAction(e -> commands.run(command));
        b.disableProperty().bind(commands.disabled(command));
        return b;
    }

    /** A menu item for {@code command}, its shortcut beside its label. */
    private MenuItem menuItem(Command command, CommandTable commands) {
        MenuItem item = new MenuItem(command.label() + "  (" + command.shortcutText() + ")");
        command.icon().ifPresent(i -> item.setGraphic(icon(i)));
        item.setId(command.id());
        item.setOnAction(e -> commands.run(command));
        item.disableProperty().bind(commands.disabled(command));
        return item;
    }

    private FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().add("tool-icon");
        // set, not bound: the theme's stylesheet sets -fx-icon-size on hover and focus, and a bound
        // property refuses CSS with a logged error; FontIcon writes the size into its inline style,
        // which wins over the theme
        i.setIconSize(iconSize.get());
        iconSize.addListener((o, was, now) -> i.setIconSize(now.intValue()));
        return i;
    }
}
