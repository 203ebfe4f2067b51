package dev.kiln;

/**
 * One class in a worker's heap histogram ({@link Worker#heapHistogram()}): how many live objects of
 * it there are and how many bytes they take (their shallow size, as {@code jmap -histo} counts).
 *
 * <pre>{@code
 * worker.evalWait("byte[] b = new byte[100_000_000];");
 * HeapHistogramEntry top = worker.heapHistogram().join().get(0);  // [B, 1234 instances, 100071888 bytes
 * }</pre>
 *
 * @param className the class as the JVM names it: {@code [B} for {@code byte[]}, {@code java.lang.String}
 * @param instances live objects of it
 * @param bytes     the bytes they take
 */
public record HeapHistogramEntry(String className, long instances, long bytes) {}
