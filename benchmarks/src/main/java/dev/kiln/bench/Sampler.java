package dev.kiln.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the samples of several measurements in turns: each round takes one sample of each, in
 * the order they were added, so that a Kiln figure and its baseline see the same machine: on
 * shared cores, load that comes and goes hits both alike, and their ratio moves less than either.
 *
 * <pre>{@code
 * Sampler sampler = new Sampler();
 * Sampler.Series bare = sampler.add("ms", bareJvm::helloMillis);
 * Sampler.Series start = sampler.add("ms", () -> Bench.startMillis(spec));
 * sampler.run(12);
 * Row.of("Launch to ready", start.figures(), bare.figures(), Goal.ratioAtMost(1.5), "");
 * }</pre>
 */
final class Sampler {
    /** Takes one sample, in the unit of its series. */
    @FunctionalInterface
    interface Measurement {
        double take() throws Exception;
    }

    /** The samples of one measurement. */
    static final class Series {
        private final String unit;
        private final Measurement measurement;
        private final List<Double> samples = new ArrayList<>();

        private Series(String unit, Measurement measurement) {
            this.unit = unit;
            this.measurement = measurement;
        }

        Figures figures() {
            return Figures.of(unit, samples);
        }
    }

    private final List<Series> series = new ArrayList<>();

    Series add(String unit, Measurement measurement) {
        Series s = new Series(unit, measurement);
        series.add(s);
        return s;
    }

    /** Takes {@code rounds} samples of each measurement, in turns. */
    void run(int rounds) throws Exception {
        run(0, rounds);
    }

    /**
     * Runs {@code warmUp} rounds whose samples are dropped (a process's first large arrays land on
     * untouched memory, a first call loads classes), then {@code rounds} that count.
     */
    void run(int warmUp, int rounds) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            for (Series s : series) {
                s.measurement.take();
            }
        }
        for (int i = 0; i < rounds; i++) {
            for (Series s : series) {
                s.samples.add(s.measurement.take());
            }
        }
    }
}
