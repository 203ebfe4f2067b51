package dev.kiln.bench;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** How the run uses JMH: one fork and few iterations, fewer still in a quick run, to keep the run short. */
final class Jmh {
    private Jmh() {}

    static ChainedOptionsBuilder options(Bench bench, String include, Mode mode, int threads) {
        boolean quick = bench.quick();
        return new OptionsBuilder()
                .include(include)
                .mode(mode)
                .threads(threads)
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 3))
                .timeUnit(TimeUnit.MILLISECONDS)
                .shouldFailOnError(true);
    }

    static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    /** The result of a run that includes one benchmark. */
    static RunResult only(Collection<RunResult> results) {
        Bench.check(results.size() == 1, "one JMH result, not " + results.size());
        return results.iterator().next();
    }
}
