package dev.kiln.wire;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/** Messages of every type, fixed and random, and a deep comparison of decoded messages. */
final class WireSamples {
    private WireSamples() {}

    /** Every record of the sealed {@link Message} set. */
    static List<Class<?>> messageTypes() {
        List<Class<?>> out = new ArrayList<>();
        collect(Message.class, out);
        return out;
    }

    private static void collect(Class<?> sealed, List<Class<?>> out) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                collect(c, out);
            } else {
                out.add(c);
            }
        }
    }

    /** One random message of each type, with edge values (nulls, empty arrays, extremes) often. */
    static List<Message> randomOfEachType(Random r) {
        return List.of(
                new Message.Call(r.nextLong(), bytes(r), r.nextBoolean()),
                new Message.Load(r.nextLong(), classes(r)),
                new Message.Redefine(r.nextLong(), classes(r)),
                new Message.Invoke(r.nextLong(), string(r), string(r), r.nextBoolean()),
                new Message.VarValue(r.nextLong(), string(r), string(r)),
                new Message.Interrupt(r.nextLong()),
                new Message.StatsRequest(r.nextLong()),
                new Message.FlagsRequest(r.nextLong()),
                new Message.ThreadsRequest(r.nextLong(), r.nextBoolean()),
                new Message.HistogramRequest(r.nextLong()),
                new Message.VariablesRequest(r.nextLong(), strings(r), strings(r)),
                new Message.Shutdown(),
                new Message.ClassData(r.nextLong(), bytes(r)),
                new Message.ClassOffer(string(r), bytes(r)),
                new Message.Input(string(r)),
                new Message.InputEnd(),
                new Message.AddClasspath(r.nextLong(), strings(r)),
                new Message.Flags(r.nextLong(), strings(r)),
                new Message.Result(r.nextLong(), value(r), string(r)),
                new Message.BulkResult(r.nextLong(), string(r), (byte) r.nextInt(), r.nextInt(), r.nextBoolean()),
                new Message.Failure(
                        r.nextLong(), pick(r, FailureKind.values()), string(r), string(r), chain(r), r.nextInt()),
                new Message.Output(streams(r), strings(r)),
                new Message.InputRequest(string(r)),
                new Message.InputWaitOver(),
                new Message.ClassRequest(r.nextLong(), string(r)),
                new Message.Stats(
                        r.nextLong(),
                        r.nextLong(),
                        r.nextLong(),
                        r.nextLong(),
                        r.nextLong(),
                        r.nextInt(),
                        r.nextLong(),
                        r.nextLong(),
                        r.nextLong(),
                        r.nextInt()),
                new Message.Threads(r.nextLong(), threads(r)),
                new Message.Histogram(r.nextLong(), strings(r), longs(r), longs(r)),
                new Message.VariableValues(r.nextLong(), strings(r)),
                new Message.InterruptAck(r.nextLong(), r.nextInt()),
                new Message.NestedWorker(r.nextLong(), r.nextLong(), string(r), string(r), r.nextInt()));
    }

    private static boolean rarely(Random r) {
        return r.nextInt(6) == 0;
    }

    static String string(Random r) {
        if (rarely(r)) {
            return r.nextBoolean() ? null : "";
        }
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(20);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> b.append((char) ('a' + r.nextInt(26)));
                case 1 -> b.append("é✓\n\t");
                case 2 -> b.appendCodePoint(0x1F600 + r.nextInt(40)); // outside the BMP: a surrogate pair
                default -> b.append((char) r.nextInt(0xD000));
            }
        }
        return b.toString();
    }

    private static byte[] bytes(Random r) {
        if (rarely(r)) {
            return r.nextBoolean() ? null : new byte[0];
        }
        byte[] b = new byte[r.nextInt(50)];
        r.nextBytes(b);
        return b;
    }

    private static String[] strings(Random r) {
        if (rarely(r)) {
            return r.nextBoolean() ? null : new String[0];
        }
        String[] a = new String[r.nextInt(5)];
        for (int i = 0; i < a.length; i++) {
            a[i] = string(r);
        }
        return a;
    }

    private static long[] longs(Random r) {
        if (rarely(r)) {
            return null;
        }
        long[] a = new long[r.nextInt(5)];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextBoolean() ? r.nextLong() : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L}[r.nextInt(4)];
        }
        return a;
    }

    private static <T> T pick(Random r, T[] choices) {
        return rarely(r) ? null : choices[r.nextInt(choices.length)];
    }

    private static ClassBytes[] classes(Random r) {
        if (rarely(r)) {
            return null;
        }
        ClassBytes[] a = new ClassBytes[r.nextInt(4)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rarely(r) ? null : new ClassBytes(string(r), bytes(r));
        }
        return a;
    }

    private static StdStream[] streams(Random r) {
        if (rarely(r)) {
            return null;
        }
        StdStream[] a = new StdStream[r.nextInt(4)];
        for (int i = 0; i < a.length; i++) {
            a[i] = pick(r, StdStream.values());
        }
        return a;
    }

    private static StackFrame[] frames(Random r) {
        if (rarely(r)) {
            return null;
        }
        StackFrame[] a = new StackFrame[r.nextInt(4)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rarely(r) ? null : new StackFrame(string(r), string(r), string(r), r.nextInt());
        }
        return a;
    }

    private static Thrown[] chain(Random r) {
        if (rarely(r)) {
            return null;
        }
        Thrown[] a = new Thrown[r.nextInt(3)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rarely(r) ? null : new Thrown(string(r), string(r), frames(r));
        }
        return a;
    }

    private static ThreadData[] threads(Random r) {
        if (rarely(r)) {
            return null;
        }
        ThreadData[] a = new ThreadData[r.nextInt(3)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rarely(r)
                    ? null
                    : new ThreadData(
                            r.nextLong(),
                            string(r),
                            string(r),
                            r.nextBoolean(),
                            r.nextLong(),
                            string(r),
                            r.nextLong(),
                            string(r),
                            frames(r),
                            strings(r),
                            pick(r, ThreadRole.values()),
                            r.nextBoolean());
        }
        return a;
    }

    /** A value of every kind a Result may carry: scalars and arrays written by hand, and Kryo's data values. */
    static Object value(Random r) {
        return switch (r.nextInt(28)) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> r.nextBoolean() ? Double.longBitsToDouble(0x7ff8_0000_dead_beefL) : r.nextDouble();
            case 5 -> r.nextBoolean() ? Float.intBitsToFloat(0x7fc0_beef) : -0.0f;
            case 6 -> (short) r.nextInt();
            case 7 -> (byte) r.nextInt();
            case 8 -> (char) r.nextInt(0x10000);
            case 9 -> Objects.requireNonNullElse(string(r), "s");
            case 10 -> Objects.requireNonNullElse(bytes(r), new byte[0]);
            case 11 -> new short[] {Short.MIN_VALUE, 0, Short.MAX_VALUE};
            case 12 -> new int[] {Integer.MIN_VALUE, r.nextInt(), Integer.MAX_VALUE};
            case 13 -> Objects.requireNonNullElse(longs(r), new long[0]);
            case 14 -> new float[] {Float.NaN, Float.intBitsToFloat(0x7f80_0001), 1.5f};
            case 15 -> new double[] {-0.0, Double.longBitsToDouble(0x7ff0_0000_0000_0001L), Double.MIN_VALUE};
            case 16 -> new char[] {'\uD83D', 'x', '\uffff'};
            case 17 -> new boolean[] {true, false, r.nextBoolean()};
            case 18 -> Objects.requireNonNullElse(strings(r), new String[] {null});
            case 19 -> new OpaqueValue(string(r), string(r));
            case 20 -> new EnumValue(string(r), string(r));
            case 21 -> new ArrayList<>(List.of(r.nextInt(), "x", new ArrayList<>()));
            case 22 -> {
                LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
                m.put("k", new int[] {1, 2});
                m.put(7, null);
                yield m;
            }
            case 23 -> new LinkedHashSet<>(List.of(1, 2L, 3.0));
            case 24 -> new BigDecimal(r.nextLong()).movePointLeft(r.nextInt(20));
            case 25 -> LocalDate.ofEpochDay(r.nextInt(100_000));
            case 26 -> new RecordValue("p.R", new Object[] {1, string(r), null}, string(r));
            default -> new ImageValue("java.awt.image.BufferedImage", string(r), bytes(r), r.nextInt(), 3);
        };
    }

    /** Whether two decoded messages (or their parts) are equal: arrays by elements, floats by their bits. */
    static boolean deepEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Double x) {
            return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits((Double) b);
        }
        if (a instanceof Float x) {
            return Float.floatToRawIntBits(x) == Float.floatToRawIntBits((Float) b);
        }
        if (a.getClass().isArray()) {
            int n = Array.getLength(a);
            if (n != Array.getLength(b)) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!deepEquals(Array.get(a, i), Array.get(b, i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x) {
            return deepEquals(x.toArray(), ((List<?>) b).toArray());
        }
        if (a instanceof LinkedHashMap<?, ?> x) {
            return deepEquals(
                            x.keySet().toArray(),
                            ((LinkedHashMap<?, ?>) b).keySet().toArray())
                    && deepEquals(
                            x.values().toArray(),
                            ((LinkedHashMap<?, ?>) b).values().toArray());
        }
        if (a.getClass().isRecord()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                try {
                    if (!deepEquals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                        return false;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
