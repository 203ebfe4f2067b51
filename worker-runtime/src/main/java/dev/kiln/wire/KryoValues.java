package dev.kiln.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.util.Pool;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

/**
 * The data values of a {@link Message.Result} that {@link WireValues} does not write by hand
 * (collections, records, java.time, BigDecimal, images...), encoded with Kryo, registration
 * required: only the classes listed here can appear, each by a number, so a peer can never make
 * the other side load or instantiate a class by naming it. Loading this class builds no Kryo;
 * the first value that crosses does.
 */
final class KryoValues {
    private static final Pool<Kryo> POOL = new Pool<>(true, false, 16) {
        @Override
        protected Kryo create() {
            return newKryo();
        }
    };

    private KryoValues() {}

    static Kryo newKryo() {
        Kryo kryo = new Kryo(new RegisteredOnlyClassResolver(), null);
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.setMaxDepth(WireCodec.MAX_DEPTH);
        // Order matters: both sides run this same code, so ids match.
        // Variable-length types check declared lengths against the frame before allocating.
        BoundedSerializers.register(kryo);
        kryo.register(UUID.class, new DefaultSerializers.UUIDSerializer());
        for (Class<?> c : DataTypes.ALL) {
            if (c != UUID.class && c != BigInteger.class && c != BigDecimal.class) {
                kryo.register(c);
            }
        }
        kryo.register(OpaqueValue.class);
        kryo.register(EnumValue.class);
        kryo.register(RecordValue.class);
        kryo.register(ImageValue.class);
        return kryo;
    }

    /**
     * Kryo's encoding of a data value that {@link WireValues} does not write itself, as long as it
     * fits what is left of {@code message}'s frame ({@code headroom} bytes kept for what follows).
     */
    static byte[] encodeValue(Object value, WireOut message, int headroom) throws FrameException {
        Kryo kryo = POOL.obtain();
        int room = Math.max(0, message.room() - headroom);
        Output out = new Output((int) Math.min(room, 256 + WireCodec.sizeHint(value)), room);
        try {
            kryo.writeClassAndObject(out, value);
            return out.toBytes();
        } catch (KryoException e) {
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                if (c instanceof OutOfMemoryError oom) {
                    throw oom;
                }
            }
            if (e.getMessage() != null && e.getMessage().startsWith("Buffer overflow")) {
                throw message.tooLarge();
            }
            throw new FrameException(
                    "cannot encode a " + value.getClass().getSimpleName() + " value: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Kryo's answer to a class it was not told about: only ValueCodec's data types may cross.
            throw new FrameException("cannot encode a " + value.getClass().getName() + " value: " + e.getMessage(), e);
        } finally {
            POOL.free(kryo);
        }
    }

    /**
     * The data value Kryo encoded in {@code frame} from {@code offset}, taking exactly {@code
     * length} bytes.
     *
     * @throws FrameException if those bytes are not exactly one valid value
     */
    static Object decodeValue(byte[] frame, int offset, int length) throws FrameException {
        Kryo kryo = POOL.obtain();
        try (Input in = new BoundedInput(frame, offset, length)) {
            Object o = kryo.readClassAndObject(in);
            if (in.position() != offset + length) {
                throw new FrameException("malformed message: a Result's value has " + (offset + length - in.position())
                        + " bytes after its end");
            }
            return o;
        } catch (RuntimeException e) {
            // Kryo, and the JDK constructors its serializers call (java.time, BigDecimal...), reject bad bytes
            // with many exception types; all mean the same here.
            throw new FrameException(
                    "malformed value: " + e.getClass().getSimpleName() + ": " + WireCodec.firstLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new FrameException("malformed value: nested too deeply");
        } catch (OutOfMemoryError e) {
            throw new FrameException("malformed value: it declares a size the host will not allocate");
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
}
