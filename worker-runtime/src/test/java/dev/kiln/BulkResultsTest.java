package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Results of every primitive array type and strings arrive bit for bit, whether they travel
 * inside their reply (small) or as a raw frame after it (64 KB and more), from calls and from
 * evaluations; the connection goes on after each.
 */
class BulkResultsTest {
    private static final int THRESHOLD = 64 * 1024;
    private static final List<Class<?>> TYPES = List.of(
            byte.class, boolean.class, char.class, short.class, int.class, float.class, long.class, double.class);

    private static WorkerSpec quiet() {
        return WorkerSpec.builder().echoOutput(false).build();
    }

    /** An array of {@code n} {@code type}s, the same for the same arguments in any JVM; floats and doubles from raw bits. */
    static Object array(Class<?> type, int n, long seed) {
        Random r = new Random(seed);
        Object a = Array.newInstance(type, n);
        for (int i = 0; i < n; i++) {
            Object e;
            if (type == byte.class) {
                e = (byte) r.nextInt();
            } else if (type == boolean.class) {
                e = r.nextBoolean();
            } else if (type == char.class) {
                e = (char) r.nextInt();
            } else if (type == short.class) {
                e = (short) r.nextInt();
            } else if (type == int.class) {
                e = r.nextInt();
            } else if (type == float.class) {
                e = Float.intBitsToFloat(r.nextInt());
            } else if (type == long.class) {
                e = r.nextLong();
            } else {
                e = Double.longBitsToDouble(r.nextLong());
            }
            Array.set(a, i, e);
        }
        return a;
    }

    private static int elementBytes(Class<?> type) {
        return type == byte.class || type == boolean.class
                ? 1
                : type == char.class || type == short.class ? 2 : type == int.class || type == float.class ? 4 : 8;
    }

