package dev.kiln.worker;

import dev.kiln.concurrent.KilnThreads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.invoke.SerializedLambda;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Java serialization's one-off set-up, split in two so that a worker's first call does both halves
 * at once. A call's task is a serialized lambda, and the JVM's first deserialization is slow: the
 * serial filter's configuration starts the platform logger, whose back end is found by a
 * {@code ServiceLoader} scan of every jar on the JVM's class path (Kiln's runtime) for a
 * {@code System.LoggerFinder}, then reads the security properties; and describing
 * {@code SerializedLambda} generates a constructor accessor. When the first call arrives, the
 * control thread starts the first half on a thread of its own while the call's thread does the
 * second; the call's stream then waits for whatever of the first half is still running (the
 * JVM's class initialisation lock), so nothing is done twice.
 *
 * <p>Nothing of it runs before the first call: an idle worker holds none of it (the scan alone
 * would keep over a megabyte resident). What user code sees is unchanged: the logger's back end
 * and the serial filter are the JDK's own, decided from the same class path and properties.
 */
final class CallWarmUp {
    /** A serialization stream that holds one {@code null}: its header, then {@code TC_NULL}. */
    private static final byte[] NULL_STREAM = {(byte) 0xac, (byte) 0xed, 0x00, 0x05, 0x70};

    private final AtomicBoolean filterStarted = new AtomicBoolean();
    private volatile boolean described;

    /** On the control thread, as a call arrives: the serial filter's set-up, on its own thread, once. */
    void startFilterSetUp() {
        if (!filterStarted.get() && filterStarted.compareAndSet(false, true)) {
            KilnThreads.start(CallWarmUp::filterSetUp, "kiln-call-warm-up");
        }
    }

    private static void filterSetUp() {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(NULL_STREAM))) {
            in.readObject(); // the stream's and the serial filter's set-up
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            // Only time is lost: the call does the same set-up and reports what fails there.
        }
    }

    /** On a call's thread, before it opens its stream: what describing a lambda takes, once. */
    void describeLambdas() {
        if (!described) {
            ObjectStreamClass.lookup(SerializedLambda.class);
            described = true;
        }
    }
}
