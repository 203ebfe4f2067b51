package dev.kiln.app.editor;

import javafx.animation.PauseTransition;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;
import org.fxmisc.richtext.CaretNode;
import org.fxmisc.richtext.GenericStyledArea;

/**
 * The caret stops blinking after a rest without typing or clicking and stays shown, as GTK's
 * editors do ({@code gtk-cursor-blink-timeout}, 10 s): a blinking caret is an animation, and a
 * running animation keeps JavaFX drawing the scene sixty times a second in a workbench that
 * nobody touches. A key, a click or the editor gaining focus makes it blink again; without
 * focus it is hidden, as before (the caret's visibility stays the area's automatic one).
 */
final class CaretRest {
    /** How long the caret blinks after the last key or click. */
    static final Duration REST = Duration.seconds(10);

    private CaretRest() {}

    static void install(GenericStyledArea<?, ?, ?> area, Duration rest) {
        CaretNode caret = area.getCaretSelectionBind().getUnderlyingCaret();
        Duration[] blinking = {caret.getBlinkRate()};
        PauseTransition resting = new PauseTransition(rest);
        resting.setOnFinished(e -> {
            if (caret.getBlinkRate().greaterThan(Duration.ZERO)) {
                blinking[0] = caret.getBlinkRate(); // as the theme set it
            }
            caret.setBlinkRate(Duration.ZERO); // RichTextFX: shown, without a timer
        });
        Runnable wake = () -> {
            caret.setBlinkRate(blinking[0]);
            resting.playFromStart();
        };
        area.addEventFilter(KeyEvent.ANY, e -> wake.run());
        area.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> wake.run());
        area.focusedProperty().addListener((o, was, is) -> {
            if (is) {
                wake.run();
            } else {
                resting.stop();
            }
        });
    }
}
