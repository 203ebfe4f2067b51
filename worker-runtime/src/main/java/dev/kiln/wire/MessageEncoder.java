package dev.kiln.wire;

import static dev.kiln.wire.WireTags.*;

/**
 * Writes a {@link Message}: its tag ({@link WireTags}), then its components in declaration
 * order. Nested records ({@link ClassBytes}, {@link Thrown}, {@link StackFrame}, {@link
 * ThreadData}) are a presence byte and their components; arrays are a count (-1 for null) and
 * their elements; a {@link Message.Result}'s value is written by {@link WireValues}.
 */
final class MessageEncoder {
    private MessageEncoder() {}

    static WireOut encode(Message m, int maxFrame) throws FrameException {
        WireOut out = new WireOut(m.getClass(), WireCodec.sizeHint(m), maxFrame);
        if (!request(out, m) && !reply(out, m)) {
            throw new FrameException("cannot encode " + m.getClass().getName() + ": it has no tag on the wire");
        }
        return out;
    }

    /** Host to worker. */
    private static boolean request(WireOut out, Message m) throws FrameException {
        if (m instanceof Message.Call c) {
            out.writeByte(CALL);
            out.writeLong(c.id());
            out.writeBytes(c.payload());
            out.writeBoolean(c.fireAndForget());
        } else if (m instanceof Message.Load l) {
            out.writeByte(LOAD);
            out.writeLong(l.id());
            writeClasses(out, l.classes());
        } else if (m instanceof Message.Redefine r) {
            out.writeByte(REDEFINE);
            out.writeLong(r.id());
            writeClasses(out, r.classes());
        } else if (m instanceof Message.Invoke i) {
            out.writeByte(INVOKE);
            out.writeLong(i.id());
            out.writeString(i.className());
            out.writeString(i.methodName());
            out.writeBoolean(i.asChannel());
        } else if (m instanceof Message.VarValue v) {
            out.writeByte(VAR_VALUE);
            out.writeLong(v.id());
            out.writeString(v.className());
            out.writeString(v.varName());
        } else if (m instanceof Message.Interrupt i) {
            idOnly(out, INTERRUPT, i.id());
        } else if (m instanceof Message.StatsRequest s) {
            idOnly(out, STATS_REQUEST, s.id());
        } else if (m instanceof Message.FlagsRequest f) {
            idOnly(out, FLAGS_REQUEST, f.id());
        } else if (m instanceof Message.ThreadsRequest t) {
            out.writeByte(THREADS_REQUEST);
            out.writeLong(t.id());
            out.writeBoolean(t.all());
        } else if (m instanceof Message.HistogramRequest h) {
            idOnly(out, HISTOGRAM_REQUEST, h.id());
        } else if (m instanceof Message.VariablesRequest v) {
            out.writeByte(VARIABLES_REQUEST);
            out.writeLong(v.id());
            out.writeStrings(v.classNames());
            out.writeStrings(v.fieldNames());
        } else if (m instanceof Message.Shutdown) {
            out.writeByte(SHUTDOWN);
        } else if (m instanceof Message.ClassData d) {
            out.writeByte(CLASS_DATA);
            out.writeLong(d.id());
            out.writeBytes(d.bytes());
        } else if (m instanceof Message.ClassOffer o) {
            out.writeByte(CLASS_OFFER);
            out.writeString(o.name());
            out.writeBytes(o.bytes());
        } else if (m instanceof Message.Input i) {
            out.writeByte(INPUT);
            out.writeString(i.text());
        } else if (m instanceof Message.InputEnd) {
            out.writeByte(INPUT_END);
        } else if (m instanceof Message.AddClasspath a) {
            out.writeByte(ADD_CLASSPATH);
            out.writeLong(a.id());
            out.writeStrings(a.entries());
        } else {
            return false;
        }
        return true;
    }

