package dev.kiln.bench;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** The eval round trip of {@code 1 + 1} on a warm worker, against JShell's default engine ({@link EvalBench}). */
final class EvalRoundTrip implements Scenario {
    @Override
    public String title() {
        return "JMH: eval round trip";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        Statistics kiln = null;
        Statistics jshell = null;
        for (RunResult r : Jmh.run(Jmh.options(bench, EvalBench.class.getName() + ".*", Mode.SampleTime, 1))) {
            String name = r.getParams().getBenchmark();
            if (name.endsWith(".kilnEval")) {
                kiln = r.getPrimaryResult().getStatistics();
            } else if (name.endsWith(".jshellEval")) {
                jshell = r.getPrimaryResult().getStatistics();
            }
        }
        Bench.check(kiln != null && jshell != null, "JMH results of both EvalBench benchmarks");
        report.add(Row.of(
                        "Eval round trip of `1 + 1` on a warm worker vs JShell default engine",
                        p50(kiln),
                        p50(jshell),
                        Goal.ratioAtMost(0.8),
                        "JMH SampleTime p50; same javac in the host, different transport and engine")
                .withWhyMissed("Snippets compile in the host with javac (most of the time); the transport differs."));
    }

    private static Figures p50(Statistics s) {
        return Figures.single("ms", s.getPercentile(50), s.getMin(), s.getMax());
    }
}
