package dev.kiln.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewOptionsTest {
    @Test
    void zoomStepsThroughTheLadderAndStopsAtItsEnds() {
        ViewOptions o = new ViewOptions(ViewOptions.DEFAULT_FONT_SIZE, true);
        assertThat(o.zoomTextProperty().get()).isEqualTo("100%");
        o.zoomIn();
        assertThat(o.fontSize()).isEqualTo(16);
        assertThat(o.zoomTextProperty().get()).isEqualTo("114%");
        o.zoomOut();
        o.zoomOut();
        assertThat(o.fontSize()).isEqualTo(13);
        for (int i = 0; i < 30; i++) {
            o.zoomIn();
        }
        assertThat(o.fontSize()).isEqualTo(ViewOptions.SIZES.get(ViewOptions.SIZES.size() - 1));
        for (int i = 0; i < 30; i++) {
            o.zoomOut();
        }
        assertThat(o.fontSize()).isEqualTo(ViewOptions.SIZES.get(0));
        o.zoomReset();
        assertThat(o.fontSize()).isEqualTo(ViewOptions.DEFAULT_FONT_SIZE);
    }

    @Test
    void aSavedSizeOffTheLadderOrGarbageLandsOnIt() {
        assertThat(new ViewOptions(19, true).fontSize()).isIn(18, 20);
        assertThat(new ViewOptions(500, true).fontSize()).isEqualTo(36);
        assertThat(new ViewOptions(Double.NaN, true).fontSize()).isEqualTo(ViewOptions.DEFAULT_FONT_SIZE);
        assertThat(new ViewOptions(-3, false).chartShownProperty().get()).isFalse();
    }
}
