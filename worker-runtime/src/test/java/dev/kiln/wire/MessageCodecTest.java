package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hand-written wire encoding: every message type round-trips, with random and edge values;
 * bad bytes (truncations, unknown tags, lying lengths, trailing bytes) are each a {@link
 * FrameException} that says what was wrong, never another exception or a large allocation.
 */
class MessageCodecTest {
    private static final int MAX_FRAME = 1 << 20;

    private static byte[] encode(Message m) throws FrameException {
        WireOut out = WireCodec.encode(m, MAX_FRAME);
        return Arrays.copyOf(out.getBuffer(), out.position());
    }

    private static void assertRoundTrips(Message m) throws FrameException {
        Message back = WireCodec.decode(encode(m));
        if (!WireSamples.deepEquals(m, back)) {
            fail("%s came back as %s", m, back);
        }
    }

    @Test
    void everyMessageTypeRoundTripsWithRandomAndEdgeValues() throws Exception {
        Random r = new Random(20261129L);
        Set<Class<?>> covered = new HashSet<>();
        for (int round = 0; round < 400; round++) {
            for (Message m : WireSamples.randomOfEachType(r)) {
                assertRoundTrips(m);
                covered.add(m.getClass());
            }
        }
        assertThat(covered)
                .as("every record of Message")
                .containsExactlyInAnyOrderElementsOf(WireSamples.messageTypes());
    }

    @Test
    void stringsArriveCharForCharUnpairedSurrogatesIncluded() throws Exception {
        String[] texts = {"\uD800", "a\uDC00b", "x\uDBFF", "\uD83D\uDE00 and \uD83D", "", "plain ascii", "Grüße"};
        for (String t : texts) {
            Message.Result r = (Message.Result) WireCodec.decode(encode(new Message.Result(1, t, t)));
            assertThat((String) r.value()).as("a value").isEqualTo(t);
            assertThat(r.display()).as("a display text").isEqualTo(t);
            Message.Output o = (Message.Output) WireCodec.decode(encode(Message.Output.of(StdStream.STDOUT, t)));
            assertThat(o.texts()).containsExactly(t);
            Message.VariablesRequest v = (Message.VariablesRequest)
                    WireCodec.decode(encode(new Message.VariablesRequest(2, new String[] {t}, new String[] {t})));
            assertThat(v.classNames()).containsExactly(t);
        }
    }

