package dev.kiln;

import java.time.Instant;
import java.util.Objects;

/**
 * A piece of text a worker wrote to its standard output or error.
 *
 * <p>Chunks are not lines: a chunk may hold several lines or end in the middle of one.
 * What the worker's code writes through {@code System.out} and {@code System.err} arrives in
 * the order it was written, both streams in one sequence (a chunk never mixes them); output
 * printed by an evaluation or call arrives before its result. Text the worker's JVM or native
 * code writes on the process's own pipes arrives in order per stream, but only roughly in
 * order with the rest.
 *
 * @param stream which stream
 * @param text   the text, decoded as UTF-8
 * @param time   when the host received it
 */
public record OutputChunk(StreamKind stream, String text, Instant time) {
    public OutputChunk {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
    }
}
