package dev.kiln.app.view;

import dev.kiln.RemoteImage;
import dev.kiln.app.model.Background;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * An image value in Results ({@code .result-thumbnail}): a thumbnail at most {@value #SIZE} pixels
 * on a side, decoded off the FX thread; a click opens the image at full size in a window of its own
 * ({@code #imageWindow}), scrollable when larger than the screen.
 */
final class ImageThumbnail {
    /** The thumbnail's longest side, in pixels. */
    static final int SIZE = 64;

    /** Decoded thumbnails, kept while their image is (results come and go). */
    private static final Map<RemoteImage, Image> THUMBNAILS = new WeakHashMap<>();

    private final ImageView view = new ImageView();
    private RemoteImage shown;

    ImageThumbnail() {
        view.getStyleClass().add("result-thumbnail");
        view.setPreserveRatio(true);
        view.setFitWidth(SIZE);
        view.setFitHeight(SIZE);
        view.setCursor(Cursor.HAND);
        Tooltip.install(view, new Tooltip("Click to see the image at full size"));
        view.setOnMouseClicked(e -> {
            if (shown != null) {
                e.consume();
                openFullSize(
                        shown, view.getScene() == null ? null : view.getScene().getWindow());
            }
        });
        show(null);
    }

    ImageView node() {
        return view;
    }

    /** Shows {@code image}'s thumbnail (null: none). */
    void show(RemoteImage image) {
        shown = image;
        view.setVisible(image != null);
        view.setManaged(image != null);
        if (image == null) {
            view.setImage(null);
            return;
        }
        Image cached = THUMBNAILS.get(image);
        if (cached != null) {
            view.setImage(cached);
            return;
        }
        view.setImage(null);
        CompletableFuture.supplyAsync(
                        () -> new Image(new ByteArrayInputStream(image.png()), SIZE * 2, SIZE * 2, true, true),
                        Background.POOL)
                .thenAccept(thumb -> Platform.runLater(() -> {
                    THUMBNAILS.put(image, thumb);
                    if (shown == image) {
                        view.setImage(thumb);
                    }
                }));
    }

    /** The image at its own size, in a window of its own (decoded off the FX thread). */
    static void openFullSize(RemoteImage image, Window owner) {
        CompletableFuture.supplyAsync(() -> new Image(new ByteArrayInputStream(image.png())), Background.POOL)
                .thenAccept(full -> Platform.runLater(() -> {
                    ImageView big = new ImageView(full);
                    big.setId("fullImage");
                    ScrollPane scroll = new ScrollPane(big);
                    scroll.setId("imageWindow");
                    Stage s = new Stage();
                    if (owner != null) {
                        s.initOwner(owner);
                    }
                    s.setTitle("Image " + image.width() + " × " + image.height());
                    s.setScene(new Scene(
                            scroll, Math.min(full.getWidth() + 4, 1200), Math.min(full.getHeight() + 4, 900)));
                    s.show();
                }));
    }
}
