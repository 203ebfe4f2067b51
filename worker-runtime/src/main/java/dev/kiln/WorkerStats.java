package dev.kiln;

import java.time.Duration;
import java.time.Instant;

/**
 * A sample of a worker's resources.
 *
 * <pre>{@code
 * WorkerStats a = worker.stats();
 * // ... a second later
 * WorkerStats b = worker.stats();
 * double cpu = b.cpuLoadSince(a);    // 0.5: half of the machine's processors were busy in the worker
 * double gc = b.gcShareSince(a);     // 0.02: 2% of the time went to garbage collection
 * }</pre>
 *
 * @param time                when the sample was taken (host clock)
 * @param rssBytes            resident memory of the process as the OS reports it, or -1 if unknown
 * @param heapUsedBytes       Java heap in use
 * @param heapCommittedBytes  Java heap committed
 * @param heapMaxBytes        Java heap maximum (-Xmx), or -1 if undefined
 * @param nonHeapUsedBytes    non-heap memory in use (metaspace, code cache...)
 * @param cpuTime             CPU time consumed by the process so far
 * @param threads             live threads in the worker JVM
 * @param gcCount             garbage collections so far (all collectors)
 * @param gcTime              time spent in garbage collection so far
 * @param availableProcessors the processors the worker JVM may use (on the machine it runs on)
 */
public record WorkerStats(
        Instant time,
        long rssBytes,
        long heapUsedBytes,
        long heapCommittedBytes,
        long heapMaxBytes,
        long nonHeapUsedBytes,
        Duration cpuTime,
        int threads,
        long gcCount,
        Duration gcTime,
        int availableProcessors) {

    /**
     * The share of the worker's processors its process kept busy between {@code earlier} and this
     * sample, from 0 to 1 (1: all of them, all the time); 0 when no time passed between the two.
     */
    public double cpuLoadSince(WorkerStats earlier) {
        long wall = Duration.between(earlier.time, time).toNanos();
        if (wall <= 0) {
            return 0;
        }
        double busy = cpuTime.minus(earlier.cpuTime).toNanos();
        return clamp(busy / ((double) wall * Math.max(1, availableProcessors)));
    }

    /**
     * The share of the time between {@code earlier} and this sample that went to garbage collection, from 0 to 1
     * (collections on several threads at once can make it reach 1).
     */
    public double gcShareSince(WorkerStats earlier) {
        long wall = Duration.between(earlier.time, time).toNanos();
        if (wall <= 0) {
            return 0;
        }
        return clamp(gcTime.minus(earlier.gcTime).toNanos() / (double) wall);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