    @Test
    void resultValuesKeepTheirExactTypeAndBits() throws Exception {
        Random r = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            assertRoundTrips(new Message.Result(i, WireSamples.value(r), "display"));
        }
        Object nan = ((Message.Result) WireCodec.decode(
                        encode(new Message.Result(1, Double.longBitsToDouble(0x7ff8_0000_dead_beefL), null))))
                .value();
        assertThat(Double.doubleToRawLongBits((Double) nan)).isEqualTo(0x7ff8_0000_dead_beefL);
        assertThat(((Message.Result) WireCodec.decode(encode(new Message.Result(2, (short) 7, "")))).value())
                .isEqualTo((short) 7);
        assertThat(((Message.Result) WireCodec.decode(encode(new Message.Result(3, 'x', "")))).value())
                .isEqualTo('x');
    }

    @Test
    void everyTruncationOfEveryMessageIsAFrameException() throws Exception {
        Random r = new Random(11);
        List<byte[]> encoded = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (Message m : WireSamples.randomOfEachType(r)) {
                encoded.add(encode(m));
            }
        }
        for (byte[] whole : encoded) {
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThatThrownBy(() -> WireCodec.decode(cut))
                        .as("the first %d of %d bytes", n, whole.length)
                        .isInstanceOf(FrameException.class);
            }
        }
    }

    @Test
    void everyUnknownTagIsRefusedByName() throws Exception {
        Set<Byte> known = new HashSet<>();
        for (Message m : WireSamples.randomOfEachType(new Random(3))) {
            known.add(encode(m)[0]);
        }
        assertThat(known).hasSize(WireSamples.messageTypes().size());
        for (int tag = -128; tag < 128; tag++) {
            if (!known.contains((byte) tag)) {
                byte[] frame = {(byte) tag, 0, 0, 0, 0, 0, 0, 0, 1};
                assertThatThrownBy(() -> WireCodec.decode(frame))
                        .isInstanceOf(FrameException.class)
                        .hasMessageContaining("unknown message tag " + tag);
            }
        }
        byte[] badValue = encode(new Message.Result(1, 5, ""));
        badValue[9] = 99; // the value's tag
        assertThatThrownBy(() -> WireCodec.decode(badValue))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("unknown value tag 99");
    }

    @Test
    void negativeAndHugeLengthsAreRefusedBeforeAllocating() throws Exception {
        // Flags: tag, id (8 bytes), then the array's count at offset 9.
        byte[] flags = encode(new Message.Flags(1, new String[] {"-Xmx1g"}));
        for (int lie : new int[] {-2, Integer.MIN_VALUE, Integer.MAX_VALUE, flags.length}) {
            byte[] frame = flags.clone();
            ByteBuffer.wrap(frame).putInt(9, lie);
            assertThatThrownBy(() -> WireCodec.decode(frame))
                    .as("a count of %d", lie)
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("Flags.inputArguments");
        }
        // The string's byte count, at offset 13.
        for (int lie : new int[] {-2, Integer.MIN_VALUE, Integer.MAX_VALUE, 7}) {
            byte[] frame = flags.clone();
            ByteBuffer.wrap(frame).putInt(13, lie);
            assertThatThrownBy(() -> WireCodec.decode(frame))
                    .as("a length of %d", lie)
                    .isInstanceOf(FrameException.class);
        }
        // A value Kryo encodes: its blob's length, at offset 10.
        byte[] list = encode(new Message.Result(1, new ArrayList<>(List.of(1, 2)), ""));
        for (int lie : new int[] {-1, Integer.MAX_VALUE, 1}) {
            byte[] frame = list.clone();
            ByteBuffer.wrap(frame).putInt(10, lie);
            assertThatThrownBy(() -> WireCodec.decode(frame))
                    .as("a value length of %d", lie)
                    .isInstanceOf(FrameException.class);
        }
        byte[] ints = encode(new Message.Result(1, new int[] {1, 2, 3}, ""));
        ByteBuffer.wrap(ints).putInt(10, 1 << 30); // four gigabytes of ints in a 30-byte frame
        assertThatThrownBy(() -> WireCodec.decode(ints))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("declares 1073741824 elements");
    }

    @Test
    void trailingBytesAndEmptyFramesAreRefused() throws Exception {
        byte[] whole = encode(new Message.Interrupt(4));
        byte[] longer = Arrays.copyOf(whole, whole.length + 2);
        assertThatThrownBy(() -> WireCodec.decode(longer))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("2 trailing bytes");
        assertThatThrownBy(() -> WireCodec.decode(new byte[0]))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("empty");
        byte[] bool = encode(new Message.ThreadsRequest(1, true));
        bool[9] = 2;
        assertThatThrownBy(() -> WireCodec.decode(bool))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("boolean");
    }

    @Test
    void everyByteFlippedGivesAMessageOrAFrameException() throws Exception {
        Random r = new Random(17);
        for (int round = 0; round < 10; round++) {
            for (Message m : WireSamples.randomOfEachType(r)) {
                byte[] whole = encode(m);
                for (int i = 0; i < whole.length; i++) {
                    byte[] bad = whole.clone();
                    bad[i] ^= (byte) (1 << r.nextInt(8));
                    try {
                        WireCodec.decode(bad);
                    } catch (FrameException expected) {
                        // the other possible outcome
                    }
                }
            }
        }
    }

    @Test
    void aMessageLargerThanAFrameIsRefusedBeforeItIsSent() {
        assertThatThrownBy(() -> WireCodec.encode(new Message.ClassData(1, new byte[2_000]), 1_000))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("message ClassData is larger than the maximum frame of 1000 bytes");
        List<Object> big = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            big.add("item " + i);
        }
        assertThatThrownBy(() -> WireCodec.encode(new Message.Result(1, new ArrayList<>(big), ""), 1_000))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("message Result is larger than the maximum frame of 1000 bytes");
    }
}
