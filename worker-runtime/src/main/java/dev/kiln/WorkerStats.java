package dev.kiln;

import java.time.Duration;
import java.time.Instant;

/**
 * A sample of a worker's resources.
 *
 * @param time               when the sample was taken (host clock)
 * @param rssBytes           resident memory of the process as the OS reports it, or -1 if unknown
 * @param heapUsedBytes      Java heap in use
 * @param heapCommittedBytes Java heap committed
 * @param heapMaxBytes       Java heap maximum (-Xmx), or -1 if undefined
 * @param nonHeapUsedBytes   non-heap memory in use (metaspace, code cache...)
 * @param cpuTime            CPU time consumed by the process so far
 * @param threads            live threads in the worker JVM
 * @param gcCount            garbage collections so far (all collectors)
 * @param gcTime             time spent in garbage collection so far
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
        Duration gcTime) {}
