package dev.kiln.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Serializers for every variable-length type on the wire that check a declared length
 * against the bytes actually left in the frame before allocating anything. Kryo's own
 * allocate first: a 20-byte frame declaring an array of 2^31 elements made the decoder
 * allocate gigabytes (found by WireFuzzTest).
 */
final class BoundedSerializers {
    private BoundedSerializers() {}

    static void register(Kryo kryo) {
        kryo.register(String.class, new StringSerializer());
        kryo.register(byte[].class, new Primitive<byte[]>(1, a -> a.length) {
            void write(Output o, byte[] a) {
                o.writeBytes(a);
            }

            byte[] read(Input in, int n) {
                return in.readBytes(n);
            }
        });
        kryo.register(short[].class, new Primitive<short[]>(2, a -> a.length) {
            void write(Output o, short[] a) {
                o.writeShorts(a, 0, a.length);
            }

            short[] read(Input in, int n) {
                return in.readShorts(n);
            }
        });
        kryo.register(int[].class, new Primitive<int[]>(4, a -> a.length) {
            void write(Output o, int[] a) {
                o.writeInts(a, 0, a.length);
            }

            int[] read(Input in, int n) {
                return in.readInts(n);
            }
        });
        kryo.register(long[].class, new Primitive<long[]>(8, a -> a.length) {
            void write(Output o, long[] a) {
                o.writeLongs(a, 0, a.length);
            }

            long[] read(Input in, int n) {
                return in.readLongs(n);
            }
        });
        kryo.register(float[].class, new Primitive<float[]>(4, a -> a.length) {
            // Raw bits: Kryo's writeFloats makes every NaN the canonical one.
            void write(Output o, float[] a) {
                for (float f : a) {
                    o.writeInt(Float.floatToRawIntBits(f));
                }
            }

            float[] read(Input in, int n) {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Float.intBitsToFloat(in.readInt());
                }
                return a;
            }
        });
        kryo.register(double[].class, new Primitive<double[]>(8, a -> a.length) {
            // Raw bits: Kryo's writeDoubles makes every NaN the canonical one.
            void write(Output o, double[] a) {
                for (double d : a) {
                    o.writeLong(Double.doubleToRawLongBits(d));
                }
            }

            double[] read(Input in, int n) {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Double.longBitsToDouble(in.readLong());
                }
                return a;
            }
        });
        kryo.register(char[].class, new Primitive<char[]>(2, a -> a.length) {
            void write(Output o, char[] a) {
                o.writeChars(a, 0, a.length);
            }

            char[] read(Input in, int n) {
                return in.readChars(n);
            }
        });
        kryo.register(boolean[].class, new Primitive<boolean[]>(1, a -> a.length) {
            void write(Output o, boolean[] a) {
                o.writeBooleans(a, 0, a.length);
            }

            boolean[] read(Input in, int n) {
                return in.readBooleans(n);
            }
        });
        kryo.register(java.math.BigInteger.class, new Serializer<java.math.BigInteger>() {
            @Override
            public void write(Kryo kryo, Output output, java.math.BigInteger v) {
                byte[] b = v.toByteArray();
                output.writeVarInt(b.length, true);
                output.writeBytes(b);
            }

            @Override
            public java.math.BigInteger read(Kryo kryo, Input input, Class<? extends java.math.BigInteger> type) {
                return new java.math.BigInteger(input.readBytes(count(input, 1)));
            }
        });
        kryo.register(java.math.BigDecimal.class, new Serializer<java.math.BigDecimal>() {
            @Override
            public void write(Kryo kryo, Output output, java.math.BigDecimal v) {
                byte[] b = v.unscaledValue().toByteArray();
                output.writeVarInt(b.length, true);
                output.writeBytes(b);
                output.writeInt(v.scale());
            }

            @Override
            public java.math.BigDecimal read(Kryo kryo, Input input, Class<? extends java.math.BigDecimal> type) {
                java.math.BigInteger unscaled = new java.math.BigInteger(input.readBytes(count(input, 1)));
                return new java.math.BigDecimal(unscaled, input.readInt());
            }
        });
        kryo.register(String[].class, new ObjectArray<>(String[]::new));
        kryo.register(Object[].class, new ObjectArray<>(Object[]::new));
        kryo.register(ArrayList.class, new CollectionSerializer<>(ArrayList::new));
        kryo.register(LinkedHashSet.class, new CollectionSerializer<>(n -> new LinkedHashSet<>()));
        kryo.register(LinkedHashMap.class, new MapSerializer());
    }

    /** Reads a count and checks that at least {@code count * minBytes} bytes remain. */
    static int count(Input in, long minBytesEach) {
        int n = in.readVarInt(true);
        long remaining = (long) in.limit() - in.position();
        if (n < 0 || n * minBytesEach > remaining) {
            throw new KryoException(
                    "declared length " + n + " does not fit the " + remaining + " bytes left in the frame");
        }
        return n;
    }

    private abstract static class Primitive<T> extends Serializer<T> {
        private final int size;
        private final java.util.function.ToIntFunction<T> length;

        Primitive(int size, java.util.function.ToIntFunction<T> length) {
            this.size = size;
            this.length = length;
        }

        abstract void write(Output o, T a);

        abstract T read(Input in, int n);

        @Override
        public void write(Kryo kryo, Output output, T array) {
            output.writeVarInt(length.applyAsInt(array), true);
            write(output, array);
        }

        @Override
        public T read(Kryo kryo, Input input, Class<? extends T> type) {
            return read(input, count(input, size));
        }
    }

    private static final class StringSerializer extends Serializer<String> {
        StringSerializer() {
            setImmutable(true);
        }

        @Override
        public void write(Kryo kryo, Output output, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            output.writeVarInt(b.length, true);
            output.writeBytes(b);
        }

        @Override
        public String read(Kryo kryo, Input input, Class<? extends String> type) {
            return new String(input.readBytes(count(input, 1)), StandardCharsets.UTF_8);
        }
    }

    /** A bounded serializer for an array of objects of any registered types. */
    static <T> Serializer<T[]> array(IntFunction<T[]> make) {
        return new ObjectArray<>(make);
    }

    private static final class ObjectArray<T> extends Serializer<T[]> {
        private final IntFunction<T[]> make;

        ObjectArray(IntFunction<T[]> make) {
            this.make = make;
        }

        @Override
        public void write(Kryo kryo, Output output, T[] array) {
            output.writeVarInt(array.length, true);
            for (T t : array) {
                kryo.writeClassAndObject(output, t);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T[] read(Kryo kryo, Input input, Class<? extends T[]> type) {
            T[] a = make.apply(count(input, 1));
            for (int i = 0; i < a.length; i++) {
                a[i] = (T) kryo.readClassAndObject(input);
            }
            return a;
        }
    }

    private static final class CollectionSerializer<C extends Collection<Object>> extends Serializer<C> {
        private final IntFunction<C> make;

        CollectionSerializer(IntFunction<C> make) {
            this.make = make;
        }

        @Override
        public void write(Kryo kryo, Output output, C c) {
            output.writeVarInt(c.size(), true);
            for (Object o : c) {
                kryo.writeClassAndObject(output, o);
            }
        }

        @Override
        public C read(Kryo kryo, Input input, Class<? extends C> type) {
            int n = count(input, 1);
            C c = make.apply(n);
            for (int i = 0; i < n; i++) {
                c.add(kryo.readClassAndObject(input));
            }
            return c;
        }
    }

    @SuppressWarnings("rawtypes")
    private static final class MapSerializer extends Serializer<LinkedHashMap> {
        @Override
        public void write(Kryo kryo, Output output, LinkedHashMap map) {
            output.writeVarInt(map.size(), true);
            for (Object o : map.entrySet()) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                kryo.writeClassAndObject(output, e.getKey());
                kryo.writeClassAndObject(output, e.getValue());
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public LinkedHashMap read(Kryo kryo, Input input, Class<? extends LinkedHashMap> type) {
            int n = count(input, 2);
            LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
            }
            return m;
        }
    }
}
