package dev.kiln.app.command;

import dev.kiln.platform.OsFamily;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCombination.ModifierValue;
import javafx.scene.input.KeyEvent;

/** The key presses that make up a key combination, as this OS types them (Shortcut: ⌘ on macOS, else Ctrl). */
public final class Keys {
    private Keys() {}

    private static boolean mac() {
        return OsFamily.current() == OsFamily.MACOS;
    }

    private static boolean down(ModifierValue v) {
        return v == ModifierValue.DOWN;
    }

    /** A key press event that {@code k} matches. */
    public static KeyEvent press(KeyCombination k) {
        KeyCodeCombination c = (KeyCodeCombination) k;
        boolean shortcut = down(c.getShortcut());
        return new KeyEvent(
                KeyEvent.KEY_PRESSED,
                "",
                "",
                c.getCode(),
                down(c.getShift()),
                down(c.getControl()) || (shortcut && !mac()),
                down(c.getAlt()),
                down(c.getMeta()) || (shortcut && mac()));
    }

    /** The keys to hold, modifiers first, for a robot to type {@code k}. */
    public static KeyCode[] codes(KeyCombination k) {
        KeyCodeCombination c = (KeyCodeCombination) k;
        List<KeyCode> keys = new ArrayList<>();
        if (down(c.getShortcut())) {
            keys.add(mac() ? KeyCode.COMMAND : KeyCode.CONTROL);
        }
        if (down(c.getControl())) {
            keys.add(KeyCode.CONTROL);
        }
        if (down(c.getShift())) {
            keys.add(KeyCode.SHIFT);
        }
        if (down(c.getAlt())) {
            keys.add(KeyCode.ALT);
        }
        if (down(c.getMeta())) {
            keys.add(KeyCode.META);
        }
        keys.add(c.getCode());
        return keys.toArray(KeyCode[]::new);
    }
}
