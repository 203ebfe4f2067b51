package dev.kiln.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.scene.image.Image;

/** The window's icon, in every size the app carries. */
final class WindowIcons {
    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private WindowIcons() {}

    /** Reads and decodes the icons on {@code background} (not the FX thread: it takes a while). */
    static CompletableFuture<List<Image>> read(Executor background) {
        return CompletableFuture.supplyAsync(WindowIcons::read, background);
    }

    private static List<Image> read() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream in = WindowIcons.class.getResourceAsStream("icons/kiln-" + size + ".png")) {
                if (in != null) {
                    images.add(new Image(in));
                }
            } catch (IOException ignored) {
                // a missing size is not worth failing the window for
            }
        }
        return images;
    }
}
