package dev.kiln.wire;

/** Which of a worker's standard streams a piece of output was written to. */
public enum StdStream {
    STDOUT,
    STDERR
}
