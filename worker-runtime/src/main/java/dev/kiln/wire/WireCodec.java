package dev.kiln.wire;

/**
 * Encodes {@link Message}s for the wire, and back. The messages themselves are written by hand
 * ({@link MessageEncoder}, {@link MessageDecoder}: a tag byte per record, then its components);
 * so are a {@link Message.Result}'s scalar, string, array, opaque and enum values ({@link
 * WireValues}). Any other data value (collections, records, java.time, BigDecimal, images...)
 * is Kryo's encoding of it, nested in the message with its length ({@link KryoValues}); Kryo is
 * built the first time such a value crosses. This class names neither Kryo nor those data types,
 * so loading it loads none of them.
 */
public final class WireCodec {
    /**
     * Deepest object nesting accepted in a value Kryo encodes: room for the value and {@link
     * ValueCodec#MAX_VALUE_DEPTH} levels of nested data, each of which takes at most two levels
     * there (a record: the record, then its components). The two limits are one decision: a value
     * {@code ValueCodec} lets through as data always fits on the wire.
     */
    public static final int MAX_DEPTH = 2 * ValueCodec.MAX_VALUE_DEPTH + 8;

    private WireCodec() {}

    /**
     * Serializes a message into a buffer of its own.
     *
     * @throws FrameException if the message would exceed {@code maxFrame}
     * @throws OutOfMemoryError if the heap cannot hold the encoded message (Kryo wraps it; it is
     *     unwrapped, since it is not the message's fault)
     */
    public static WireOut encode(Message message, int maxFrame) throws FrameException {
        return MessageEncoder.encode(message, maxFrame);
    }

    /**
     * Decodes one frame's payload.
     *
     * @throws FrameException if it is not exactly one valid message: an unknown tag, a frame
     *     shorter than its message, a declared length longer than the bytes left, trailing bytes
     */
    public static Message decode(byte[] payload) throws FrameException {
        try {
            return MessageDecoder.decode(payload);
        } catch (RuntimeException e) {
            // Nothing in the hand-written decoder throws these; a defect there must still only close the connection.
            throw new FrameException(
                    "malformed message: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The bulk of a message, when one part of it is large and its size is known: the buffer
     * starts that big instead of doubling up to it (copying the bulk again at each doubling).
     */
    static long sizeHint(Message message) {
        if (message instanceof Message.Result r) {
            return sizeHint(r.value()) + sizeHint(r.display());
        }
        if (message instanceof Message.Call c) {
            return sizeHint(c.payload());
        }
        if (message instanceof Message.Input i) {
            return sizeHint(i.text());
        }
        if (message instanceof Message.ClassData d) {
            return sizeHint(d.bytes());
        }
        if (message instanceof Message.ClassOffer o) {
            return sizeHint(o.bytes());
        }
        if (message instanceof Message.Output o && o.texts() != null) {
            long n = 0;
            for (String t : o.texts()) {
                n += sizeHint(t);
            }
            return n;
        }
        return 0;
    }

    static long sizeHint(Object value) {
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof String s) {
            return s.length(); // ASCII is one byte a char; more grows the buffer as usual
        }
        if (value instanceof OpaqueValue rv) {
            return sizeHint(rv.text());
        }
        if (value instanceof ImageValue iv) {
            return sizeHint(iv.png()) + sizeHint(iv.text());
        }
        if (value != null
                && value.getClass().isArray()
                && value.getClass().getComponentType().isPrimitive()) {
            Class<?> t = value.getClass().getComponentType();
            int each = t == boolean.class
                    ? 1
                    : t == char.class || t == short.class ? 2 : t == int.class || t == float.class ? 4 : 8;
            return (long) java.lang.reflect.Array.getLength(value) * each;
        }
        return 0;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
