package dev.kiln.app.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.app.editor.CodeEditor;
import dev.kiln.app.view.OutputView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

/** The command definitions themselves: one key, one command; every tooltip names its shortcut. */
class CommandTest {
    @Test
    void noTwoCommandsShareAKeyAndNoneTakesTheEditorsCompletionKeyOrTheInputLinesEndKey() {
        Map<KeyCombination, Command> owner = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Command c : Command.values()) {
            for (KeyCombination k : c.keys()) {
                Command before = owner.put(k, c);
                if (before != null) {
                    clashes.add(k.getDisplayText() + ": " + before + " and " + c);
                }
            }
        }
        assertThat(clashes).isEmpty();
        assertThat(owner).doesNotContainKey(CodeEditor.COMPLETE);
        assertThat(owner).doesNotContainKey(OutputView.END_INPUT);
        assertThat(owner).hasSizeGreaterThanOrEqualTo(Command.values().length);
    }

    @Test
    void completionIsCtrlSpaceOnEveryOsNeverCommandSpaceWhichMacOsGivesToSpotlight() {
        KeyCodeCombination complete = (KeyCodeCombination) CodeEditor.COMPLETE;
        assertThat(complete.getCode()).isEqualTo(javafx.scene.input.KeyCode.SPACE);
        assertThat(complete.getControl()).isEqualTo(KeyCombination.ModifierValue.DOWN);
        assertThat(complete.getShortcut()).isEqualTo(KeyCombination.ModifierValue.UP);
        assertThat(complete.getMeta()).isEqualTo(KeyCombination.ModifierValue.UP);
    }

    @Test
    void everyCommandHasItsOwnIdALabelADescriptionAndAKeyOfItsOwn() {
        assertThat(Arrays.stream(Command.values()).map(Command::id)).doesNotHaveDuplicates();
        for (Command c : Command.values()) {
            assertThat(c.id()).as(c.name()).isNotBlank();
            assertThat(c.label()).as(c.name()).isNotBlank();
            assertThat(c.description()).as(c.name()).isNotBlank();
            assertThat(c.keys()).as(c.name()).first().isEqualTo(c.shortcut());
            assertThat(c.keys()).as(c.name()).allMatch(k -> k instanceof KeyCodeCombination);
        }
    }

    @Test
    void theTooltipIsTheDescriptionThenTheShortcutAsThisOsWritesIt() {
        for (Command c : Command.values()) {
            assertThat(c.tooltip())
                    .as(c.name())
                    .isEqualTo(c.description() + " (" + c.shortcut().getDisplayText() + ")");
        }
        assertThat(Command.STOP.shortcutText())
                .isEqualTo(Command.STOP.shortcut().getDisplayText());
    }

    @Test
    void theToolbarCommandsKeepTheIdsTheUiTestsLookUp() {
        assertThat(Arrays.stream(Command.values()).map(Command::id))
                .contains(
                        "newWorkerButton",
                        "runButton",
                        "interruptButton",
                        "stopButton",
                        "killButton",
                        "restartButton",
                        "openButton",
                        "saveButton",
                        "zoomOutButton",
                        "zoomInButton",
                        "themeButton");
    }
}
