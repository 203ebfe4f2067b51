package dev.kiln.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A lambda that captures nothing, sent as a reference to it: the fields of its
 * {@link SerializedLambda} (the class that made it, its interface and its method), written by
 * hand, instead of a Java serialization stream. The receiver makes the lambda the way Java
 * serialization does at its end ({@code SerializedLambda.readResolve}): the making class's
 * {@code $deserializeLambda$}, which the compiler wrote to accept only that class's own
 * serializable lambdas. What it skips is the rest of Java serialization: the stream, the serial
 * filter's set-up (which starts the platform logger, and that scans the class path for a
 * logging back end) and the descriptions of the stream's classes, which make a worker's first
 * call several times slower than a later one.
 *
 * <p>A lambda whose body its making class holds (javac's {@code lambda$...} method) and that is a
 * call's task ({@code call()} or {@code run()}) is not made at all: the receiver gets its body,
 * a method handle to that method behind a {@code Callable} or {@code Runnable} of Kiln's, and
 * calls it as the lambda would. Making the lambda would define a class for it at run time (the
 * lambda's class belongs to the user's code, which no class data sharing archive holds): some
 * 2-3 ms of a worker's first call of each lambda.
 *
 * <p>A lambda that captures values, or whose {@code writeReplace} this module may not call (a
 * lambda made in a named module that does not open its package), travels by Java serialization.
 */
public final class LambdaReference {
    /**
     * The form's first bytes. A Java serialization stream starts with {@code 0xACED}: the two
     * cannot be taken for each other.
     */
    private static final byte[] MAGIC = {'K', 'L', 'R', 1};

    private LambdaReference() {}

    /**
     * The reference form of {@code lambda}, or null when it has none (it captures values, is not a
     * serializable lambda, or its {@code writeReplace} is out of this module's reach).
     */
    public static byte[] encode(Object lambda) {
        if (!CapturesNothing.test(lambda.getClass())) {
            return null;
        }
        SerializedLambda s;
        try {
            Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (!(writeReplace.invoke(lambda) instanceof SerializedLambda replaced)) {
                return null;
            }
            s = replaced;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not serializable, or not ours to open: Java serialization says which
        }
        if (s.getCapturedArgCount() != 0) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeUTF(s.getCapturingClass());
            out.writeUTF(s.getFunctionalInterfaceClass());
            out.writeUTF(s.getFunctionalInterfaceMethodName());
            out.writeUTF(s.getFunctionalInterfaceMethodSignature());
            out.writeByte(s.getImplMethodKind());
            out.writeUTF(s.getImplClass());
            out.writeUTF(s.getImplMethodName());
            out.writeUTF(s.getImplMethodSignature());
            out.writeUTF(s.getInstantiatedMethodType());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Whether {@code payload} is in the reference form (else it is a Java serialization stream). */
    public static boolean isReference(byte[] payload) {
        return payload.length >= MAGIC.length && Arrays.equals(payload, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Finds a class by its binary name, as a deserializing stream resolves the classes it reads. */
    @FunctionalInterface
    public interface Classes {
        Class<?> find(String binaryName) throws ClassNotFoundException;
    }

    /**
     * The lambda {@code payload} refers to, made by its making class, which {@code classes} finds.
     *
     * @throws ClassNotFoundException if the class that made it is not found
     * @throws InvalidObjectException if the payload is malformed, or names no serializable lambda of that class
     */
    public static Object decode(byte[] payload, Classes classes) throws ClassNotFoundException, InvalidObjectException {
        if (!isReference(payload)) {
            throw new InvalidObjectException("not a lambda reference");
        }
        // Read by hand, not with a DataInputStream: see ModifiedUtf8.
        ModifiedUtf8.Reader in = new ModifiedUtf8.Reader(payload, MAGIC.length, payload.length - MAGIC.length);
        SerializedLambda s;
        Class<?> capturing;
        try {
            capturing = classes.find(in.readUtf().replace('/', '.'));
            s = new SerializedLambda(
                    capturing,
                    in.readUtf(),
                    in.readUtf(),
                    in.readUtf(),
                    in.readUnsignedByte(),
                    in.readUtf(),
                    in.readUtf(),
                    in.readUtf(),
                    in.readUtf(),
                    new Object[0]);
        } catch (IOException e) {
            throw new InvalidObjectException("a truncated lambda reference: " + e);
        }
        if (in.remaining() != 0) {
            throw new InvalidObjectException("a lambda reference with " + in.remaining() + " bytes too many");
        }
        Object body = body(s, capturing);
        if (body != null) {
            return body;
        }
        // A method handle, not Method.invoke: from JDK 18 core reflection adapts one to (Object, Object[]) and
        // spins its lambda forms on a first call (some 5 ms of a JDK 25 worker's first call); invokeExact does not.
        MethodHandle deserialize;
        try {
            deserialize = MethodHandles.privateLookupIn(capturing, MethodHandles.lookup())
                    .findStatic(
                            capturing,
                            "$deserializeLambda$",
                            MethodType.methodType(Object.class, SerializedLambda.class));
        } catch (NoSuchMethodException e) {
            throw new InvalidObjectException(capturing.getName() + " makes no serializable lambda");
        } catch (IllegalAccessException | RuntimeException e) {
            throw invalid("the lambda of " + capturing.getName() + " cannot be made: " + e, e);
        }
        try {
            return (Object) deserialize.invokeExact(s);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // What the compiler's $deserializeLambda$ throws for a lambda its class does not make.
            throw invalid("no such serializable lambda in " + capturing.getName() + ": " + s, e);
        } catch (Throwable t) {
            throw invalid("making the lambda of " + capturing.getName() + " failed: " + t, t);
        }
    }

    /** The interfaces of a call's task whose {@code call()} a body may stand for (the API's, and the JDK's it extends). */
    private static final Set<String> CALLABLES = Set.of("dev/kiln/RemoteCallable", "java/util/concurrent/Callable");
    /** As {@link #CALLABLES}, for {@code run()}. */
    private static final Set<String> RUNNABLES = Set.of("dev/kiln/RemoteRunnable", "java/lang/Runnable");

    /**
     * The body of the lambda {@code s} names, to call in its place, when it is a call's task whose
     * body is a method without parameters of the class that made it; null for anything else (a
     * method reference, another interface), which {@code $deserializeLambda$} makes. The method
     * must be javac's for a lambda ({@code lambda$}, static): no other method of that class is
     * called this way.
     */
    private static Object body(SerializedLambda s, Class<?> capturing) {
        if (s.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic
                || !s.getImplClass().equals(s.getCapturingClass())
                || !s.getImplMethodName().startsWith("lambda$")) {
            return null;
        }
        String impl = s.getImplMethodSignature();
        boolean call = CALLABLES.contains(s.getFunctionalInterfaceClass())
                && s.getFunctionalInterfaceMethodName().equals("call")
                && s.getFunctionalInterfaceMethodSignature().equals("()Ljava/lang/Object;")
                && (impl.startsWith("()L") || impl.startsWith("()["));
        boolean run = RUNNABLES.contains(s.getFunctionalInterfaceClass())
                && s.getFunctionalInterfaceMethodName().equals("run")
                && s.getFunctionalInterfaceMethodSignature().equals("()V")
                && impl.equals("()V");
        if (!call && !run) {
            return null;
        }
        MethodHandle h;
        try {
            MethodType type = MethodType.fromMethodDescriptorString(impl, capturing.getClassLoader());
            h = MethodHandles.privateLookupIn(capturing, MethodHandles.lookup())
                    .findStatic(capturing, s.getImplMethodName(), type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // no such method: $deserializeLambda$ says what is wrong
        }
        return call ? new CallBody(h.asType(MethodType.methodType(Object.class))) : new RunBody(h);
    }

    /** A lambda's body behind {@code call()}: what it returns, or throws, as the lambda would. */
    private record CallBody(MethodHandle body) implements Callable<Object> {
        @Override
        public Object call() {
            try {
                return (Object) body.invokeExact();
            } catch (Throwable t) {
                throw LambdaReference.<RuntimeException>rethrow(t);
            }
        }
    }

    /** A lambda's body behind {@code run()}. */
    private record RunBody(MethodHandle body) implements Runnable {
        @Override
        public void run() {
            try {
                body.invokeExact();
            } catch (Throwable t) {
                throw LambdaReference.<RuntimeException>rethrow(t);
            }
        }
    }

    /** Throws {@code t} as it is, checked or not, as the lambda's own code would have. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }

    private static InvalidObjectException invalid(String message, Throwable cause) {
        InvalidObjectException e = new InvalidObjectException(message);
        e.initCause(cause);
        return e;
    }
}
