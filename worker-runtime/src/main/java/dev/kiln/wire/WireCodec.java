package dev.kiln.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.util.Pool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Encodes {@link Message}s with Kryo, registration required: only the classes listed
 * here can appear on the wire, each by a number, so a peer can never make the other
 * side load or instantiate a class by naming it.
 */
public final class WireCodec {
    /**
     * Deepest object nesting accepted on the wire: room for a message, its value, and
     * {@link ValueCodec#MAX_VALUE_DEPTH} levels of nested data, each of which takes at most two
     * levels here (a record: the record, then its components). The two limits are one
     * decision: a value {@code ValueCodec} lets through as data always fits on the wire.
     */
    public static final int MAX_DEPTH = 2 * ValueCodec.MAX_VALUE_DEPTH + 8;

    /** Value types that cross as themselves; see {@code ValueCodec}. */
    public static final Class<?>[] DATA_TYPES = {
        BigInteger.class,
        BigDecimal.class,
        UUID.class,
        Duration.class,
        Instant.class,
        LocalDate.class,
        LocalTime.class,
        LocalDateTime.class,
        ZoneOffset.class,
        OffsetTime.class,
        OffsetDateTime.class,
        ZonedDateTime.class,
        Year.class,
        YearMonth.class,
        MonthDay.class,
        Period.class,
    };

    private static final Pool<Kryo> POOL = new Pool<>(true, false, 16) {
        @Override
        protected Kryo create() {
            return newKryo();
        }
    };

    private WireCodec() {}

    static Kryo newKryo() {
        Kryo kryo = new Kryo(new RegisteredOnlyClassResolver(), null);
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setMaxDepth(MAX_DEPTH);
        // Order matters: both sides run this same code, so ids match.
        // Variable-length types check declared lengths against the frame before allocating.
        BoundedSerializers.register(kryo);
        kryo.register(UUID.class, new DefaultSerializers.UUIDSerializer());
        for (Class<?> c : DATA_TYPES) {
            if (c != UUID.class && c != BigInteger.class && c != BigDecimal.class) {
                kryo.register(c);
            }
        }
        kryo.register(StdStream.class);
        kryo.register(StdStream[].class, BoundedSerializers.array(StdStream[]::new));
        kryo.register(FailureKind.class);
        kryo.register(OpaqueValue.class);
        kryo.register(EnumValue.class);
        kryo.register(RecordValue.class);
        kryo.register(ClassBytes.class);
        kryo.register(ClassBytes[].class, BoundedSerializers.array(ClassBytes[]::new));
        kryo.register(StackFrame.class);
        kryo.register(StackFrame[].class, BoundedSerializers.array(StackFrame[]::new));
        kryo.register(Thrown.class);
        kryo.register(Thrown[].class, BoundedSerializers.array(Thrown[]::new));
        kryo.register(ThreadRole.class);
        kryo.register(ThreadData.class);
        kryo.register(ThreadData[].class, BoundedSerializers.array(ThreadData[]::new));
        kryo.register(ImageValue.class);
        registerMessages(kryo, Message.class);
        return kryo;
    }

    /** Every record of the sealed message set, in declaration order: Kryo's ids must be the same on both sides. */
    private static void registerMessages(Kryo kryo, Class<?> sealed) {
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                registerMessages(kryo, c);
            } else {
                kryo.register(c);
            }
        }
    }

    /**
     * Serializes a message into a buffer owned by the caller.
     *
     * @throws FrameException if the message would exceed {@code maxFrame}
     * @throws OutOfMemoryError if the heap cannot hold the encoded message (Kryo wraps it; it is
     *     unwrapped, since it is not the message's fault)
     */
    public static Output encode(Message message, int maxFrame) throws FrameException {
        Kryo kryo = POOL.obtain();
        Output out = new Output((int) Math.min(maxFrame, 256 + sizeHint(message)), maxFrame);
        try {
            kryo.writeClassAndObject(out, message);
            return out;
        } catch (KryoException e) {
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof OutOfMemoryError oom) {
                    throw oom;
                }
            }
            if (e.getMessage() != null && e.getMessage().startsWith("Buffer overflow")) {
                throw new FrameException("message " + message.getClass().getSimpleName()
                        + " is larger than the maximum frame of " + maxFrame + " bytes");
            }
            throw new FrameException("cannot encode " + message.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            POOL.free(kryo);
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
        if (message instanceof Message.Output o && o.texts() != null) {
            long n = 0;
            for (String t : o.texts()) {
                n += sizeHint(t);
            }
            return n;
        }
        return 0;
    }

    private static long sizeHint(Object value) {
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

    /**
     * Decodes one frame's payload.
     *
     * @throws FrameException if it is not exactly one valid message
     */
    public static Message decode(byte[] payload) throws FrameException {
        Kryo kryo = POOL.obtain();
        try (Input in = new BoundedInput(payload)) {
            Object o = kryo.readClassAndObject(in);
            if (!(o instanceof Message m)) {
                throw new FrameException("frame holds "
                        + (o == null ? "null" : o.getClass().getSimpleName()) + ", not a protocol message");
            }
            if (in.position() != payload.length) {
                throw new FrameException(
                        "frame has " + (payload.length - in.position()) + " trailing bytes after its message");
            }
            return m;
        } catch (RuntimeException e) {
            // Kryo, and the JDK constructors its serializers call (java.time, BigDecimal...), reject bad bytes
            // with many exception types; all mean the same here.
            throw new FrameException(
                    "malformed message: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new FrameException("malformed message: nested too deeply");
        } catch (OutOfMemoryError e) {
            throw new FrameException("malformed message: it declares a size the host will not allocate");
        } finally {
            POOL.free(kryo);
        }
    }

    /**
     * Kryo can also name a class by its name on the wire; registration-required Kryo still
     * reads that name (of any declared length) before refusing it. Refuse at once.
     */
    private static final class RegisteredOnlyClassResolver extends com.esotericsoftware.kryo.util.DefaultClassResolver {
        @Override
        protected com.esotericsoftware.kryo.Registration readName(Input input) {
            throw new KryoException("a class named on the wire; only registered classes are accepted");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
