package dev.kiln.worker;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What a worker that cannot go on writes to its process's own stderr before it exits: the host
 * puts the end of that stream into the {@code WorkerTerminatedException} its pending requests
 * fail with, so the user reads why. It writes to the file descriptor itself, not to
 * {@code System.err} (which is the capture, or whatever user code made of it), and the words
 * for a full heap are encoded ahead, so saying them allocates nothing.
 */
final class LastWords {
    private static final byte[] OUT_OF_MEMORY =
            ("kiln worker: java.lang.OutOfMemoryError: the worker's heap is full and"
                            + " it cannot answer its host; it exits. Keep less in the worker, or give it more heap"
                            + " (-Xmx in WorkerSpec.jvmArgs)."
                            + System.lineSeparator())
                    .getBytes(StandardCharsets.UTF_8);

    private final FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);

    /** Says that the heap is full, then ends the process. */
    void outOfMemoryThenExit() {
        say(OUT_OF_MEMORY);
        Runtime.getRuntime().halt(3);
    }

    /** Says why Kiln's own control path failed ({@code reason}), as far as the heap allows. */
    void failed(Throwable reason) {
        if (reason instanceof OutOfMemoryError) {
            say(OUT_OF_MEMORY);
            return;
        }
        try {
            say(("kiln worker: its connection to the host failed: " + reason + System.lineSeparator())
                    .getBytes(StandardCharsets.UTF_8));
        } catch (OutOfMemoryError e) {
            say(OUT_OF_MEMORY);
        }
    }

    private void say(byte[] words) {
        try {
            stderr.write(words);
        } catch (IOException e) {
            // stderr is gone too: the exit code is all the host gets
        }
    }
}
