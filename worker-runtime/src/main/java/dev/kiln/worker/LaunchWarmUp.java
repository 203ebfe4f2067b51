package dev.kiln.worker;

import dev.kiln.wire.FrameCodec;
import dev.kiln.wire.FrameException;
import dev.kiln.wire.Message;
import dev.kiln.wire.WireCodec;

import java.lang.management.ManagementFactory;

/**
 * Loads what the worker's hello needs (Kryo with every wire class registered, the runtime
 * MXBean) on a second thread, while the main thread reads its invitation and connects: on a
 * multi-core machine the two overlap instead of adding up (measured in docs/BENCHMARKS.md).
 */
final class LaunchWarmUp {
    private LaunchWarmUp() {
    }

    static void start() {
        Thread t = new Thread(LaunchWarmUp::run, "kiln-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            String[] args = ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(new String[0]);
            // Encoding once leaves a ready Kryo in the codec's pool for the real hello.
            WireCodec.encode(new Message.Hello(0, "", "", "", args), FrameCodec.DEFAULT_MAX_FRAME);
        } catch (FrameException | RuntimeException e) {
            // only a head start: the main thread does the same work if this fails
        }
    }
}