    /** Whether two arrays hold the same elements, bit for bit (a float NaN's payload included). */
    static boolean sameBits(Object a, Object b) {
        if (a.getClass() != b.getClass() || Array.getLength(a) != Array.getLength(b)) {
            return false;
        }
        for (int i = 0; i < Array.getLength(a); i++) {
            Object x = Array.get(a, i);
            Object y = Array.get(b, i);
            boolean same = x instanceof Float f
                    ? Float.floatToRawIntBits(f) == Float.floatToRawIntBits((Float) y)
                    : x instanceof Double d
                            ? Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits((Double) y)
                            : x.equals(y);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyPrimitiveArrayArrivesIntactFromACallAroundTheThresholdAndAtMegabytes() {
        try (Worker w = Worker.start(quiet())) {
            for (Class<?> type : TYPES) {
                int each = elementBytes(type);
                int at = THRESHOLD / each;
                for (int n : new int[] {at - 1, at, at + 1, (3 << 20) / each + 5}) {
                    long seed = 31L * n + each;
                    Object got = w.callFetch(() -> array(type, n, seed));
                    assertThat(sameBits(got, array(type, n, seed)))
                            .as("%s[%d] arrives bit for bit", type, n)
                            .isTrue();
                    assertThat((int) w.callFetch(() -> n))
                            .as("the connection goes on after it")
                            .isEqualTo(n);
                }
            }
        }
    }

    @Test
    void nanPayloadsSurvive() {
        try (Worker w = Worker.start(quiet())) {
            float[] floats = w.callFetch(() -> {
                float[] f = new float[100_000];
                for (int i = 0; i < f.length; i++) {
                    f[i] = Float.intBitsToFloat(0x7f800001 + (i % 1000) * 4099);
                }
                return f;
            });
            double[] doubles = w.callFetch(() -> {
                double[] d = new double[100_000];
                for (int i = 0; i < d.length; i++) {
                    d[i] = Double.longBitsToDouble(0xfff0000000000001L + i * 7919L);
                }
                return d;
            });
            for (int i = 0; i < floats.length; i++) {
                assertThat(Float.floatToRawIntBits(floats[i])).isEqualTo(0x7f800001 + (i % 1000) * 4099);
                assertThat(Double.doubleToRawLongBits(doubles[i])).isEqualTo(0xfff0000000000001L + i * 7919L);
            }
        }
    }

    @Test
    void largeStringsArriveCharForChar() {
        try (Worker w = Worker.start(quiet())) {
            String ascii = w.callFetch(() -> "plain text ".repeat(300_000));
            assertThat(ascii).isEqualTo("plain text ".repeat(300_000));
            String mixed = w.callFetch(() -> "Köln 𝄞 😀 漢字 \uD800 ".repeat(20_000));
            assertThat(mixed.toCharArray())
                    .isEqualTo("Köln 𝄞 😀 漢字 \uD800 ".repeat(20_000).toCharArray());
            String evaluated = w.evalFetch("\"Grüße \" .repeat(50_000)", String.class);
            assertThat(evaluated).isEqualTo("Grüße ".repeat(50_000));
        }
    }

    @Test
    void largeArraysFromAnEvaluationArriveWithTheirDisplay() {
        try (Worker w = Worker.start(quiet())) {
            int[] ints = w.evalFetch(
                    "int[] a = new int[1_000_000]; for (int i = 0; i < a.length; i++) a[i] = i * 31 - 7; a",
                    int[].class);
            assertThat(ints).hasSize(1_000_000);
            for (int i = 0; i < ints.length; i++) {
                assertThat(ints[i]).isEqualTo(i * 31 - 7);
            }
            double[] doubles = w.evalFetch(
                    "java.util.stream.IntStream.range(0, 500_000).mapToDouble(i -> i / 3.0).toArray()", double[].class);
            assertThat(doubles).hasSize(500_000);
            assertThat(doubles[499_999]).isEqualTo(499_999 / 3.0);
            EvalResult shown = w.evaluate("new long[100_000]").join();
            assertThat((long[]) shown.value()).hasSize(100_000);
            assertThat(shown.display()).contains("long[100000] { 0, 0").contains("(99000 more)");
        }
    }

    /**
     * A large result is read (by socket, or from the shared-memory lane), and a large argument
     * written, a socket-sized piece at a time: the host keeps no native buffer the size of the
     * value (the JDK gives a channel's socket a temporary direct buffer as large as each read or
     * write asks for, and the thread keeps it).
     */
    @Test
    void largeResultsAndArgumentsLeaveTheHostNoNativeBufferTheirSize() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        try (Worker w = Worker.start(quiet())) {
            assertThat(w.callFetch(() -> 1)).isEqualTo(1);
            long before = direct.getTotalCapacity();
            for (int i = 0; i < 3; i++) {
                byte[] got = w.callFetch(() -> new byte[32 << 20]);
                assertThat(got).hasSize(32 << 20);
            }
            byte[] argument = new byte[16 << 20];
            assertThat(w.callFetch(() -> argument.length)).isEqualTo(16 << 20);
            assertThat(direct.getTotalCapacity() - before)
                    .as("native buffer bytes the host took for three 32 MB results and a 16 MB argument")
                    .isLessThan(1 << 20);
        }
    }

    /** The worker results files this process has mapped: its lines of /proc/self/maps that name one. */
    private static List<String> mappedResultsFiles() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("/kiln-results-"))
                .toList();
    }

    private static Set<Path> resultsFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("kiln-results-"))
                    .collect(Collectors.toSet());
        }
    }

    /**
     * A large array from a worker on this machine comes through the worker's shared-memory file,
     * which the host maps and unlinks once it has it open: nothing of it is left in /dev/shm while
     * the worker runs or after. Needs Linux, where the lane is offered.
     */
    @Test
    void largeArraysFromAWorkerOnThisMachineComeThroughSharedMemoryAndLeaveNoFile() throws IOException {
        Assumptions.assumeTrue(
                OsFamily.current() == OsFamily.LINUX && Files.isDirectory(Path.of("/dev/shm")),
                "the shared-memory lane is offered on Linux");
        Set<Path> before = resultsFiles();
        List<String> mappedBefore = mappedResultsFiles();
        try (Worker w = Worker.start(quiet())) {
            for (int round = 0; round < 3; round++) {
                int step = round + 3;
                int[] got = w.callFetch(() -> {
                    int[] a = new int[1 << 20];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = i * step;
                    }
                    return a;
                });
                assertThat(got).hasSize(1 << 20);
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i]).isEqualTo(i * step);
                }
            }
            List<String> mapped = new java.util.ArrayList<>(mappedResultsFiles());
            mapped.removeAll(mappedBefore);
            assertThat(mapped)
                    .as("the host maps the worker's file, unlinked")
                    .isNotEmpty()
                    .allMatch(line -> line.endsWith("(deleted)"));
            assertThat(resultsFiles()).as("unlinked once the host has it open").isEqualTo(before);
        }
        assertThat(resultsFiles()).as("nothing left once the worker is gone").isEqualTo(before);
    }
}
