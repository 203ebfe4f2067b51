package dev.kiln.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** What a person sees of a node: its whole text or "…", on screen or off it; snapshots. Call on the FX thread. */
final class UiLook {
    private UiLook() {}

    /** The text a Labeled draws (its LabeledText), which ends in "…" when the Labeled is too small. */
    static String displayed(Labeled l) {
        for (Node n : l.getChildrenUnmodifiable()) {
            if (n instanceof Text t && n.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return "";
    }

    private static boolean hasOwnText(Labeled l) {
        return l.getChildrenUnmodifiable().stream()
                .anyMatch(n -> n instanceof Text && n.getStyleClass().contains("text"));
    }

    /** Whether {@code n} and all its parents are visible and it is in a scene. */
    static boolean shown(Node n) {
        if (n.getScene() == null) {
            return false;
        }
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shown Labeleds under {@code root} that do not show their whole text, or lie (partly)
     * outside the window: each described as "id-or-class 'text' shown as 'displayed'".
     */
    static List<String> cutOff(Parent root) {
        List<String> bad = new ArrayList<>();
        collect(root, root.getScene(), bad);
        return bad;
    }

    private static void collect(Node n, Scene scene, List<String> bad) {
        if (!shown(n)) {
            return;
        }
        // A menu button draws its text with a label of its own: that label is looked at instead.
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && hasOwnText(l)) {
            String shownText = displayed(l);
            Bounds b = l.localToScene(l.getLayoutBounds());
            boolean inside = b.getMinX() >= -0.5
                    && b.getMaxX() <= scene.getWidth() + 0.5
                    && b.getMaxY() <= scene.getHeight() + 0.5;
            if (!shownText.equals(l.getText()) || !inside) {
                bad.add(name(l) + " '" + l.getText() + "' shown as '" + shownText + "'"
                        + (inside ? "" : " outside the window at " + b));
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, scene, bad);
            }
        }
    }

    static String name(Node n) {
        return n.getId() != null ? "#" + n.getId() : String.join(".", n.getStyleClass());
    }

    /** Runs {@code c} on the FX thread and returns its value. */
    static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A PNG of the scene as it is drawn now (works headless). */
    static void snapshot(Scene scene, Path file) throws IOException {
        WritableImage img = onFx(() -> scene.snapshot(null));
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
