package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerPool;
import dev.kiln.WorkerSpec;
import java.util.concurrent.TimeUnit;

/** New to idle with a warm spare: {@code WorkerPool.take()}, against {@code Worker.start()}. */
final class WarmSpare implements Scenario {
    @Override
    public String title() {
        return "warm spare: WorkerPool.take()";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        WorkerSpec spec = Bench.quiet();
        try (WorkerPool pool = WorkerPool.of(spec, 1)) {
            Sampler sampler = new Sampler();
            Sampler.Series take = sampler.add("ms", () -> {
                pool.allReady().get(60, TimeUnit.SECONDS);
                Bench.settle();
                long t0 = System.nanoTime();
                Worker w = pool.take();
                double ms = Bench.millisSince(t0);
                w.stop();
                return ms;
            });
            Sampler.Series start = sampler.add("ms", () -> Bench.startMillis(spec));
            sampler.run(bench.rounds(10));

            report.add(Row.of(
                            "New → idle with a warm spare (`WorkerPool.take()`) vs `Worker.start()`",
                            take.figures(),
                            start.figures(),
                            Goal.below(50, "ms"),
                            "goal: under 50 ms absolute")
                    .withWhyMissed("A spare must already be IDLE; right after a take the next one is starting."));
        }
    }
}