    /** Worker to host. */
    private static boolean reply(WireOut out, Message m) throws FrameException {
        if (m instanceof Message.Result r) {
            out.writeByte(RESULT);
            out.writeLong(r.id());
            WireValues.write(out, r.value());
            out.writeString(r.display());
        } else if (m instanceof Message.Flags f) {
            out.writeByte(FLAGS);
            out.writeLong(f.id());
            out.writeStrings(f.inputArguments());
        } else if (m instanceof Message.BulkResult b) {
            out.writeByte(BULK_RESULT);
            out.writeLong(b.id());
            out.writeString(b.display());
            out.writeByte(b.kind());
            out.writeInt(b.length());
            out.writeBoolean(b.shared());
        } else if (m instanceof Message.Failure f) {
            out.writeByte(FAILURE);
            out.writeLong(f.id());
            out.writeEnum(f.kind());
            out.writeString(f.className());
            out.writeString(f.message());
            writeChain(out, f.chain());
            out.writeInt(f.causeId());
        } else if (m instanceof Message.Output o) {
            out.writeByte(OUTPUT);
            writeStreams(out, o.streams());
            out.writeStrings(o.texts());
        } else if (m instanceof Message.InputRequest i) {
            out.writeByte(INPUT_REQUEST);
            out.writeString(i.prompt());
        } else if (m instanceof Message.InputWaitOver) {
            out.writeByte(INPUT_WAIT_OVER);
        } else if (m instanceof Message.ClassRequest c) {
            out.writeByte(CLASS_REQUEST);
            out.writeLong(c.id());
            out.writeString(c.name());
        } else if (m instanceof Message.Stats s) {
            out.writeByte(STATS);
            out.writeLong(s.id());
            out.writeLong(s.heapUsed());
            out.writeLong(s.heapCommitted());
            out.writeLong(s.heapMax());
            out.writeLong(s.nonHeapUsed());
            out.writeInt(s.threads());
            out.writeLong(s.gcCount());
            out.writeLong(s.gcTimeMillis());
            out.writeLong(s.cpuNanos());
            out.writeInt(s.processors());
        } else if (m instanceof Message.Threads t) {
            out.writeByte(THREADS);
            out.writeLong(t.id());
            writeThreads(out, t.threads());
        } else if (m instanceof Message.Histogram h) {
            out.writeByte(HISTOGRAM);
            out.writeLong(h.id());
            out.writeStrings(h.classNames());
            out.writeLongs(h.instances());
            out.writeLongs(h.bytes());
        } else if (m instanceof Message.VariableValues v) {
            out.writeByte(VARIABLE_VALUES);
            out.writeLong(v.id());
            out.writeStrings(v.texts());
        } else if (m instanceof Message.InterruptAck a) {
            out.writeByte(INTERRUPT_ACK);
            out.writeLong(a.id());
            out.writeInt(a.stopped());
        } else if (m instanceof Message.NestedWorker n) {
            out.writeByte(NESTED_WORKER);
            out.writeLong(n.pid());
            out.writeLong(n.hostPid());
            out.writeString(n.name());
            out.writeString(n.state());
            out.writeInt(n.exitCode());
        } else {
            return false;
        }
        return true;
    }

    private static void idOnly(WireOut out, byte tag, long id) throws FrameException {
        out.writeByte(tag);
        out.writeLong(id);
    }

    private static void writeClasses(WireOut out, ClassBytes[] classes) throws FrameException {
        if (classes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(classes.length);
        for (ClassBytes c : classes) {
            if (out.writePresence(c)) {
                out.writeString(c.name());
                out.writeBytes(c.bytes());
            }
        }
    }

    private static void writeStreams(WireOut out, StdStream[] streams) throws FrameException {
        if (streams == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(streams.length);
        for (StdStream s : streams) {
            out.writeEnum(s);
        }
    }

    private static void writeChain(WireOut out, Thrown[] chain) throws FrameException {
        if (chain == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(chain.length);
        for (Thrown t : chain) {
            if (out.writePresence(t)) {
                out.writeString(t.className());
                out.writeString(t.message());
                writeFrames(out, t.frames());
            }
        }
    }

    private static void writeFrames(WireOut out, StackFrame[] frames) throws FrameException {
        if (frames == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(frames.length);
        for (StackFrame f : frames) {
            if (out.writePresence(f)) {
                out.writeString(f.className());
                out.writeString(f.methodName());
                out.writeString(f.fileName());
                out.writeInt(f.line());
            }
        }
    }

    private static void writeThreads(WireOut out, ThreadData[] threads) throws FrameException {
        if (threads == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(threads.length);
        for (ThreadData t : threads) {
            if (out.writePresence(t)) {
                out.writeLong(t.id());
                out.writeString(t.name());
                out.writeString(t.state());
                out.writeBoolean(t.daemon());
                out.writeLong(t.cpuNanos());
                out.writeString(t.lockName());
                out.writeLong(t.lockOwnerId());
                out.writeString(t.lockOwnerName());
                writeFrames(out, t.frames());
                out.writeStrings(t.locksHeld());
                out.writeEnum(t.role());
                out.writeBoolean(t.deadlocked());
            }
        }
    }
}
