package dev.kiln.wire;

import static dev.kiln.wire.WireTags.*;

/**
 * Reads a {@link Message} as {@link MessageEncoder} wrote it. The nesting is fixed by the
 * records themselves (a failure's throwables hold frames, nothing deeper), so only a {@link
 * Message.Result}'s value can nest further, and Kryo bounds that ({@link WireCodec#MAX_DEPTH}).
 */
final class MessageDecoder {
    private static final FailureKind[] FAILURE_KINDS = FailureKind.values();
    private static final StdStream[] STREAMS = StdStream.values();
    private static final ThreadRole[] ROLES = ThreadRole.values();

    private MessageDecoder() {}

    /** The message of a whole frame; see {@link WireCodec#decode}. */
    static Message decode(byte[] frame) throws FrameException {
        if (frame.length == 0) {
            throw new FrameException("malformed message: the frame is empty");
        }
        WireIn in = new WireIn(frame);
        byte tag = in.readByte("the message tag");
        Message m = tag < FLAGS ? request(in, tag) : reply(in, tag);
        if (in.remaining() != 0) {
            throw new FrameException("frame has " + in.remaining() + " trailing bytes after its message");
        }
        return m;
    }

    private static Message request(WireIn in, byte tag) throws FrameException {
        switch (tag) {
            case CALL:
                return new Message.Call(in.readLong("Call.id"), in.readBytes("Call.payload"), in.readBoolean("Call"));
            case LOAD:
                return new Message.Load(in.readLong("Load.id"), readClasses(in, "Load.classes"));
            case REDEFINE:
                return new Message.Redefine(in.readLong("Redefine.id"), readClasses(in, "Redefine.classes"));
            case INVOKE:
                return new Message.Invoke(
                        in.readLong("Invoke.id"),
                        in.readString("Invoke.className"),
                        in.readString("Invoke.methodName"),
                        in.readBoolean("Invoke.asChannel"));
            case VAR_VALUE:
                return new Message.VarValue(
                        in.readLong("VarValue.id"), in.readString("VarValue.className"), in.readString("VarValue"));
            case INTERRUPT:
                return new Message.Interrupt(in.readLong("Interrupt.id"));
            case STATS_REQUEST:
                return new Message.StatsRequest(in.readLong("StatsRequest.id"));
            case FLAGS_REQUEST:
                return new Message.FlagsRequest(in.readLong("FlagsRequest.id"));
            case THREADS_REQUEST:
                return new Message.ThreadsRequest(in.readLong("ThreadsRequest.id"), in.readBoolean("ThreadsRequest"));
            case HISTOGRAM_REQUEST:
                return new Message.HistogramRequest(in.readLong("HistogramRequest.id"));
            case VARIABLES_REQUEST:
                return new Message.VariablesRequest(
                        in.readLong("VariablesRequest.id"),
                        in.readStrings("VariablesRequest.classNames"),
                        in.readStrings("VariablesRequest.fieldNames"));
            case SHUTDOWN:
                return new Message.Shutdown();
            case CLASS_DATA:
                return new Message.ClassData(in.readLong("ClassData.id"), in.readBytes("ClassData.bytes"));
            case CLASS_OFFER:
                return new Message.ClassOffer(in.readString("ClassOffer.name"), in.readBytes("ClassOffer.bytes"));
            case INPUT:
                return new Message.Input(in.readString("Input.text"));
            case INPUT_END:
                return new Message.InputEnd();
            case ADD_CLASSPATH:
                return new Message.AddClasspath(in.readLong("AddClasspath.id"), in.readStrings("AddClasspath"));
            default:
                throw unknown(tag);
        }
    }

