package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated frames never crash, hang or exhaust the decoder.
 * A bounded run in {@code mvn verify}; a longer one with
 * {@code mvn -pl worker-runtime test -Dtest=WireFuzzTest -Dkiln.fuzz.seconds=600}.
 */
class WireFuzzTest {
    private static final int MAX_FRAME = 1 << 20;

    static List<byte[]> corpus() throws IOException {
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        map.put("k", List.of(1, 2L, 3.0));
        map.put(7, new int[] {1, 2, 3});
        List<Message> messages = List.of(
                new Message.Call(1, new byte[] {1, 2, 3}, false),
                new Message.Load(2, new ClassBytes[] {new ClassBytes("A", new byte[] {9, 9})}),
                new Message.Invoke(3, "REPL.$JShell$1", "do_it$", false),
                new Message.Interrupt(4),
                new Message.StatsRequest(5),
                new Message.Shutdown(),
                new Message.Flags(42, new String[] {"-Xmx1g"}),
                new Message.FlagsRequest(43),
                new Message.BulkResult(44, "byte[3] { 1, 2, 3 }", (byte) 'B', 3, false),
                new Message.Result(6, ValueCodec.toWire(map), "display"),
                new Message.Result(
                        7, new ArrayList<>(List.of("a", new OpaqueValue("T", "t"), BigInteger.TEN, Instant.EPOCH)), ""),
                new Message.Result(8, new RecordValue("p.R", new Object[] {1, "x"}, "R[]"), ""),
                new Message.Failure(
                        9,
                        FailureKind.USER_EXCEPTION,
                        "java.lang.X",
                        "m",
                        new Thrown[] {
                            new Thrown("java.lang.X", "m", new StackFrame[] {new StackFrame("C", "m", "F.java", 3)}),
                            new Thrown("java.lang.Y", null, new StackFrame[] {new StackFrame("D", "n", null, -1)})
                        },
                        0),
                new Message.Output(
                        new StdStream[] {StdStream.STDOUT, StdStream.STDERR, StdStream.STDOUT},
                        new String[] {"hello\n", "oops\n", "bye"}),
                new Message.ClassRequest(10, "a/B.class"),
                new Message.Input("Ada\n"),
                new Message.InputEnd(),
                new Message.AddClasspath(12, new String[] {"/libs/a.jar", "/libs/b.jar"}),
                new Message.InputRequest("Name: "),
                new Message.InputWaitOver(),
                new Message.Stats(11, 1, 2, 3, 4, 5, 6, 7, 8, 2),
                new Message.ThreadsRequest(12, true),
                new Message.Threads(12, new ThreadData[] {
                    new ThreadData(
                            1,
                            "main",
                            "BLOCKED",
                            false,
                            5,
                            "java.lang.Object@1",
                            2,
                            "other",
                            new StackFrame[] {new StackFrame("C", "m", "C.java", 3)},
                            new String[] {"java.lang.Object@2"},
                            ThreadRole.USER,
                            true)
                }),
                new Message.HistogramRequest(13),
                new Message.Histogram(13, new String[] {"[B"}, new long[] {1}, new long[] {100}),
                new Message.VariablesRequest(14, new String[] {"REPL.$JShell$1"}, new String[] {"x"}),
                new Message.VariableValues(14, new String[] {"42"}),
                new Message.Result(
                        15, new ImageValue("java.awt.image.BufferedImage", "img", new byte[] {1, 2}, 1, 1), ""),
                new Message.NestedWorker(1, 2, "n", "IDLE", -1));
        List<byte[]> out = new ArrayList<>();
        for (Message m : messages) {
            var o = WireCodec.encode(m, MAX_FRAME);
            out.add(java.util.Arrays.copyOf(o.getBuffer(), o.position()));
        }
        return out;
    }

    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int ops = 1 + r.nextInt(4);
        for (int i = 0; i < ops; i++) {
            switch (r.nextInt(6)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 2 -> b = java.util.Arrays.copyOf(b, Math.max(1, r.nextInt(b.length + 1)));
                case 3 -> {
                    byte[] longer = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(8));
                    for (int k = b.length; k < longer.length; k++) {
                        longer[k] = (byte) r.nextInt(256);
                    }
                    b = longer;
                }
                case 4 -> { // an extreme varint where a length might be
                    int at = r.nextInt(b.length);
                    byte[] big = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
                    for (int k = 0; k < big.length && at + k < b.length; k++) {
                        b[at + k] = big[k];
                    }
                }
                default -> {
                    byte[] rnd = new byte[1 + r.nextInt(64)];
                    r.nextBytes(rnd);
                    b = rnd;
                }
            }
        }
        return b;
    }

    @Test
    void randomAndMutatedPayloadsGiveAMessageOrAFrameException() throws Exception {
        long seconds = Long.getLong("kiln.fuzz.seconds", 20);
        long seed = Long.getLong("kiln.fuzz.seed", 20261126L);
        Random r = new Random(seed);
        List<byte[]> corpus = corpus();
        for (byte[] valid : corpus) {
            assertThat(WireCodec.decode(valid)).isNotNull();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long runs = 0;
        long rejected = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = mutate(corpus.get(r.nextInt(corpus.size())), r);
            long t0 = System.nanoTime();
            try {
                WireCodec.decode(input);
            } catch (FrameException e) {
                rejected++;
            } catch (Throwable t) {
                fail("input " + java.util.HexFormat.of().formatHex(input) + " escaped as " + t, t);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 2_000) {
                fail("input " + java.util.HexFormat.of().formatHex(input) + " took " + ms + " ms to decode");
            }
            runs++;
        }
        System.out.printf("wire fuzz: %d inputs in %d s (seed %d), %d rejected%n", runs, seconds, seed, rejected);
        assertThat(runs).isGreaterThan(1_000);
        assertThat(rejected).isPositive();
    }

    @Test
    void aConnectionFedGarbageClosesWithAReasonAndNothingEscapes() throws Exception {
        Random r = new Random(7);
        List<byte[]> corpus = corpus();
        for (int i = 0; i < 300; i++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(stream);
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                byte[] payload = mutate(corpus.get(r.nextInt(corpus.size())), r);
                if (r.nextInt(10) == 0) {
                    out.writeInt(r.nextInt()); // a lying length
                } else {
                    out.writeInt(payload.length);
                }
                out.write(payload);
            }
            CompletableFuture<Throwable> closed = new CompletableFuture<>();
            AtomicReference<Thread> reader = new AtomicReference<>();
            Connection c = new Connection(
                    new ByteArrayInputStream(stream.toByteArray()), new ByteArrayOutputStream(), "fuzz", MAX_FRAME);
            c.start(m -> reader.set(Thread.currentThread()), reason -> {
                reader.compareAndSet(null, Thread.currentThread());
                closed.complete(reason);
            });
            Throwable reason = closed.get(5, TimeUnit.SECONDS);
            // Whatever the decoder throws reaches onClose as the reason: a decoder bug (a Kryo exception,
            // a StackOverflowError, an OutOfMemoryError) fails here instead of passing unseen.
            assertThat(reason == null || reason instanceof FrameException)
                    .as("closed cleanly or with a FrameException, got %s", reason)
                    .isTrue();
            assertThat(c.isOpen()).isFalse();
            reader.get().join(5_000);
            assertThat(reader.get().isAlive()).as("the reader thread ended").isFalse();
        }
    }

    @Test
    void frameReaderNeverReadsPastALyingLength() {
        Random r = new Random(99);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[r.nextInt(40)];
            r.nextBytes(bytes);
            try {
                FrameCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)), 1024);
            } catch (FrameException e) {
                // expected for most
            } catch (Throwable t) {
                fail("escaped: " + t, t);
            }
        }
    }
}
