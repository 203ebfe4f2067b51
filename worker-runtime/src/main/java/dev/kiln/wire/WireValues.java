package dev.kiln.wire;

import static dev.kiln.wire.WireTags.*;

/**
 * A {@link Message.Result}'s value on the wire: a value tag, then the value. Scalars, strings,
 * primitive arrays, string arrays and the common stand-ins ({@link OpaqueValue}, {@link
 * EnumValue}) are written by hand; any other data value (collections, records, java.time,
 * BigDecimal, images...) is Kryo's encoding of it, length-prefixed ({@link KryoValues}), so
 * a worker whose replies are scalars never builds Kryo.
 */
final class WireValues {
    private WireValues() {}

    static void write(WireOut out, Object v) throws FrameException {
        if (v == null) {
            out.writeByte(V_NULL);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? V_TRUE : V_FALSE);
        } else if (v instanceof Integer i) {
            out.writeByte(V_INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(V_LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(V_DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            out.writeByte(V_FLOAT);
            out.writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof Short s) {
            out.writeByte(V_SHORT);
            out.writeShort(s);
        } else if (v instanceof Byte b) {
            out.writeByte(V_BYTE);
            out.writeByte(b);
        } else if (v instanceof Character c) {
            out.writeByte(V_CHAR);
            out.writeShort(c);
        } else if (v instanceof String s) {
            out.writeByte(V_STRING);
            out.writeString(s);
        } else if (v instanceof String[] a) {
            out.writeByte(V_STRINGS);
            out.writeStrings(a);
        } else if (v instanceof OpaqueValue o) {
            out.writeByte(V_OPAQUE);
            out.writeString(o.typeName());
            out.writeString(o.text());
        } else if (v instanceof EnumValue e) {
            out.writeByte(V_ENUM);
            out.writeString(e.className());
            out.writeString(e.constant());
        } else if (!writeArray(out, v)) {
            byte[] blob = KryoValues.encodeValue(v, out, 5); // its tag and length
            out.writeByte(V_KRYO);
            out.writeBytes(blob);
        }
    }

    private static boolean writeArray(WireOut out, Object v) throws FrameException {
        if (v instanceof byte[] a) {
            out.writeByte(V_BYTES);
            out.writeBytes(a);
        } else if (v instanceof int[] a) {
            out.writeByte(V_INTS);
            out.writeInt(a.length);
            for (int x : a) {
                out.writeInt(x);
            }
        } else if (v instanceof long[] a) {
            out.writeByte(V_LONGS);
            out.writeLongs(a);
        } else if (v instanceof double[] a) {
            out.writeByte(V_DOUBLES);
            out.writeInt(a.length);
            for (double x : a) {
                out.writeLong(Double.doubleToRawLongBits(x));
            }
        } else if (v instanceof float[] a) {
            out.writeByte(V_FLOATS);
            out.writeInt(a.length);
            for (float x : a) {
                out.writeInt(Float.floatToRawIntBits(x));
            }
        } else if (v instanceof short[] a) {
            out.writeByte(V_SHORTS);
            out.writeInt(a.length);
            for (short x : a) {
                out.writeShort(x);
            }
        } else if (v instanceof char[] a) {
            out.writeByte(V_CHARS);
            out.writeInt(a.length);
            for (char x : a) {
                out.writeShort(x);
            }
        } else if (v instanceof boolean[] a) {
            out.writeByte(V_BOOLEANS);
            out.writeInt(a.length);
            for (boolean x : a) {
                out.writeBoolean(x);
            }
        } else {
            return false;
        }
        return true;
    }

    static Object read(WireIn in) throws FrameException {
        String field = "Result.value";
        byte tag = in.readByte(field);
        switch (tag) {
            case V_NULL:
                return null;
            case V_FALSE:
                return Boolean.FALSE;
            case V_TRUE:
                return Boolean.TRUE;
            case V_INT:
                return in.readInt(field);
            case V_LONG:
                return in.readLong(field);
            case V_DOUBLE:
                return Double.longBitsToDouble(in.readLong(field));
            case V_FLOAT:
                return Float.intBitsToFloat(in.readInt(field));
            case V_SHORT:
                return in.readShort(field);
            case V_BYTE:
                return in.readByte(field);
            case V_CHAR:
                return (char) in.readShort(field);
            case V_STRING:
                return notNull(in.readString(field));
            case V_STRINGS:
                return notNull(in.readStrings(field));
            case V_OPAQUE:
                return new OpaqueValue(in.readString(field), in.readString(field));
            case V_ENUM:
                return new EnumValue(in.readString(field), in.readString(field));
            case V_KRYO:
                int n = count(in, 1);
                Object v = KryoValues.decodeValue(in.frame(), in.position(), n);
                in.skip(n, field);
                return v;
            default:
                return readArray(in, tag);
        }
    }

    private static Object readArray(WireIn in, byte tag) throws FrameException {
        String field = "Result.value";
        switch (tag) {
            case V_BYTES:
                return notNull(in.readBytes(field));
            case V_LONGS:
                return notNull(in.readLongs(field));
            case V_INTS: {
                int[] a = new int[count(in, 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readInt(field);
                }
                return a;
            }
            case V_DOUBLES: {
                double[] a = new double[count(in, 8)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Double.longBitsToDouble(in.readLong(field));
                }
                return a;
            }
            case V_FLOATS: {
                float[] a = new float[count(in, 4)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = Float.intBitsToFloat(in.readInt(field));
                }
                return a;
            }
            case V_SHORTS: {
                short[] a = new short[count(in, 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readShort(field);
                }
                return a;
            }
            case V_CHARS: {
                char[] a = new char[count(in, 2)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (char) in.readShort(field);
                }
                return a;
            }
            case V_BOOLEANS: {
                boolean[] a = new boolean[count(in, 1)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readBoolean(field);
                }
                return a;
            }
            default:
                throw new FrameException("malformed message: unknown value tag " + tag + " in a Result");
        }
    }

    /** An array's length, checked against the frame; a null array is not a value of its own tag. */
    private static int count(WireIn in, int minBytesEach) throws FrameException {
        int n = in.readCount("Result.value", minBytesEach);
        if (n < 0) {
            throw new FrameException("malformed message: a Result's value is null inside a non-null tag");
        }
        return n;
    }

    private static <T> T notNull(T v) throws FrameException {
        if (v == null) {
            throw new FrameException("malformed message: a Result's value is null inside a non-null tag");
        }
        return v;
    }
}