    private static Message reply(WireIn in, byte tag) throws FrameException {
        switch (tag) {
            case FLAGS:
                return new Message.Flags(in.readLong("Flags.id"), in.readStrings("Flags.inputArguments"));
            case RESULT:
                return new Message.Result(in.readLong("Result.id"), WireValues.read(in), in.readString("Result"));
            case BULK_RESULT:
                return new Message.BulkResult(
                        in.readLong("BulkResult.id"),
                        in.readString("BulkResult.display"),
                        in.readByte("BulkResult.kind"),
                        in.readInt("BulkResult.length"),
                        in.readBoolean("BulkResult.shared"));
            case FAILURE:
                return new Message.Failure(
                        in.readLong("Failure.id"),
                        in.readEnum(FAILURE_KINDS, "Failure.kind"),
                        in.readString("Failure.className"),
                        in.readString("Failure.message"),
                        readChain(in),
                        in.readInt("Failure.causeId"));
            case OUTPUT:
                return new Message.Output(readStreams(in), in.readStrings("Output.texts"));
            case INPUT_REQUEST:
                return new Message.InputRequest(in.readString("InputRequest.prompt"));
            case INPUT_WAIT_OVER:
                return new Message.InputWaitOver();
            case CLASS_REQUEST:
                return new Message.ClassRequest(in.readLong("ClassRequest.id"), in.readString("ClassRequest.name"));
            case STATS:
                return readStats(in);
            case THREADS:
                return new Message.Threads(in.readLong("Threads.id"), readThreads(in));
            case HISTOGRAM:
                return new Message.Histogram(
                        in.readLong("Histogram.id"),
                        in.readStrings("Histogram.classNames"),
                        in.readLongs("Histogram.instances"),
                        in.readLongs("Histogram.bytes"));
            case VARIABLE_VALUES:
                return new Message.VariableValues(in.readLong("VariableValues.id"), in.readStrings("VariableValues"));
            case INTERRUPT_ACK:
                return new Message.InterruptAck(in.readLong("InterruptAck.id"), in.readInt("InterruptAck.stopped"));
            case NESTED_WORKER:
                return new Message.NestedWorker(
                        in.readLong("NestedWorker.pid"),
                        in.readLong("NestedWorker.hostPid"),
                        in.readString("NestedWorker.name"),
                        in.readString("NestedWorker.state"),
                        in.readInt("NestedWorker.exitCode"));
            default:
                throw unknown(tag);
        }
    }

    private static FrameException unknown(byte tag) {
        return new FrameException("malformed message: unknown message tag " + tag
                + "; the peer does not speak this version of the Kiln protocol");
    }

    private static Message.Stats readStats(WireIn in) throws FrameException {
        String f = "Stats";
        return new Message.Stats(
                in.readLong(f),
                in.readLong(f),
                in.readLong(f),
                in.readLong(f),
                in.readLong(f),
                in.readInt(f),
                in.readLong(f),
                in.readLong(f),
                in.readLong(f),
                in.readInt(f));
    }

    private static ClassBytes[] readClasses(WireIn in, String field) throws FrameException {
        int n = in.readCount(field, 1);
        if (n < 0) {
            return null;
        }
        ClassBytes[] a = new ClassBytes[n];
        for (int i = 0; i < n; i++) {
            if (in.readPresence(field)) {
                a[i] = new ClassBytes(in.readString(field), in.readBytes(field));
            }
        }
        return a;
    }

    private static StdStream[] readStreams(WireIn in) throws FrameException {
        int n = in.readCount("Output.streams", 1);
        if (n < 0) {
            return null;
        }
        StdStream[] a = new StdStream[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readEnum(STREAMS, "Output.streams");
        }
        return a;
    }

    private static Thrown[] readChain(WireIn in) throws FrameException {
        String field = "Failure.chain";
        int n = in.readCount(field, 1);
        if (n < 0) {
            return null;
        }
        Thrown[] a = new Thrown[n];
        for (int i = 0; i < n; i++) {
            if (in.readPresence(field)) {
                a[i] = new Thrown(in.readString(field), in.readString(field), readFrames(in, field));
            }
        }
        return a;
    }

    private static StackFrame[] readFrames(WireIn in, String field) throws FrameException {
        int n = in.readCount(field, 1);
        if (n < 0) {
            return null;
        }
        StackFrame[] a = new StackFrame[n];
        for (int i = 0; i < n; i++) {
            if (in.readPresence(field)) {
                a[i] = new StackFrame(
                        in.readString(field), in.readString(field), in.readString(field), in.readInt(field));
            }
        }
        return a;
    }

    private static ThreadData[] readThreads(WireIn in) throws FrameException {
        String f = "Threads.threads";
        int n = in.readCount(f, 1);
        if (n < 0) {
            return null;
        }
        ThreadData[] a = new ThreadData[n];
        for (int i = 0; i < n; i++) {
            if (in.readPresence(f)) {
                a[i] = new ThreadData(
                        in.readLong(f),
                        in.readString(f),
                        in.readString(f),
                        in.readBoolean(f),
                        in.readLong(f),
                        in.readString(f),
                        in.readLong(f),
                        in.readString(f),
                        readFrames(in, f),
                        in.readStrings(f),
                        in.readEnum(ROLES, f),
                        in.readBoolean(f));
            }
        }
        return a;
    }
}
