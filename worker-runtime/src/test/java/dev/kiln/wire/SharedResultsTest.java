package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared-memory lane: large arrays from a worker on the host's machine arrive bit for bit
 * through the worker's file, which the host unlinks once it holds it; what the lane does not
 * carry, or a result that finds the file busy, goes by socket; a file that is not the worker's
 * own, or is cut short, closes the connection; an idle file gives its pages back; a full file
 * system turns the lane off and the results go by socket. The file checks need POSIX.
 */
class SharedResultsTest {
    private static final int MAX_FRAME = 64 << 20;

    @TempDir
    Path dir;

    /** A worker's and a host's connection over loopback, the lane between them through {@code file}. */
    private static final class Pair implements AutoCloseable {
        final ServerSocketChannel server;
        final Socket peer;
        final SocketChannel mine;
        final Connection host;
        final Connection worker;
        final SharedResults.Writer writer;
        final SharedResults.Reader reader;
        final BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> hostClosed = new CompletableFuture<>();

        Pair(Path file) throws Exception {
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            peer = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort());
            mine = server.accept();
            host = new Connection(mine.socket(), "lane-host", MAX_FRAME);
            reader = new SharedResults.Reader(file);
            host.readSharedResultsFrom(reader);
            host.start(got::add, hostClosed::complete);
            worker = new Connection(peer, "lane-worker", MAX_FRAME);
            writer = new SharedResults.Writer(file.toString());
            worker.shareResultsThrough(writer);
        }

        /** Sends {@code value} as the worker's result and returns what the host hands on. */
        Object roundTrip(long id, Object value) throws Exception {
            worker.sendBulkResult(id, "shown", value);
            Message m = got.poll(30, TimeUnit.SECONDS);
            assertThat(m).as("the host's message for result %d", id).isInstanceOf(Message.Result.class);
            assertThat(((Message.Result) m).id()).isEqualTo(id);
            return ((Message.Result) m).value();
        }

