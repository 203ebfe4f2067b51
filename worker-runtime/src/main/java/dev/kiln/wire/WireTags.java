package dev.kiln.wire;

/**
 * The first byte of every message on the wire: which record of {@link Message} follows. A
 * {@link Message.Result}'s value starts with a value tag of its own ({@link WireValues}).
 * Both sides run this same code; a tag is never reused for another record.
 */
final class WireTags {
    private WireTags() {}

    // ---- host -> worker ----
    static final byte CALL = 1;
    static final byte LOAD = 2;
    static final byte REDEFINE = 3;
    static final byte INVOKE = 4;
    static final byte VAR_VALUE = 5;
    static final byte INTERRUPT = 6;
    static final byte STATS_REQUEST = 7;
    static final byte FLAGS_REQUEST = 8;
    static final byte THREADS_REQUEST = 9;
    static final byte HISTOGRAM_REQUEST = 10;
    static final byte VARIABLES_REQUEST = 11;
    static final byte SHUTDOWN = 12;
    static final byte CLASS_DATA = 13;
    static final byte INPUT = 14;
    static final byte INPUT_END = 15;
    static final byte ADD_CLASSPATH = 16;
    static final byte CLASS_OFFER = 17;

    // ---- worker -> host ----
    static final byte FLAGS = 32;
    static final byte RESULT = 33;
    static final byte BULK_RESULT = 34;
    static final byte FAILURE = 35;
    static final byte OUTPUT = 36;
    static final byte INPUT_REQUEST = 37;
    static final byte INPUT_WAIT_OVER = 38;
    static final byte CLASS_REQUEST = 39;
    static final byte STATS = 40;
    static final byte THREADS = 41;
    static final byte HISTOGRAM = 42;
    static final byte VARIABLE_VALUES = 43;
    static final byte INTERRUPT_ACK = 44;
    static final byte NESTED_WORKER = 45;

    // ---- a Result's value ----
    static final byte V_NULL = 0;
    static final byte V_FALSE = 1;
    static final byte V_TRUE = 2;
    static final byte V_INT = 3;
    static final byte V_LONG = 4;
    static final byte V_DOUBLE = 5;
    static final byte V_FLOAT = 6;
    static final byte V_SHORT = 7;
    static final byte V_BYTE = 8;
    static final byte V_CHAR = 9;
    static final byte V_STRING = 10;
    static final byte V_BYTES = 11;
    static final byte V_SHORTS = 12;
    static final byte V_INTS = 13;
    static final byte V_LONGS = 14;
    static final byte V_FLOATS = 15;
    static final byte V_DOUBLES = 16;
    static final byte V_CHARS = 17;
    static final byte V_BOOLEANS = 18;
    static final byte V_STRINGS = 19;
    static final byte V_OPAQUE = 20;
    static final byte V_ENUM = 21;
    /** Any other data value: its length, then Kryo's encoding of it ({@link WireCodec}). */
    static final byte V_KRYO = 22;
}
