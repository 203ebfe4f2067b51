package dev.kiln.worker;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A PNG encoder for ARGB pixels, with the JDK's {@code java.util.zip} only: a worker turns an
 * image into a PNG without needing {@code java.desktop} (ImageIO) or JavaFX's Swing bridge.
 * Opaque images are written as RGB, others as RGBA; each row with the "sub" filter.
 */
final class Png {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Png() {}

    /** {@code argb[y * width + x]} is the pixel at (x, y), as {@code 0xAARRGGBB}. */
    static byte[] encode(int[] argb, int width, int height) {
        boolean opaque = true;
        for (int p : argb) {
            if (p >>> 24 != 0xff) {
                opaque = false;
                break;
            }
        }
        int channels = opaque ? 3 : 4;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(8); // bits per channel
            h.writeByte(opaque ? 2 : 6); // RGB or RGBA
            h.writeByte(0); // deflate
            h.writeByte(0); // adaptive filtering
            h.writeByte(0); // not interlaced
            chunk(out, "IHDR", header.toByteArray());
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
            try (DeflaterOutputStream z = new DeflaterOutputStream(data, deflater, 64 * 1024)) {
                byte[] row = new byte[1 + width * channels];
                for (int y = 0; y < height; y++) {
                    row[0] = 1; // "sub": each byte minus the same channel of the pixel to its left
                    int prev = 0;
                    for (int x = 0; x < width; x++) {
                        int p = argb[y * width + x];
                        int at = 1 + x * channels;
                        row[at] = (byte) ((p >> 16) - (prev >> 16));
                        row[at + 1] = (byte) ((p >> 8) - (prev >> 8));
                        row[at + 2] = (byte) (p - prev);
                        if (!opaque) {
                            row[at + 3] = (byte) ((p >>> 24) - (prev >>> 24));
                        }
                        prev = p;
                    }
                    z.write(row);
                }
            } finally {
                deflater.end();
            }
            chunk(out, "IDAT", data.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] body) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(body.length);
        d.write(name);
        d.write(body);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(body);
        d.writeInt((int) crc.getValue());
    }
}
