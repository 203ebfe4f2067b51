package dev.kiln.app.command;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;

/**
 * What each {@link Command} does in one window, and when its button is greyed out. The toolbar
 * and menus read it; {@link #installShortcuts(Scene)} makes every command's keys run it.
 */
public final class CommandTable {
    private final Map<Command, Runnable> actions = new EnumMap<>(Command.class);
    private final Map<Command, ObservableBooleanValue> disabled = new EnumMap<>(Command.class);
    private final ObservableBooleanValue never = new ReadOnlyBooleanWrapper(false).getReadOnlyProperty();

    /** Binds {@code command} to {@code action}; returns this table. */
    public CommandTable on(Command command, Runnable action) {
        actions.put(command, action);
        return this;
    }

    /** Greys out the command's button and menu item while {@code condition} holds; its keys still work. */
    public CommandTable disableWhen(Command command, ObservableBooleanValue condition) {
        disabled.put(command, condition);
        return this;
    }

    /** Whether the command is greyed out now (never, unless {@link #disableWhen} says so). */
    public ObservableBooleanValue disabled(Command command) {
        return disabled.getOrDefault(command, never);
    }

    /** Runs the command's action. */
    public void run(Command command) {
        Runnable action = actions.get(command);
        if (action == null) {
            throw new IllegalStateException("no action is bound to " + command);
        }
        action.run();
    }

    /** The bound command whose keys match {@code event}, if any. */
    public Optional<Command> commandFor(KeyEvent event) {
        for (Command c : actions.keySet()) {
            if (c.keys().stream().anyMatch(k -> k.match(event))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Runs the command whose keys match a key press and consumes the press; returns whether one did. */
    public boolean handle(KeyEvent event) {
        Optional<Command> c = commandFor(event);
        c.ifPresent(command -> {
            event.consume();
            run(command);
        });
        return c.isPresent();
    }

    /**
     * Makes the commands' keys work anywhere in the scene. A filter, so the editor cannot swallow
     * Ctrl+Enter and friends first.
     */
    public void installShortcuts(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::handle);
    }
}
