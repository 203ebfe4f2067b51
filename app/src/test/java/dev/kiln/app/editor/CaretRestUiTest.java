package dev.kiln.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.fxmisc.richtext.Caret.CaretVisibility;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The editor's caret stops blinking when nobody types (no endless animation), and wakes with a key or click. */
@ExtendWith(ApplicationExtension.class)
class CaretRestUiTest {
    private CodeArea area;
    private Button other;

    @Start
    void start(Stage stage) {
        area = new CodeArea("int x = 1;");
        CaretRest.install(area, Duration.millis(300));
        other = new Button("elsewhere");
        stage.setScene(new Scene(new VBox(area, other), 300, 160));
        stage.show();
    }

    private Duration blinkRate() throws Exception {
        return WaitForAsyncUtils.asyncFx(
                        () -> area.getCaretSelectionBind().getUnderlyingCaret().getBlinkRate())
                .get(5, TimeUnit.SECONDS);
    }

    private void waitForSteadyCaret() throws Exception {
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> area.getCaretSelectionBind()
                        .getUnderlyingCaret()
                        .getBlinkRate()
                        .equals(Duration.ZERO));
        assertThat(area.getShowCaret())
                .as("shown while focused, hidden without")
                .isEqualTo(CaretVisibility.AUTO);
    }

    @Test
    void theCaretRestsAfterAWhileAndBlinksAgainWhenTyping(FxRobot robot) throws Exception {
        robot.clickOn(area);
        assertThat(area.isFocused()).isTrue();
        waitForSteadyCaret();

        robot.type(KeyCode.END);
        assertThat(blinkRate()).as("a key wakes it").isGreaterThan(Duration.ZERO);
        waitForSteadyCaret();

        robot.clickOn(area);
        assertThat(blinkRate()).as("a click wakes it").isGreaterThan(Duration.ZERO);
    }

    @Test
    void withoutFocusTheCaretIsHiddenAndFocusWakesIt(FxRobot robot) throws Exception {
        robot.clickOn(area);
        waitForSteadyCaret();
        robot.clickOn(other);
        assertThat(area.isFocused()).isFalse();
        assertThat(area.getShowCaret())
                .as("automatic: the caret of an editor without focus is hidden")
                .isEqualTo(CaretVisibility.AUTO);
        robot.clickOn(area);
        assertThat(blinkRate()).as("focus back: it blinks again").isGreaterThan(Duration.ZERO);
    }
}