        @Override
        public void close() throws java.io.IOException {
            host.close();
            worker.close();
            reader.close(); // the worker's side is closed: as once its process has exited
            mine.close();
            peer.close();
            server.close();
        }
    }

    /** Random arrays of every type the lane carries (all but {@code boolean[]}), {@code bytes} long. */
    private static List<Object> laneArrays(int bytes, Random r) {
        return BulkFramesTest.arraysOf(bytes, r).stream()
                .filter(a -> !(a instanceof boolean[]))
                .toList();
    }

    @Test
    void everyArrayTypeArrivesThroughTheFileWhichTheHostUnlinksOnceItHoldsIt() throws Exception {
        Path file = dir.resolve("kiln-results-test");
        Random r = new Random(11);
        try (Pair p = new Pair(file)) {
            long id = 0;
            for (int bytes : new int[] {(int) SharedResults.MIN_BYTES, (3 << 20) + 24, (1 << 20) + 8}) {
                for (Object sent : laneArrays(bytes, r)) {
                    String what = sent.getClass().getSimpleName() + " of " + bytes + " bytes";
                    Object got = p.roundTrip(++id, sent);
                    assertThat(got).as(what).isInstanceOf(sent.getClass());
                    assertThat(BulkFramesTest.bitsOf(got)).as(what).isEqualTo(BulkFramesTest.bitsOf(sent));
                    assertThat(file).as("unlinked once the host has opened it").doesNotExist();
                }
            }
            assertThat(p.writer.sizeForTests())
                    .as("the file holds the largest result so far, and is what carried them")
                    .isGreaterThanOrEqualTo(SharedResults.HEADER + (3L << 20) + 24);
            assertThat(p.hostClosed).isNotDone();
        }
    }

    @Test
    void smallArraysAndStringsAndBooleansGoBySocketAndMakeNoFile() throws Exception {
        Path file = dir.resolve("kiln-results-socket");
        Random r = new Random(3);
        try (Pair p = new Pair(file)) {
            List<Object> sent = new ArrayList<>(BulkFramesTest.arraysOf((int) SharedResults.MIN_BYTES - 8, r));
            sent.add(new boolean[2 << 20]);
            long id = 0;
            for (Object value : sent) {
                assertThat(BulkFramesTest.bitsOf(p.roundTrip(++id, value)))
                        .as(value.getClass().getSimpleName())
                        .isEqualTo(BulkFramesTest.bitsOf(value));
            }
            String text = "x".repeat((int) SharedResults.MIN_BYTES - 1);
            assertThat(p.roundTrip(++id, text)).isEqualTo(text);
            assertThat(file).doesNotExist();
            assertThat(p.writer.sizeForTests()).isZero();
        }
    }

    /** Latin-1 text, text with wider chars and unpaired surrogates, and one of each in turn: char for char. */
    @Test
    void largeStringsArriveThroughTheFileCharForChar() throws Exception {
        Path file = dir.resolve("kiln-results-strings");
        int chars = (int) SharedResults.MIN_BYTES + 13;
        StringBuilder mixed = new StringBuilder();
        while (mixed.length() < chars) {
            mixed.append("Köln 𝄞 漢字 \uD800 plain ascii for a while ");
        }
        List<String> sent = List.of(
                "plain text ".repeat(chars / 11 + 1),
                mixed.toString(),
                "ÿ".repeat(chars) + "€",
                "a".repeat(3 * BulkFrames.CHUNK) + "€".repeat(chars));
        try (Pair p = new Pair(file)) {
            long id = 0;
            for (String s : sent) {
                Object got = p.roundTrip(++id, s);
                assertThat(got).isInstanceOf(String.class);
                assertThat(((String) got).toCharArray()).isEqualTo(s.toCharArray());
                assertThat(file).as("unlinked once the host has opened it").doesNotExist();
            }
            assertThat(p.writer.sizeForTests())
                    .as("the file carried them")
                    .isGreaterThanOrEqualTo(SharedResults.HEADER + 2L * chars);
        }
    }

    @Test
    void aResultThatFindsTheFileBusyGoesBySocketAndTheNextOneUsesItAgain() throws Exception {
        Path file = dir.resolve("kiln-results-busy");
        SharedResults.Writer writer = new SharedResults.Writer(file.toString());
        int[] first = new int[1 << 18];
        Arrays.fill(first, 7);
        int bytes = first.length * 4;
        assertThat(writer.put(first, BulkFrames.INTS, bytes)).isTrue();
        assertThat(writer.put(new int[1 << 18], BulkFrames.INTS, bytes))
                .as("the host has not copied the first one out yet")
                .isFalse();
        try (writer;
                SharedResults.Reader reader = new SharedResults.Reader(file)) {
            int[] got = (int[]) reader.read(new Message.BulkResult(1, "", BulkFrames.INTS, bytes, true), MAX_FRAME);
            assertThat(got).isEqualTo(first);
            int[] second = new int[1 << 18];
            Arrays.fill(second, -3);
            assertThat(writer.put(second, BulkFrames.INTS, bytes))
                    .as("free again")
                    .isTrue();
            assertThat((int[]) reader.read(new Message.BulkResult(2, "", BulkFrames.INTS, bytes, true), MAX_FRAME))
                    .isEqualTo(second);
        }
    }

    @Test
    void anIdleFileGivesItsPagesBackAndGrowsAgainForTheNextResult() throws Exception {
        Path file = dir.resolve("kiln-results-idle");
        SharedResults.Writer writer = new SharedResults.Writer(file.toString());
        long[] value = new long[1 << 19];
        Arrays.fill(value, 1234567890123L);
        int bytes = value.length * 8;
        try (writer;
                SharedResults.Reader reader = new SharedResults.Reader(file)) {
            assertThat(writer.put(value, BulkFrames.LONGS, bytes)).isTrue();
            writer.shrinkNowForTests();
            assertThat(writer.sizeForTests())
                    .as("not while the host has yet to copy it out")
                    .isGreaterThan(bytes);
            reader.read(new Message.BulkResult(1, "", BulkFrames.LONGS, bytes, true), MAX_FRAME);
            writer.shrinkNowForTests();
            assertThat(writer.sizeForTests()).as("only the header is left").isEqualTo(SharedResults.HEADER);
            value[value.length - 1] = -1;
            assertThat(writer.put(value, BulkFrames.LONGS, bytes)).isTrue();
            assertThat((long[]) reader.read(new Message.BulkResult(2, "", BulkFrames.LONGS, bytes, true), MAX_FRAME))
                    .isEqualTo(value);
        }
    }

    /** Writes a file as a worker's would be, header and {@code bytes} of elements, with the given permissions. */
    private static Path fileOf(Path file, int bytes, String permissions) throws Exception {
        try (FileChannel c = FileChannel.open(
                file,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)))) {
            c.write(ByteBuffer.allocate(SharedResults.HEADER + bytes));
        }
        return file;
    }

    private static Message.BulkResult header(int bytes) {
        return new Message.BulkResult(1, "", BulkFrames.INTS, bytes, true);
    }

    @Test
    void theHostRefusesAFileThatIsNotTheWorkersOwnOrIsShorterThanItsResult() throws Exception {
        int bytes = 1 << 20;
        Path missing = dir.resolve("missing");
        Path readable = fileOf(dir.resolve("group-readable"), bytes, "rw-r-----");
        Path good = fileOf(dir.resolve("good"), bytes, "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link"), good);
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path shorter = fileOf(dir.resolve("shorter"), bytes - 4, "rw-------");
        for (Path p : List.of(missing, readable, link, folder)) {
            try (SharedResults.Reader reader = new SharedResults.Reader(p)) {
                assertThatThrownBy(() -> reader.read(header(bytes), MAX_FRAME))
                        .as(p.getFileName().toString())
                        .isInstanceOf(FrameException.class)
                        .hasMessageContaining(p.toString());
            }
        }
        assertThat(good).as("a link to it was refused, not followed").exists();
        try (SharedResults.Reader reader = new SharedResults.Reader(shorter)) {
            assertThatThrownBy(() -> reader.read(header(bytes), MAX_FRAME))
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("cut short");
        }
        try (SharedResults.Reader reader = new SharedResults.Reader(good)) {
            assertThatThrownBy(
                            () -> reader.read(new Message.BulkResult(1, "", BulkFrames.BOOLEANS, 8, true), MAX_FRAME))
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("does not carry");
            assertThatThrownBy(() -> reader.read(new Message.BulkResult(1, "", BulkFrames.STRING, 8, true), MAX_FRAME))
                    .as("a string whose segments are zeros: its first holds no chars")
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("holds no chars");
            assertThatThrownBy(() -> reader.read(new Message.BulkResult(1, "", BulkFrames.INTS, 6, true), MAX_FRAME))
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("whole number");
            assertThat((int[]) reader.read(header(bytes), MAX_FRAME)).hasSize(bytes / 4);
        }
    }

    /** A string whose segments run on past the end of the file: the host reads to the end, and refuses it. */
    @Test
    void aStringThatRunsPastTheEndOfItsFileIsRefused() throws Exception {
        Path file = dir.resolve("kiln-results-overrun");
        int chars = 5000;
        try (FileChannel c = FileChannel.open(
                file,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer b = ByteBuffer.allocate(SharedResults.HEADER + 5 + 1000);
            b.position(SharedResults.HEADER);
            b.putInt(1 + chars).put(BulkStrings.LATIN1); // a segment of 5000 chars, 1000 of them in the file
            b.position(0);
            c.write(b);
        }
        try (SharedResults.Reader reader = new SharedResults.Reader(file)) {
            assertThatThrownBy(
                            () -> reader.read(new Message.BulkResult(1, "", BulkFrames.STRING, chars, true), MAX_FRAME))
                    .isInstanceOf(FrameException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void aResultInSharedMemoryOnAConnectionOfferedNoLaneClosesItWithTheReason() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WireOut encoded = WireCodec.encode(header(1 << 20), MAX_FRAME);
        FrameCodec.write(new DataOutputStream(wire), encoded.getBuffer(), encoded.position(), MAX_FRAME);
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        Connection c = new Connection(
                new ByteArrayInputStream(wire.toByteArray()), new ByteArrayOutputStream(), "no-lane", MAX_FRAME);
        c.start(m -> {}, closed::complete);
        assertThat(closed.get(30, TimeUnit.SECONDS))
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("no shared-memory lane");
    }

    @Test
    void closingTheHostsSideFreesTheFileOpenedOrNot() throws Exception {
        Path never = fileOf(dir.resolve("never-opened"), 16, "rw-------");
        new SharedResults.Reader(never).close();
        assertThat(never).as("a file the host never opened").doesNotExist();

        Path file = dir.resolve("opened");
        SharedResults.Writer writer = new SharedResults.Writer(file.toString());
        int bytes = 2 << 20;
        assertThat(writer.put(new byte[bytes], BulkFrames.BYTES, bytes)).isTrue();
        try (FileChannel seen = FileChannel.open(file, StandardOpenOption.READ)) {
            SharedResults.Reader reader = new SharedResults.Reader(file);
            reader.read(new Message.BulkResult(1, "", BulkFrames.BYTES, bytes, true), MAX_FRAME);
            writer.close(); // the worker is gone
            assertThat(seen.size()).isGreaterThan(bytes);
            reader.close();
            assertThat(seen.size())
                    .as("its pages, though another process still has it open")
                    .isZero();
            assertThatThrownBy(
                            () -> reader.read(new Message.BulkResult(2, "", BulkFrames.BYTES, bytes, true), MAX_FRAME))
                    .isInstanceOf(FrameException.class);
        }
    }

    /**
     * A worker whose shared-memory file system runs out of room mid-result goes on, and sends that
     * result and the later ones by socket. Needs root, to mount a small tmpfs.
     */
    @Test
    void aFullFileSystemTurnsTheLaneOffAndTheWorkerGoesOn() throws Exception {
        Path small = Files.createDirectory(dir.resolve("small"));
        Assumptions.assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()) == 0,
                "mounting a 1 MB tmpfs needs root");
        try {
            Path file = small.resolve("kiln-results-full");
            Random r = new Random(5);
            try (Pair p = new Pair(file)) {
                for (long id = 1; id <= 2; id++) {
                    int[] sent = r.ints(1 << 20).toArray();
                    assertThat(p.roundTrip(id, sent))
                            .as("result %d, by socket", id)
                            .isEqualTo(sent);
                }
                assertThat(p.writer.sizeForTests())
                        .as("the lane gave its file up")
                        .isZero();
            }
        } finally {
            run("umount", "-l", small.toString()); // lazily: the worker side may still map the file until a GC
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
