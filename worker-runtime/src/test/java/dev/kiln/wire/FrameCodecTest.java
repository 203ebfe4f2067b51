package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Frames round-trip; bad lengths and truncation are clear errors. */
class FrameCodecTest {
    @Test
    void roundTripOfFramesAndMessages() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Message.Output m =
                new Message.Output(new StdStream[] {StdStream.STDERR, StdStream.STDOUT}, new String[] {"héllo\n", "✓"});
        var encoded = WireCodec.encode(m, 1 << 20);
        FrameCodec.write(out, encoded.getBuffer(), encoded.position(), 1 << 20);
        FrameCodec.write(out, new byte[0], 0, 1 << 20);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Message.Output back = (Message.Output) WireCodec.decode(FrameCodec.read(in, 1 << 20));
        assertThat(back.streams()).containsExactly(StdStream.STDERR, StdStream.STDOUT);
        assertThat(back.texts()).containsExactly("héllo\n", "✓");
        assertThat(FrameCodec.read(in, 1 << 20)).isEmpty();
        assertThat(FrameCodec.read(in, 1 << 20)).as("clean end of stream").isNull();
    }

    @Test
    void oversizedLengthIsRefusedBeforeAllocating() {
        // 2 GiB - 1 declared: allocating it would throw OutOfMemoryError in this test JVM.
        byte[] frame =
                ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).array();
        assertThatThrownBy(() -> FrameCodec.read(new DataInputStream(new ByteArrayInputStream(frame)), 1024))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("exceeds the maximum of 1024");
        byte[] negative = ByteBuffer.allocate(4).putInt(-5).array();
        assertThatThrownBy(() -> FrameCodec.read(new DataInputStream(new ByteArrayInputStream(negative)), 1024))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("invalid frame length");
    }

    @Test
    void truncatedFrameIsAClearError() {
        byte[] frame =
                ByteBuffer.allocate(4 + 3).putInt(10).put(new byte[] {1, 2, 3}).array();
        assertThatThrownBy(() -> FrameCodec.read(new DataInputStream(new ByteArrayInputStream(frame)), 1024))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("truncated frame: expected 10 bytes");
        byte[] shortPrefix = {0, 0};
        assertThatThrownBy(() -> FrameCodec.read(new DataInputStream(new ByteArrayInputStream(shortPrefix)), 1024))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void garbagePayloadIsAFrameExceptionNotACrash() {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x7f);
        assertThatThrownBy(() -> WireCodec.decode(garbage)).isInstanceOf(FrameException.class);
    }
}
