package dev.kiln.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

/** The call round trip on a warm worker ({@link CallBench}): p50 and p99 from one caller, throughput from eight. */
final class CallFigures implements Scenario {
    @Override
    public String title() {
        return "JMH: call round trip and throughput";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        String benchmark = CallBench.class.getName() + ".callRoundTrip";
        Statistics latency = Jmh.only(Jmh.run(
                        Jmh.options(bench, benchmark, Mode.SampleTime, 1).timeUnit(TimeUnit.MICROSECONDS)))
                .getPrimaryResult()
                .getStatistics();
        double p50 = latency.getPercentile(50);
        double p99 = latency.getPercentile(99);
        report.add(Row.of(
                        "Call round trip (`callFetch(() -> 1)`), p50",
                        Figures.single("µs", p50, latency.getMin(), latency.getMax()),
                        null,
                        Goal.atMost(80, "µs"),
                        String.format(
                                Locale.ROOT,
                                "p99 %s µs; %,d samples, JMH SampleTime, 1 fork",
                                ReportWriter.number(p99),
                                latency.getN()))
                .withWhyMissed("A capture-free lambda is serialized once per class on the host and deserialized "
                        + "once per payload in the worker, and the host's reader takes each reply in one read system "
                        + "call, so what is left per call is the frame each way and three wake-ups: the worker's "
                        + "reader, its call thread (user code never runs on a reader) and the host's reader, each a "
                        + "park and unpark on 2 shared cores; a lone caller spins for its reply (up to 100 µs) "
                        + "instead of parking, which took this figure from 90-95 µs to 35-40 µs. It has moved "
                        + "between 72 and 180 µs in runs of similar trees: the machine moves it more than the code "
                        + "does."));
        report.add(Row.of(
                        "Call round trip, p99",
                        Figures.single("µs", p99, Double.NaN, Double.NaN),
                        null,
                        Goal.atMost(400, "µs"),
                        "GC and scheduling on 2 cores show here")
                .withWhyMissed("The slowest calls wait for a GC pause or for one of the 2 cores; this figure moved"
                        + " between 249 and 413 µs in full runs of the same code on different days."));

        // A fresh worker JVM reaches steady state only after its call path is C2-compiled, which on 2 cores
        // shared by 8 callers takes 15-20 s (iterations climbed 12k -> 36k calls/s with 6 s of warm-up).
        Statistics throughput = Jmh.only(Jmh.run(Jmh.options(bench, benchmark, Mode.Throughput, 8)
                        .warmupIterations(bench.quick() ? 1 : 10)
                        .timeUnit(TimeUnit.SECONDS)))
                .getPrimaryResult()
                .getStatistics();
        report.add(Row.of(
                        "Call throughput, 8 concurrent callers",
                        Figures.single("calls/s", throughput.getMean(), throughput.getMin(), throughput.getMax()),
                        null,
                        Goal.atLeast(40_000, "calls/s"),
                        "JMH Throughput, 8 threads, mean of iterations (min–max of iterations)")
                .withWhyMissed("Each call encodes its frame and writes it under the connection's one writer lock "
                        + "(a writer that finds another waiting leaves the flush to it, so messages sent together "
                        + "share a system call, on both sides), and the worker runs it on its call pool (the lambda's "
                        + "serialized form is made once per class, read once per payload); 8 callers plus the "
                        + "worker's threads share 2 cores, and the full run's figure moves with the machine."));
    }
}
