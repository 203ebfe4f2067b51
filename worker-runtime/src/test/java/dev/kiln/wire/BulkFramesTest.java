package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Large primitive arrays and strings cross a connection as raw frames, bit for bit; a bulk
 * header that lies about its frame closes the connection with the reason.
 */
class BulkFramesTest {
    private static final int MAX_FRAME = 16 << 20;

    /** What a receiving connection got from {@code wire}: its messages, and why it closed. */
    private record Received(List<Message> messages, Throwable reason) {}

    private static Received receive(byte[] wire, int maxFrame) throws Exception {
        List<Message> got = new ArrayList<>();
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        Connection c =
                new Connection(new ByteArrayInputStream(wire), new ByteArrayOutputStream(), "bulk-test", maxFrame);
        c.start(got::add, closed::complete);
        Throwable reason = closed.get(30, TimeUnit.SECONDS);
        return new Received(got, reason);
    }

    /** What a connection writes to send {@code value} as a bulk result. */
    private static byte[] wireOf(Object value) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Connection sender = new Connection(new ByteArrayInputStream(new byte[0]), wire, "bulk-sender", MAX_FRAME);
        sender.sendBulkResult(7, "shown", value);
        return wire.toByteArray();
    }

    /** Sends {@code value} as a bulk result and returns what the other side hands on. */
    private static Object roundTrip(Object value) throws Exception {
        Received r = receive(wireOf(value), MAX_FRAME);
        assertThat(r.reason()).as("closed cleanly at the end of the stream").isNull();
        assertThat(r.messages()).hasSize(1);
        Message.Result result = (Message.Result) r.messages().get(0);
        assertThat(result.id()).isEqualTo(7);
        assertThat(result.display()).isEqualTo("shown");
        return result.value();
    }

    /** Random arrays of every primitive type, {@code bytes} bytes long (rounded down to whole elements). */
    static List<Object> arraysOf(int bytes, Random r) {
        List<Object> all = new ArrayList<>();
        all.add(fill(new byte[bytes], i -> (byte) r.nextInt()));
        all.add(fill(new boolean[bytes], i -> r.nextBoolean()));
        all.add(fill(new char[bytes / 2], i -> (char) r.nextInt()));
        all.add(fill(new short[bytes / 2], i -> (short) r.nextInt()));
        all.add(fill(new int[bytes / 4], i -> r.nextInt()));
        all.add(fill(new float[bytes / 4], i -> Float.intBitsToFloat(r.nextInt())));
        all.add(fill(new long[bytes / 8], i -> r.nextLong()));
        all.add(fill(new double[bytes / 8], i -> Double.longBitsToDouble(r.nextLong())));
        return all;
    }

    private static Object fill(Object array, IntFunction<Object> element) {
        for (int i = 0; i < Array.getLength(array); i++) {
            Array.set(array, i, element.apply(i));
        }
        return array;
    }

    @Test
    void everyPrimitiveArrayArrivesBitIdenticalAroundTheThresholdAndAtMegabytes() throws Exception {
        Random r = new Random(42);
        int t = BulkFrames.THRESHOLD;
        for (int bytes : new int[] {t - 8, t, t + 8, t + 13, (3 << 20) + 24}) {
            for (Object sent : arraysOf(bytes, r)) {
                Object got = roundTrip(sent);
                assertThat(got)
                        .as("%s of %d bytes", sent.getClass().getSimpleName(), bytes)
                        .isInstanceOf(sent.getClass());
                assertThat(bitsOf(got))
                        .as("%s of %d bytes", sent.getClass().getSimpleName(), bytes)
                        .isEqualTo(bitsOf(sent));
            }
        }
    }

    /**
     * The host reads the elements of a bulk array straight from its socket's channel: they arrive
     * bit for bit, with small messages between them (the host's buffered stream then holds the
     * first bytes of the next bulk frame already) and at sizes whose reads end inside an element.
     */
    @Test
    void everyPrimitiveArrayArrivesBitIdenticalOverTheHostsChannel() throws Exception {
        Random r = new Random(7);
        try (ServerSocketChannel server =
                        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Socket peer = new Socket(
                        InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
                SocketChannel mine = server.accept()) {
            Connection host = new Connection(mine.socket(), "channel-host", MAX_FRAME);
            BlockingQueue<Message> got = new LinkedBlockingQueue<>();
            host.start(got::add, reason -> {});
            Connection worker = new Connection(peer, "channel-worker", MAX_FRAME);
            List<Object> sent = new ArrayList<>();
            for (int bytes : new int[] {BulkFrames.THRESHOLD + 13, (1 << 20) + 6, (3 << 20) + 24}) {
                sent.addAll(arraysOf(bytes, r));
            }
            long id = 0;
            for (Object value : sent) {
                worker.send(new Message.StatsRequest(++id));
                worker.sendBulkResult(++id, "shown", value);
            }
            for (Object value : sent) {
                String what = value.getClass().getSimpleName() + " of " + Array.getLength(value);
                assertThat(got.poll(30, TimeUnit.SECONDS)).as(what).isInstanceOf(Message.StatsRequest.class);
                Message m = got.poll(30, TimeUnit.SECONDS);
                assertThat(m).as(what).isInstanceOf(Message.Result.class);
                Object value2 = ((Message.Result) m).value();
                assertThat(value2).as(what).isInstanceOf(value.getClass());
                assertThat(bitsOf(value2)).as(what).isEqualTo(bitsOf(value));
            }
            host.close();
        }
    }

    /**
     * Read straight from the channel, a bulk array's bytes still count as arrivals for the frame's
     * time limits: one that arrives slowly but steadily, each piece well within the allowance, is
     * read whole, though it takes several allowances.
     */
    @Test
    void aBulkArrayArrivingSlowlyButSteadilyOverTheHostsChannelIsReadWhole() throws Exception {
        int[] sent = new int[(4 << 20) / 4]; // 4 MB: its frame may take the allowance and 4 s
        Arrays.setAll(sent, i -> i * 31);
        byte[] wire = wireOf(sent);
        try (ServerSocketChannel server =
                        ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Socket peer = new Socket(
                        InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
                SocketChannel mine = server.accept()) {
            Connection host = new Connection(mine.socket(), "slow-peer", MAX_FRAME);
            host.frameAllowance(Duration.ofMillis(400));
            CompletableFuture<Message> first = new CompletableFuture<>();
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            host.start(first::complete, closed::complete);
            OutputStream out = peer.getOutputStream();
            int pieces = 24;
            int piece = wire.length / pieces + 1;
            for (int off = 0; off < wire.length; off += piece) {
                out.write(wire, off, Math.min(piece, wire.length - off));
                out.flush();
                Thread.sleep(100); // a slow peer: 2.4 s in all, six allowances, 100 ms between pieces
            }
            Message m = first.get(30, TimeUnit.SECONDS);
            assertThat(closed).as("the connection stays open").isNotDone();
            assertThat((int[]) ((Message.Result) m).value()).isEqualTo(sent);
            host.close();
        }
    }

    /** An array's elements as raw bits: float and double NaNs compare by payload, not by value. */
    static List<Long> bitsOf(Object array) {
        List<Long> bits = new ArrayList<>(Array.getLength(array));
        for (int i = 0; i < Array.getLength(array); i++) {
            Object e = Array.get(array, i);
            bits.add(
                    e instanceof Float f
                            ? (long) Float.floatToRawIntBits(f)
                            : e instanceof Double d
                                    ? Double.doubleToRawLongBits(d)
                                    : e instanceof Boolean b
                                            ? (b ? 1L : 0L)
                                            : ((Number) (e instanceof Character c ? (int) c : e)).longValue());
        }
        return bits;
    }

    @Test
    void nanBitPatternsSurvive() throws Exception {
        int[] floatNaNs = {0x7fc00000, 0x7fc00001, 0x7f800001, 0xffc12345, 0xff800001};
        long[] doubleNaNs = {0x7ff8000000000000L, 0x7ff8000000000001L, 0x7ff0000000000001L, 0xfff123456789abcdL};
        float[] floats = new float[100_000];
        double[] doubles = new double[100_000];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = Float.intBitsToFloat(floatNaNs[i % floatNaNs.length]);
            doubles[i] = Double.longBitsToDouble(doubleNaNs[i % doubleNaNs.length]);
        }
        assertThat(bitsOf(roundTrip(floats))).isEqualTo(bitsOf(floats));
        assertThat(bitsOf(roundTrip(doubles))).isEqualTo(bitsOf(doubles));
    }

    @Test
    void stringsArriveCharForChar() throws Exception {
        String ascii = "The quick brown fox. ".repeat(5_000);
        String latin1 = "Grüße aus Köln, ½ € ".replace("€", "¤").repeat(5_000);
        String pairs = "naïve 𝄞 music, 😀 and 漢字 ".repeat(5_000);
        String unpaired = "lone \uD800 high and \uDC00 low ".repeat(5_000) + "\uD83D";
        for (String s : List.of(ascii, latin1, pairs, unpaired)) {
            assertThat(BulkFrames.isBulk(s)).isTrue();
            Object got = roundTrip(s);
            assertThat(got).isInstanceOf(String.class);
            assertThat(((String) got).toCharArray()).isEqualTo(s.toCharArray());
        }
        assertThat(wireOf(latin1).length).as("Latin-1 text: a byte a char").isLessThan(latin1.length() + 1_000);
        assertThat(wireOf(pairs).length).as("other text: two bytes a char").isGreaterThan(2 * pairs.length());
    }

    /** Sends {@code s} and checks it arrives char for char; returns the bytes it took on the wire. */
    private static int assertArrivesCharForChar(String s) throws Exception {
        Object got = roundTrip(s);
        assertThat(got).isInstanceOf(String.class);
        assertThat(((String) got).toCharArray()).isEqualTo(s.toCharArray());
        return wireOf(s).length;
    }

    @Test
    void stringsOfManySegmentsArriveCharForCharAndLatin1SegmentsTakeAByteAChar() throws Exception {
        int chunk = BulkFrames.CHUNK;
        int length = 3 * chunk + 12_345;
        int header = wireOf("x".repeat(BulkFrames.THRESHOLD)).length - BulkFrames.THRESHOLD - 5;
        int segments = 4 * 5; // a length prefix and a tag each

        String ascii = "0123456789abcdef".repeat(length / 16 + 1).substring(0, length);
        assertThat(assertArrivesCharForChar(ascii)).isEqualTo(header + segments + length);

        StringBuilder upper = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            upper.append((char) (0x80 + i % 0x80));
        }
        String latin1 = upper.toString();
        assertThat(assertArrivesCharForChar(latin1))
                .as("0x80-0xFF, a byte a char")
                .isEqualTo(header + segments + length);

        String lastChunkWide = ascii.substring(0, length - 1) + "\u20ac";
        assertThat(assertArrivesCharForChar(lastChunkWide))
                .as("only the last segment, which holds the one char beyond Latin-1, is UTF-16")
                .isEqualTo(header + segments + 3 * chunk + 2 * 12_345);

        String firstChunkWide = "\u0100" + ascii.substring(1);
        assertThat(assertArrivesCharForChar(firstChunkWide))
                .as("a UTF-16 segment first, then Latin-1 ones")
                .isEqualTo(header + segments + 2 * chunk + 2 * chunk + 12_345);
    }

    @Test
    void aStringIsKnownToBeLatin1OnlyWhenEveryCharIs() {
        assertThat(BulkStrings.heldAsLatin1("plain ASCII")).isTrue();
        assertThat(BulkStrings.heldAsLatin1("Gr\u00fc\u00dfe \u00ff")).isTrue();
        assertThat(BulkStrings.heldAsLatin1("")).isTrue();
        assertThat(BulkStrings.heldAsLatin1("x".repeat(1000) + "\u0100")).isFalse();
        assertThat(BulkStrings.heldAsLatin1("lone \uD800")).isFalse();
        assertThat(BulkStrings.heldAsLatin1("\u20ac" + "y".repeat(10)))
                .as("a string with one wide char")
                .isFalse();
        assertThat(BulkStrings.heldAsLatin1(("\u20ac" + "y".repeat(10)).substring(1)))
                .as("the Latin-1 part of it")
                .isTrue();
    }

    @Test
    void aSurrogatePairSplitByASegmentBoundaryAndUnpairedSurrogatesArriveAsTheyWere() throws Exception {
        int chunk = BulkFrames.CHUNK;
        String pair = "\uD83D\uDE00"; // one emoji, two chars
        String split = "a".repeat(chunk - 1) + pair + "b".repeat(chunk);
        assertThat(split.charAt(chunk - 1)).isEqualTo('\uD83D');
        assertThat(split.charAt(chunk)).isEqualTo('\uDE00');
        assertArrivesCharForChar(split);

        String lonely = "x".repeat(chunk) + "\uDC00" + "y".repeat(chunk) + "\uD800";
        assertArrivesCharForChar(lonely);
        String lonelyAtTheBoundary = "z".repeat(chunk - 1) + "\uD800" + "\uDC00".repeat(10) + "z".repeat(70_000);
        assertArrivesCharForChar(lonelyAtTheBoundary);
    }

    @Test
    void latin1SegmentsAfterAUtf16OneArriveCharForChar() throws Exception {
        int chunk = BulkFrames.CHUNK;
        String s = "\u4e2d".repeat(chunk) + "\u00ff\u00e9 plain ".repeat(chunk / 5) + "\u4e2d" + "tail".repeat(30_000);
        assertArrivesCharForChar(s);
    }

    @Test
    void theReceiversArrayGrowsFourTimesAtAStepThenToTheFullLengthNeverOverSixteenTimesWhatArrived() {
        int mb = 1 << 20;
        int length = 50 * mb;
        assertThat(BulkFrames.grown(64 * 1024, 64 * 1024, length))
                .as("still fits")
                .isEqualTo(64 * 1024);
        assertThat(BulkFrames.grown(64 * 1024, 64 * 1024 + 1, length)).isEqualTo(256 * 1024);
        assertThat(BulkFrames.grown(mb, mb + 1, length)).isEqualTo(4 * mb);
        assertThat(BulkFrames.grown(4 * mb, 4 * mb + 1, length))
                .as("a sixteenth arrived")
                .isEqualTo(length);
        assertThat(BulkFrames.grown(64, 100, 120))
                .as("never past the announced length")
                .isEqualTo(120);
        long copied = 0;
        for (int capacity = 64 * 1024; capacity < length; ) {
            int needed = capacity + 1;
            int grown = BulkFrames.grown(capacity, needed, length);
            assertThat((long) grown).isLessThanOrEqualTo((long) BulkFrames.FULL_AFTER * needed);
            copied += capacity;
            capacity = grown;
        }
        assertThat(copied).as("what growing copies on the way to 50 MB").isLessThan(6L * mb);
    }

    @Test
    void onlyLargePrimitiveArraysAndStringsAreBulk() {
        assertThat(BulkFrames.isBulk(new int[BulkFrames.THRESHOLD / 4])).isTrue();
        assertThat(BulkFrames.isBulk(new int[BulkFrames.THRESHOLD / 4 - 1])).isFalse();
        assertThat(BulkFrames.isBulk(new boolean[BulkFrames.THRESHOLD])).isTrue();
        assertThat(BulkFrames.isBulk("x".repeat(BulkFrames.THRESHOLD - 1))).isFalse();
        assertThat(BulkFrames.isBulk(new Object[BulkFrames.THRESHOLD])).isFalse();
        assertThat(BulkFrames.isBulk(new Integer[BulkFrames.THRESHOLD])).isFalse();
        assertThat(BulkFrames.isBulk(null)).isFalse();
    }

    @Test
    void aValueLargerThanAFrameIsRefusedBeforeAnythingIsSent() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Connection sender = new Connection(new ByteArrayInputStream(new byte[0]), wire, "small", 1 << 20);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sender.sendBulkResult(1, null, new long[200_000]))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("long[] of 1600000 bytes exceeds the maximum frame of 1048576 bytes");
        assertThat(wire.size()).isZero();
        assertThat(sender.isOpen()).isTrue();
    }

    /** A bulk header as a peer would send it, followed by a raw frame of {@code frameLength} zero bytes. */
    private static byte[] lyingBulk(byte kind, int announced, int frameLength, int frameBytes) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(wire);
        var header = WireCodec.encode(new Message.BulkResult(3, "x", kind, announced, false), MAX_FRAME);
        FrameCodec.write(out, header.getBuffer(), header.position(), MAX_FRAME);
        out.writeInt(frameLength);
        out.write(new byte[frameBytes]);
        out.flush();
        return wire.toByteArray();
    }

    private static void assertClosedWith(byte[] wire, String... reason) throws Exception {
        Received r = receive(wire, MAX_FRAME);
        assertThat(r.messages()).as("nothing is handed on").isEmpty();
        assertThat(r.reason()).isInstanceOf(FrameException.class);
        for (String part : reason) {
            assertThat(r.reason()).hasMessageContaining(part);
        }
    }

    @Test
    void aLengthThatIsNotAWholeNumberOfElementsClosesTheConnection() throws Exception {
        assertClosedWith(
                lyingBulk(BulkFrames.INTS, 70_001, 70_001, 70_001),
                "int[] announces 70001 bytes",
                "not a whole number of its 4-byte elements");
    }

    @Test
    void aLengthOverTheFrameLimitClosesTheConnection() throws Exception {
        assertClosedWith(
                lyingBulk(BulkFrames.LONGS, MAX_FRAME + 8, 8, 8),
                "announces " + (MAX_FRAME + 8) + " bytes",
                "maximum frame");
        assertClosedWith(lyingBulk(BulkFrames.DOUBLES, -8, 8, 8), "announces -8 bytes");
    }

    @Test
    void anUnknownElementTypeOrAFrameOfAnotherLengthClosesTheConnection() throws Exception {
        assertClosedWith(lyingBulk((byte) 'Q', 80_000, 80_000, 80_000), "unknown element type");
        assertClosedWith(
                lyingBulk(BulkFrames.INTS, 80_000, 40_000, 40_000), "announced 80000 bytes, its frame holds 40000");
        assertClosedWith(lyingBulk(BulkFrames.DOUBLES, 80_000, 80_000, 50_000), "the stream ended after 50000 bytes");
    }

    /** A bulk string header of {@code chars} chars, then one segment with {@code tag} and {@code bytes} bytes. */
    private static byte[] lyingString(int chars, byte tag, int bytes) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(wire);
        var header = WireCodec.encode(new Message.BulkResult(3, "x", BulkFrames.STRING, chars, false), MAX_FRAME);
        FrameCodec.write(out, header.getBuffer(), header.position(), MAX_FRAME);
        out.writeInt(1 + bytes);
        out.writeByte(tag);
        out.write(new byte[bytes]);
        out.flush();
        return wire.toByteArray();
    }

    @Test
    void aStringWhoseSegmentsLieClosesTheConnection() throws Exception {
        assertClosedWith(
                lyingString(70_000, BulkStrings.UTF16, 70_001), "UTF-16 segment holds 70001 bytes", "2-byte chars");
        assertClosedWith(
                lyingString(70_000, BulkStrings.LATIN1, 70_001),
                "70000 chars has a segment of 70001 chars",
                "more than it announced");
        assertClosedWith(lyingString(70_000, (byte) 'X', 100), "segment has an unknown encoding");
        assertClosedWith(
                lyingString(1_000_000, BulkStrings.LATIN1, BulkFrames.CHUNK + 1),
                "segment holds " + (BulkFrames.CHUNK + 1) + " chars; a segment holds at most " + BulkFrames.CHUNK);
        assertClosedWith(lyingString(70_000, BulkStrings.LATIN1, 0), "holds no chars");
        assertClosedWith(lyingString(70_000, BulkStrings.LATIN1, 100), "the stream ended after");
        assertClosedWith(
                lyingString(MAX_FRAME + 1, BulkStrings.LATIN1, 100), "announces " + (MAX_FRAME + 1) + " chars");
    }
}
