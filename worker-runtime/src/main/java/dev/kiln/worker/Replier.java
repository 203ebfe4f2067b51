package dev.kiln.worker;

import dev.kiln.wire.BulkFrames;
import dev.kiln.wire.Connection;
import dev.kiln.wire.EnumValue;
import dev.kiln.wire.FailureKind;
import dev.kiln.wire.FrameException;
import dev.kiln.wire.Message;
import dev.kiln.wire.OpaqueValue;
import dev.kiln.wire.RecordValue;
import dev.kiln.wire.Thrown;
import dev.kiln.wire.ValueCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds and sends the one reply every request gets, whatever user code did.
 *
 * <ul>
 *   <li>What the request printed goes first, through Kiln's own capture: {@code System.out} and
 *       {@code System.err} are not touched (user code may have replaced them with anything).
 *   <li>User code that a reply needs (the value's text and data, an exception's message and
 *       trace) runs under the request's interrupt and a time budget ({@link ReplyBudget}): when
 *       cut short, the value arrives as its type with a note, the failure with its class name.
 *   <li>A reply that cannot be built or sent becomes a failure that says why: too large for a
 *       frame, or out of memory. For the latter a reserve of heap is kept while user code runs
 *       and released when the reply path runs out, so the failure can still be made; if even
 *       that fails, the worker says so on its stderr and exits ({@link LastWords}), which fails
 *       the request on the host with those words.
 * </ul>
 */
final class Replier {
    /**
     * Heap set aside for replying after the reply path ran out of memory: one array a little
     * larger than half a G1 heap region as G1 sizes them by default (1/2048 of the heap rounded up
     * to a power of two, 1 to 32 MB; this takes the power of two at or below, so a heap whose
     * share is one exactly gets an array of a whole region and more, which takes two). G1 gives
     * an array over half a region a region of its own, and releasing it gives that region back: a
     * full heap has no free region, and G1 allocates only in free ones. Only the array's own
     * pages are touched (zeroed) when it is made: half a region's, some 1 ms of page faults with
     * the default heap here instead of 2 for an array that fills its region.
     */
    static final int RESERVE_BYTES = (int) (Math.min(
                    16L << 20,
                    Math.max(1L << 19, Long.highestOneBit(Runtime.getRuntime().maxMemory() / 2048)))
            + 1024);

    private final Connection connection;
    private final OutputCapture output;
    private final ReplyBudget budget;
    private final LastWords lastWords;
    private volatile byte[] reserve;

    Replier(Connection connection, OutputCapture output, ReplyBudget budget, LastWords lastWords) {
        this.connection = connection;
        this.output = output;
        this.budget = budget;
        this.lastWords = lastWords;
    }

    /**
     * Sets the reserve aside, unless it is already (called before user code runs: its
     * allocations may fill the heap). Never the heap's last room: when less than a few times the
     * reserve looks free (code filled the heap, the reserve was spent), the request needs that
     * room itself, and a later one sets the reserve aside. Two threads may ask at once (the
     * control thread sets it aside while a call's thread starts): the second waits for the first.
     */
    void reserve() {
        if (reserve == null) {
            synchronized (this) {
                if (reserve == null) {
                    Runtime rt = Runtime.getRuntime();
                    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
                    if (free >= 4L * RESERVE_BYTES) {
                        try {
                            reserve = new byte[RESERVE_BYTES];
                        } catch (OutOfMemoryError e) {
                            // fuller than it looked; a later request tries again
                        }
                    }
                }
            }
        }
    }

    /** Gives the reserve back to the heap: the control thread could not take a message in for want of memory. */
    void releaseReserve() {
        reserve = null;
    }

    /**
     * Answers request {@code id} with an out-of-memory failure: its thread found the heap too full
     * to even start it. A heap too full for that failure ends the worker ({@link LastWords}).
     */
    void outOfMemory(long id) {
        reserve = null;
        try {
            sendOrExit(id, outOfMemory(id, HEAP_FULL));
        } catch (OutOfMemoryError e) {
            lastWords.outOfMemoryThenExit();
        }
    }

    /**
     * Sends the reply {@code build} makes for request {@code id} (none when it gives null: a
     * fire-and-forget call); whatever {@code build} throws becomes a failure reply instead.
     */
    void answer(long id, Supplier<Message> build) {
        try {
            Message reply = built(id, build);
            if (reply != null) {
                send(id, reply);
            }
        } catch (OutOfMemoryError e) {
            // Not even the smallest failure fits, with the reserve given back: no reply can be made.
            lastWords.outOfMemoryThenExit();
        }
    }

    private Message built(long id, Supplier<Message> build) {
        try {
            return build.get();
        } catch (OutOfMemoryError e) {
            reserve = null;
            return outOfMemory(id, HEAP_FULL);
        } catch (Throwable t) {
            return new Message.Failure(
                    id,
                    FailureKind.INTERNAL,
                    t.getClass().getName(),
                    "the worker failed to build its reply: " + t.getClass().getName(),
                    Thrown.only(t.getClass().getName(), "the worker failed to build its reply"),
                    0);
        }
    }

