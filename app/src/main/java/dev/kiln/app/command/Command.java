package dev.kiln.app.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * Every command of the workbench, each defined once: the id of the node that offers it (the UI
 * tests look buttons up by it), its label, what it does, its icon and its shortcut. Toolbar
 * buttons, menu items, tooltips and key bindings are all built from here, so a shortcut shown in
 * a tooltip is the one that works. What a command does is bound in a {@link CommandTable}.
 *
 * <p>Shortcuts are written with {@code Shortcut}: Ctrl on Linux and Windows, ⌘ on macOS, and
 * shown as each OS writes them ({@link KeyCombination#getDisplayText()}).
 */
public enum Command {
    NEW_WORKER("newWorkerButton", "New worker", "Start a worker with defaults", Feather.PLUS, "Shortcut+Shift+N"),
    NEW_WORKER_DIALOG(
            "newWorkerDialogItem",
            "New worker…",
            "Choose the JDK, heap, flags, environment, class path and folder of a new worker",
            null,
            "Shortcut+N"),
    RUN("runButton", "Run", "Run the selection or the whole editor", Feather.PLAY, "Shortcut+Enter"),
    INTERRUPT(
            "interruptButton",
            "Interrupt",
            "Interrupt the running code; the worker lives on",
            Feather.PAUSE,
            "Shortcut+Period"),
    STOP(
            "stopButton",
            "Stop",
            "Stop the worker gracefully (asks first while code runs)",
            Feather.SQUARE,
            "Shortcut+F2"),
    KILL("killButton", "Kill", "Kill the worker's process, after asking", Feather.X_OCTAGON, "Shortcut+Shift+F2"),
    RESTART(
            "restartButton",
            "Restart",
            "Restart: a new process with the same name and settings (asks first while code runs)",
            Feather.ROTATE_CW,
            "Shortcut+F5"),
    ADD_DEPENDENCY(
            "addDependencyItem",
            "Add dependency…",
            "Add Maven libraries (groupId:artifactId:version) to the selected running worker",
            Feather.PACKAGE,
            "Shortcut+Shift+D"),
    NEW_DOCUMENT(
            "newDocumentButton",
            "New document",
            "Start an empty document (asks first about unsaved changes)",
            Feather.FILE_PLUS,
            "Shortcut+Alt+N"),
    OPEN("openButton", "Open…", "Open a .jsh file (asks first about unsaved changes)", Feather.FOLDER, "Shortcut+O"),
    SAVE(
            "saveButton",
            "Save",
            "Save the editor to its .jsh file (asks for a name the first time)",
            Feather.SAVE,
            "Shortcut+S"),
    SAVE_AS("saveAsButton", "Save as…", "Save the editor to a new .jsh file", Feather.COPY, "Shortcut+Shift+S"),
    // The keypad's keys, and + where it needs no Shift, do the same as the main keyboard's.
    // Zoom scales the whole window (its font size), not only the editor.
    ZOOM_OUT(
            "zoomOutButton",
            "Zoom out",
            "Make everything smaller",
            Feather.ZOOM_OUT,
            "Shortcut+Minus",
            "Shortcut+Subtract"),
    ZOOM_RESET("zoomResetButton", "Actual size", "Back to the normal size", null, "Shortcut+0", "Shortcut+Numpad 0"),
    ZOOM_IN(
            "zoomInButton",
            "Zoom in",
            "Make everything bigger, for a projector",
            Feather.ZOOM_IN,
            "Shortcut+Equals",
            "Shortcut+Plus",
            "Shortcut+Add"),
    FIND(
            "findButton",
            "Find",
            "Find text in the output: Enter goes to the next match, Shift+Enter to the previous, Escape closes",
            Feather.SEARCH,
            "Shortcut+F"),
    CHART("chartToggle", "Memory chart", "Show or hide the memory chart", Feather.ACTIVITY, "Shortcut+Shift+M"),
    THEME("themeButton", "Light or dark", "Light or dark theme", Feather.MOON, "Shortcut+Shift+L"),
    QUIT(
            "quit",
            "Quit",
            "Close the window and stop every worker (asks first about unsaved changes and running code)",
            null,
            "Shortcut+Q");

    private final String id;
    private final String label;
    private final String description;
    private final Ikon icon;
    private final KeyCombination shortcut;
    private final List<KeyCombination> alternatives;

    Command(String id, String label, String description, Ikon icon, String shortcut, String... alternatives) {
        this.id = id;
        this.label = label;
        this.description = description;
        this.icon = icon;
        this.shortcut = KeyCombination.keyCombination(shortcut);
        List<KeyCombination> more = new ArrayList<>();
        for (String a : alternatives) {
            more.add(KeyCombination.keyCombination(a));
        }
        this.alternatives = List.copyOf(more);
    }

    /** The id of the node that offers this command (a toolbar button's, a menu item's). */
    public String id() {
        return id;
    }

    /** The short name, on a button or a menu item. */
    public String label() {
        return label;
    }

    /** What the command does, in a sentence without its shortcut. */
    public String description() {
        return description;
    }

    /** Its icon, if it has one. */
    public Optional<Ikon> icon() {
        return Optional.ofNullable(icon);
    }

    /** The shortcut shown for this command. */
    public KeyCombination shortcut() {
        return shortcut;
    }

    /** The shortcut and the other keys that do the same (the keypad's +, for instance). */
    public List<KeyCombination> keys() {
        return Stream.concat(Stream.of(shortcut), alternatives.stream()).toList();
    }

    /** The shortcut as this OS writes it: "Ctrl+Shift+N" on Linux, "⇧⌘N" on macOS. */
    public String shortcutText() {
        return shortcut.getDisplayText();
    }

    /** The description, then the shortcut in parentheses: a tooltip. */
    public String tooltip() {
        return description + " (" + shortcutText() + ")";
    }

    /** The label, then the shortcut in parentheses: a reference to this command in a message. */
    public String labelWithShortcut() {
        return label + " (" + shortcutText() + ")";
    }
}
