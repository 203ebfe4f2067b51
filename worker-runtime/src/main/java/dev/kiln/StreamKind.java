package dev.kiln;

/** Which of a worker's output streams a chunk came from. */
public enum StreamKind {
    STDOUT,
    STDERR
}