    /**
     * The reply carrying {@code value}: as data and, {@code withDisplay}, with jshell's display
     * text. When the user code this runs is cut short, the value's type with a note stands for
     * both ("Foo (its toString() was interrupted)").
     */
    Message result(long id, Object value, boolean withDisplay, BooleanSupplier stopRequested) {
        if (ValueCodec.isPlain(value)) {
            return new Message.Result(
                    id, ValueCodec.toWire(value), withDisplay ? SnippetExecutor.display(value) : null);
        }
        return budget.run(
                () -> {
                    String display = withDisplay ? SnippetExecutor.display(value) : null;
                    // An image (BufferedImage, JavaFX Image) travels as a PNG a host can show; reading its pixels is
                    // user code too, so it runs within the same budget.
                    Object image = ImageValues.toWire(value);
                    return new Message.Result(id, image != null ? image : ValueCodec.toWire(value), display);
                },
                stopRequested,
                why -> {
                    String type = value.getClass().getName();
                    String note = type + " (its toString() " + why + ")";
                    return new Message.Result(id, new OpaqueValue(type, note), withDisplay ? note : null);
                });
    }

    /** jshell's display text for {@code value}, or its type with a note when that is cut short. */
    String display(Object value, BooleanSupplier stopRequested) {
        if (ValueCodec.isPlain(value)) {
            return SnippetExecutor.display(value);
        }
        return budget.run(
                () -> SnippetExecutor.display(value),
                stopRequested,
                why -> value.getClass().getName() + " (its toString() " + why + ")");
    }

    /**
     * The failure reply for what code threw: {@code kind}, the message {@code message} makes of
     * {@code t} (null: {@code t}'s own), and {@code t}'s chain. For a fire-and-forget call there is
     * no reply: the failure is printed on the worker's stderr, which the host shows as output.
     */
    Message failure(
            long id,
            boolean fireAndForget,
            FailureKind kind,
            Throwable t,
            Function<Throwable, String> message,
            BooleanSupplier stopRequested) {
        String className = t.getClass().getName();
        if (fireAndForget) {
            String trace = budget.run(() -> printed(t), stopRequested, why -> className + " (its trace " + why + ")");
            output.err().println("kiln: a callDo task failed in the worker:");
            output.err().print(trace);
            return null;
        }
        return budget.run(
                () -> new Message.Failure(
                        id,
                        kind,
                        className,
                        message != null ? message.apply(t) : t.getMessage(),
                        Throwables.chain(t),
                        0),
                stopRequested,
                why -> {
                    String note = className + " (its message and trace " + why + ")";
                    return new Message.Failure(id, kind, className, note, Thrown.only(className, note), 0);
                });
    }

    private static String printed(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    /** Sends a reply built here or by the snippet engine, output first; see the class comment for what can go wrong. */
    private void send(long id, Message reply) {
        try {
            output.flushAll();
            transmit(reply);
        } catch (FrameException e) {
            sendOrExit(id, tooLarge(id, reply, e));
        } catch (OutOfMemoryError e) {
            reserve = null;
            sendOrExit(id, outOfMemory(id, reply instanceof Message.Result ? RESULT_TOO_BIG : HEAP_FULL));
        } catch (IOException e) {
            connectionLost();
        }
    }

    private void transmit(Message reply) throws IOException {
        if (reply instanceof Message.Result r && BulkFrames.isBulk(r.value())) {
            connection.sendBulkResult(r.id(), r.display(), r.value());
        } else {
            connection.send(reply);
        }
    }

    /** The last resort: a small failure; a worker that cannot even send that has no way left to answer. */
    private void sendOrExit(long id, Message failure) {
        try {
            output.flushAll();
            connection.send(failure);
        } catch (OutOfMemoryError e) {
            lastWords.outOfMemoryThenExit();
        } catch (IOException e) {
            connectionLost();
        }
    }

    private static Message.Failure tooLarge(long id, Message reply, FrameException e) {
        String tooLarge = "dev.kiln.ResultTooLargeException";
        String type = reply instanceof Message.Result r ? typeOf(r.value()) : "a failure";
        String why = "the result (" + type + ") is too large to send: " + e.getMessage()
                + ". Return a smaller value, or stream it through a channel";
        return new Message.Failure(id, FailureKind.USER_EXCEPTION, tooLarge, why, Thrown.only(tooLarge, why), 0);
    }

    private static final String RESULT_TOO_BIG = "the worker ran out of heap while sending the result: it does not"
            + " fit beside what the worker keeps. Return a smaller value, or give the worker more heap"
            + " (-Xmx in WorkerSpec.jvmArgs)";
    private static final String HEAP_FULL = "the worker's heap is full: it could not run this request or build"
            + " its reply. Free what it keeps (set large variables to null), or restart it with more heap"
            + " (-Xmx in WorkerSpec.jvmArgs)";

    private static Message.Failure outOfMemory(long id, String why) {
        String oom = OutOfMemoryError.class.getName();
        return new Message.Failure(id, FailureKind.USER_EXCEPTION, oom, why, Thrown.only(oom, why), 0);
    }

    /** The type a value had in the worker, as far as its data tells. */
    private static String typeOf(Object data) {
        if (data instanceof OpaqueValue o) {
            return o.typeName();
        }
        if (data instanceof RecordValue r) {
            return r.className();
        }
        if (data instanceof EnumValue e) {
            return e.className();
        }
        return data == null ? "null" : data.getClass().getName();
    }

    private static void connectionLost() {
        // The host is gone: nobody is left to answer to.
        Runtime.getRuntime().halt(3);
    }
}
