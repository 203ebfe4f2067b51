package dev.kiln.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The samples of one measured thing, in the unit they were taken in, and what the report
 * shows of them: the median, with min and max. NaN when there are no samples.
 */
record Figures(String unit, List<Double> samples, double median, double min, double max)
        implements java.io.Serializable {

    /** The median, min and max of {@code samples} (kept, sorted). */
    static Figures of(String unit, List<Double> samples) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        if (n == 0) {
            return new Figures(unit, List.of(), Double.NaN, Double.NaN, Double.NaN);
        }
        double median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new Figures(unit, List.copyOf(s), median, s.get(0), s.get(n - 1));
    }

    /** Figures computed elsewhere (JMH's statistics): the samples themselves are not kept. */
    static Figures single(String unit, double median, double min, double max) {
        return new Figures(unit, List.of(), median, min, max);
    }
}
