package dev.kiln.wire;

/**
 * A value that is an image ({@code java.awt.image.BufferedImage}, {@code javafx.scene.image.Image}),
 * as it crosses the wire: the worker-side object stays there; its pixels travel as a PNG.
 *
 * @param typeName the worker-side class name
 * @param text     the worker-side {@code toString()}, capped
 * @param png      the image as a PNG file
 * @param width    its width in pixels
 * @param height   its height in pixels
 */
public record ImageValue(String typeName, String text, byte[] png, int width, int height) {}
