package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Workers on another machine over SSH, against local workers in the same run: launch to ready,
 * the call round trip, twenty at once. The other machine is this one, through a private sshd on
 * loopback: the figures are SSH's own cost (handshake, channels, forwarding), not a network's.
 */
final class SshWorkers implements Scenario {
    private static final int COUNT = 20;
    private static final int CALLS = 2_000;

    @Override
    public String title() {
        return "workers over SSH";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        StringBuilder whyNot = new StringBuilder();
        Optional<PrivateSshd> server = PrivateSshd.start(whyNot);
        if (server.isEmpty()) {
            report.note("SSH rows left out: " + whyNot + ".");
            return;
        }
        try (PrivateSshd sshd = server.get()) {
            WorkerSpec remote = sshd.spec();
            WorkerSpec local = Bench.quiet();
            long t0 = System.nanoTime();
            Bench.startMillis(remote); // copies the runtime into the remote cache, once
            double firstMs = Bench.millisSince(t0);

            Sampler sampler = new Sampler();
            Sampler.Series sshStart = sampler.add("ms", () -> Bench.startMillis(remote));
            Sampler.Series localStart = sampler.add("ms", () -> Bench.startMillis(local));
            sampler.run(bench.rounds(10));
            report.add(Row.of(
                    "Launch to ready over SSH (`WorkerSpec.host`, runtime already copied) vs a local `Worker.start()`",
                    sshStart.figures(),
                    localStart.figures(),
                    Goal.measuredOnly(),
                    String.format(
                            java.util.Locale.ROOT,
                            "a new SSH connection per worker (key exchange, login, one exec channel to probe, one"
                                    + " to run); the first start, which also copied the runtime, took %.0f ms",
                            firstMs)));

            try (Worker r = Worker.start(remote);
                    Worker l = Worker.start(local)) {
                Sampler calls = new Sampler();
                Sampler.Series sshCall = calls.add("µs", () -> medianCallMicros(r));
                Sampler.Series localCall = calls.add("µs", () -> medianCallMicros(l));
                calls.run(1, bench.rounds(5));
                report.add(Row.of(
                        "Call round trip (`callFetch(() -> 1)`), median of " + CALLS + " per sample: over SSH vs local",
                        sshCall.figures(),
                        localCall.figures(),
                        Goal.measuredOnly(),
                        "the SSH worker's connection travels inside the SSH connection (a forwarded port)"));
            }

            Sampler many = new Sampler();
            Sampler.Series sshMany = many.add("ms", () -> TwentyWorkers.startAllMillis(remote, COUNT));
            Sampler.Series localMany = many.add("ms", () -> TwentyWorkers.startAllMillis(local, COUNT));
            many.run(bench.rounds(3));
            report.add(Row.of(
                    "Twenty workers over SSH started at once until all IDLE vs twenty local ones",
                    sshMany.figures(),
                    localMany.figures(),
                    Goal.measuredOnly(),
                    "twenty SSH connections to one sshd at once (its MaxStartups default is 10:30:100)"));
        }
    }

    private static double medianCallMicros(Worker w) {
        double[] us = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long t0 = System.nanoTime();
            int one = w.callFetch(() -> 1);
            us[i] = (System.nanoTime() - t0) / 1e3;
            Bench.check(one == 1, "a call's result");
        }
        Arrays.sort(us);
        return us[CALLS / 2];
    }
}
