package dev.kiln.app.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.app.editor.CodeEditor;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Key presses through the command table. The JavaFX toolkit is started (ApplicationExtension):
 * matching a Shortcut key asks it which key Shortcut is on this OS.
 */
@ExtendWith(ApplicationExtension.class)
class CommandTableTest {
    private final List<Command> ran = new ArrayList<>();

    private CommandTable tableRecordingEveryCommand() {
        CommandTable table = new CommandTable();
        for (Command c : Command.values()) {
            table.on(c, () -> ran.add(c));
        }
        return table;
    }

    @Test
    void everyKeyOfEveryCommandRunsThatCommandAndNoOther() {
        CommandTable table = tableRecordingEveryCommand();
        for (Command c : Command.values()) {
            for (KeyCombination k : c.keys()) {
                ran.clear();
                KeyEvent press = Keys.press(k);
                assertThat(table.handle(press)).as(k.getDisplayText()).isTrue();
                assertThat(ran).as(k.getDisplayText()).containsExactly(c);
                assertThat(press.isConsumed())
                        .as("%s is consumed, so the editor does not see it too", k.getDisplayText())
                        .isTrue();
            }
        }
    }

    @Test
    void keysNoCommandTakesAreLeftToTheFocusedControl() {
        CommandTable table = tableRecordingEveryCommand();
        for (KeyEvent press : List.of(
                Keys.press(CodeEditor.COMPLETE),
                new KeyEvent(KeyEvent.KEY_PRESSED, "n", "n", KeyCode.N, false, false, false, false),
                new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ENTER, false, false, false, false))) {
            assertThat(table.handle(press)).as(press.getCode().getName()).isFalse();
            assertThat(press.isConsumed()).isFalse();
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void aCommandWithoutAnActionTakesNoKeys() {
        CommandTable table = new CommandTable().on(Command.RUN, () -> ran.add(Command.RUN));
        KeyEvent stop = Keys.press(Command.STOP.shortcut());
        assertThat(table.handle(stop)).isFalse();
        assertThat(stop.isConsumed()).isFalse();
        assertThatThrownBy(() -> table.run(Command.STOP)).hasMessageContaining("STOP");
    }

    @Test
    void aCommandIsGreyedOutExactlyWhileItsConditionHolds() {
        SimpleBooleanProperty noWorker = new SimpleBooleanProperty(true);
        CommandTable table = tableRecordingEveryCommand().disableWhen(Command.STOP, noWorker);
        assertThat(table.disabled(Command.STOP).get()).isTrue();
        noWorker.set(false);
        assertThat(table.disabled(Command.STOP).get()).isFalse();
        assertThat(table.disabled(Command.RUN).get()).as("no condition: never").isFalse();
    }
}
