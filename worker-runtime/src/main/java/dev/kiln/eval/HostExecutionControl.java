package dev.kiln.eval;

import dev.kiln.wire.ClassBytes;
import dev.kiln.wire.FailureKind;
import dev.kiln.wire.Message;
import dev.kiln.wire.StackFrame;
import dev.kiln.wire.Thrown;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.LongFunction;
import jdk.jshell.spi.ExecutionControl;

/**
 * JShell's execution engine for a Kiln worker, on the host side: JShell compiles here,
 * and every engine command (load, redefine, invoke, varValue, stop) becomes a message to
 * the worker, which runs it with the JDK's {@code LocalExecutionControl}. Besides
 * jshell's display string, {@link #invoke} keeps the value as data for the evaluator.
 */
final class HostExecutionControl implements ExecutionControl {
    private final RequestChannel channel;
    private final Function<Object, Object> valueDecoder;

    /** What the last invoke produced; read by the evaluator on the same thread. */
    Object lastValue;

    Message.Failure lastFailure;
    RuntimeException lastError;
    /** Whether the current evaluation was interrupted before the worker ran its snippet (while it compiled). */
    private final java.util.function.BooleanSupplier interruptRequested;
    /** The next invoke binds its value as a channel (see Worker.channel). */
    volatile boolean channelNext;

    HostExecutionControl(
            java.util.function.BooleanSupplier interrupted,
            RequestChannel channel,
            Function<Object, Object> valueDecoder) {
        this.interruptRequested = interrupted;
        this.channel = channel;
        this.valueDecoder = valueDecoder;
    }

    void resetOutcome() {
        lastValue = null;
        lastFailure = null;
        lastError = null;
    }

    @Override
    public void load(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        Message reply = await(id -> new Message.Load(id, toWire(cbcs)));
        if (reply instanceof Message.Failure f) {
            throw classInstall(f, cbcs);
        }
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        Message reply = await(id -> new Message.Redefine(id, toWire(cbcs)));
        if (reply instanceof Message.Failure f) {
            if (f.kind() == FailureKind.NOT_IMPLEMENTED) {
                throw new NotImplementedException(f.message());
            }
            throw classInstall(f, cbcs);
        }
    }

    /**
     * JShell's exception for classes the worker did not install. When the worker failed for
     * another reason than the classes (its heap was full), its words are what the caller sees,
     * not JShell's "rejected" snippet.
     */
    private ClassInstallException classInstall(Message.Failure f, ClassBytecodes[] cbcs) {
        if (f.kind() != FailureKind.CLASS_INSTALL) {
            lastError = EvaluationException.engine(f.className() + ": " + f.message());
        }
        return new ClassInstallException(f.message(), new boolean[cbcs.length]);
    }

    @Override
    public String invoke(String className, String methodName)
            throws RunException, EngineTerminationException, InternalException {
        if (interruptRequested.getAsBoolean()) {
            lastFailure =
                    new Message.Failure(0, FailureKind.STOPPED, "", "interrupted before it ran", new Thrown[0], 0);
            throw new StoppedException();
        }
        boolean asChannel = channelNext;
        Message reply = await(id -> new Message.Invoke(id, className, methodName, asChannel));
        if (reply instanceof Message.Result r) {
            lastValue = valueDecoder.apply(r.value());
            return r.display() == null ? "" : r.display();
        }
        Message.Failure f = (Message.Failure) reply;
        lastFailure = f;
        switch (f.kind()) {
            case STOPPED:
                throw new StoppedException();
            case USER_EXCEPTION:
                throw userException(f);
            case RESOLUTION:
                throw new ResolutionException(f.causeId(), StackFrame.toElements(first(f).frames()));
            default:
                throw new InternalException(f.message());
        }
    }

    /** Set while {@link #locate} runs: {@link #varValue} then notes where the variable lives. */
    private String[] located;

    private boolean locating;

    /**
     * Where the variable that {@code askJShell} asks JShell the value of lives in the worker (its
     * snippet class and field), or null; the worker is not asked.
     */
    String[] locate(Runnable askJShell) {
        locating = true;
        located = null;
        try {
            askJShell.run();
        } catch (RuntimeException notAVariableNow) {
            // JShell refused (the variable is no longer valid): no place
        } finally {
            locating = false;
        }
        return located;
    }

    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        if (locating) {
            located = new String[] {className, varName};
            return "";
        }
        Message reply = await(id -> new Message.VarValue(id, className, varName));
        if (reply instanceof Message.Result r) {
            return String.valueOf(r.value());
        }
        throw new InternalException(((Message.Failure) reply).message());
    }

    @Override
    public void addToClasspath(String path) {
        // The worker was launched with the spec's class path already; only the compiler needs it.
    }

    @Override
    public void stop() {
        channel.interrupt();
    }

    @Override
    public Object extensionCommand(String command, Object arg)
            throws RunException, EngineTerminationException, InternalException {
        throw new NotImplementedException("extension command " + command);
    }

    @Override
    public void close() {
        // The worker process belongs to its Worker, not to JShell.
    }

    private Message await(LongFunction<Message> build) throws EngineTerminationException {
        try {
            return channel.request(build).get();
        } catch (ExecutionException e) {
            // The channel's own failure (the worker died, the request could not be sent) is what the caller sees.
            Throwable cause = e.getCause();
            lastError = cause instanceof RuntimeException re ? re : EvaluationException.engine(String.valueOf(cause));
            throw new EngineTerminationException(String.valueOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError = EvaluationException.engine("interrupted while waiting for the worker");
            throw new EngineTerminationException("interrupted while waiting for the worker");
        } catch (CancellationException e) {
            lastError = EvaluationException.engine("request cancelled");
            throw new EngineTerminationException("request cancelled");
        }
    }

    /** The failure's first throwable, or one made of its class name and message when it has none. */
    private static Thrown first(Message.Failure f) {
        Thrown[] chain = Thrown.bounded(f.chain());
        return chain.length > 0 ? chain[0] : new Thrown(f.className(), f.message(), new StackFrame[0]);
    }

    /**
     * The chain as the worker's own engine reported it: a UserException naming the real class,
     * caused by one for each cause. JShell turns it into an {@code EvalException} chain whose
     * snippet frames are in snippet terms.
     */
    private static UserException userException(Message.Failure f) {
        Thrown[] chain = Thrown.bounded(f.chain());
        if (chain.length == 0) {
            chain = new Thrown[] {first(f)};
        }
        UserException cause = null;
        for (int i = chain.length - 1; i >= 0; i--) {
            Thrown t = chain[i];
            UserException e = new UserException(
                    t.message(), t.className() == null ? "?" : t.className(), StackFrame.toElements(t.frames()));
            if (cause != null) {
                e.initCause(cause);
            }
            cause = e;
        }
        return cause;
    }

    private static ClassBytes[] toWire(ClassBytecodes[] cbcs) {
        ClassBytes[] out = new ClassBytes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            out[i] = new ClassBytes(cbcs[i].name(), cbcs[i].bytecodes());
        }
        return out;
    }
}
