package dev.kiln.host;

import dev.kiln.wire.CapturesNothing;
import dev.kiln.wire.LambdaReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A call's task (a serializable lambda) in its serialized form, as the worker receives it: a
 * lambda that captures nothing as a {@link LambdaReference}, anything else by Java serialization.
 */
public final class CallPayloads {
    /**
     * Forms of lambdas that capture nothing: such a lambda's bytes depend only on its class, so
     * they are made once per class (a ClassValue: the class can still unload).
     */
    private static final ClassValue<AtomicReference<byte[]>> STATELESS_FORMS = new ClassValue<>() {
        @Override
        protected AtomicReference<byte[]> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };

    private CallPayloads() {}

    /**
     * The task's bytes: a lambda reference when it captures nothing and this module may read its
     * {@code SerializedLambda}, else Java serialization.
     *
     * @throws IllegalArgumentException if it cannot be serialized, saying what it captured that is not serializable
     */
    public static byte[] of(Object task) {
        if (!CapturesNothing.test(task.getClass())) {
            return serialize(task);
        }
        AtomicReference<byte[]> form = STATELESS_FORMS.get(task.getClass());
        byte[] b = form.get();
        if (b == null) {
            b = LambdaReference.encode(task);
            if (b == null) {
                b = serialize(task);
            }
            form.set(b);
        }
        return b; // never written to: a Call message only reads its payload
    }

    private static byte[] serialize(Object task) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(
                    "the lambda captures a " + e.getMessage()
                            + ", which is not Serializable: capture only serializable values (or make that class"
                            + " Serializable)",
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the lambda cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }
}
