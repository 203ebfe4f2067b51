package dev.kiln.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Samples of one measured thing: median, min, max, in the unit they were taken in. */
record Figures(String what, String unit, List<Double> samples, double median, double min, double max) {

    static Figures of(String what, String unit, List<Double> samples) {
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        int n = s.size();
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new Figures(
                what, unit, List.copyOf(s), median, n == 0 ? Double.NaN : s.get(0), n == 0 ? Double.NaN : s.get(n - 1));
    }

    static Figures single(String what, String unit, double median, double min, double max) {
        return new Figures(what, unit, List.of(), median, min, max);
    }

    String cell() {
        return fmt(median) + " " + unit + " (" + fmt(min) + "–" + fmt(max) + ")";
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
