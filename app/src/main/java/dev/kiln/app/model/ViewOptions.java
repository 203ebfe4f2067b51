package dev.kiln.app.model;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * How the window is shown: the zoom, as the font size in pixels that the whole window follows
 * (every control, the editor and its line numbers, the chart, the dialogs), and whether the
 * memory chart is shown. Zoom steps through a ladder of sizes, as a browser does:
 *
 * <pre>{@code
 * ViewOptions o = new ViewOptions(ViewOptions.DEFAULT_FONT_SIZE, true);
 * o.zoomIn();                 // 16 px, "114%"
 * o.zoomReset();              // 14 px, "100%"
 * }</pre>
 */
public final class ViewOptions {
    /** The theme's own font size: zoom 100%. */
    public static final int DEFAULT_FONT_SIZE = 14;
    /** The sizes zoom steps through, smallest first. */
    public static final List<Integer> SIZES = List.of(10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32, 36);

    private final ReadOnlyIntegerWrapper fontSize = new ReadOnlyIntegerWrapper(this, "fontSize");
    private final BooleanProperty chartShown = new SimpleBooleanProperty(this, "chartShown");
    private final StringBinding zoomText = Bindings.createStringBinding(() -> percent(fontSize.get()) + "%", fontSize);

    /** Starts at {@code fontSize} (the nearest size of the ladder) with the chart shown or not. */
    public ViewOptions(double fontSize, boolean chartShown) {
        this.fontSize.set(nearest(fontSize));
        this.chartShown.set(chartShown);
    }

    /** The next bigger size; stays at the biggest. */
    public void zoomIn() {
        int i = SIZES.indexOf(fontSize.get());
        fontSize.set(SIZES.get(Math.min(SIZES.size() - 1, i + 1)));
    }

    /** The next smaller size; stays at the smallest. */
    public void zoomOut() {
        int i = SIZES.indexOf(fontSize.get());
        fontSize.set(SIZES.get(Math.max(0, i - 1)));
    }

    /** Back to 100%. */
    public void zoomReset() {
        fontSize.set(DEFAULT_FONT_SIZE);
    }

    /** The window's font size in pixels (always one of {@link #SIZES}). */
    public ReadOnlyIntegerProperty fontSizeProperty() {
        return fontSize.getReadOnlyProperty();
    }

    public int fontSize() {
        return fontSize.get();
    }

    /** The zoom as a person reads it: {@code "100%"}, {@code "143%"}. */
    public StringBinding zoomTextProperty() {
        return zoomText;
    }

    /** Whether the memory chart is shown beside the editor. */
    public BooleanProperty chartShownProperty() {
        return chartShown;
    }

    static int percent(int size) {
        return (int) Math.round(size * 100.0 / DEFAULT_FONT_SIZE);
    }

    /** The size of the ladder nearest to {@code size} (a saved value from elsewhere, or garbage: 100%). */
    static int nearest(double size) {
        if (Double.isNaN(size) || size <= 0) {
            return DEFAULT_FONT_SIZE;
        }
        int best = DEFAULT_FONT_SIZE;
        for (int s : SIZES) {
            if (Math.abs(s - size) < Math.abs(best - size)) {
                best = s;
            }
        }
        return best;
    }
}
