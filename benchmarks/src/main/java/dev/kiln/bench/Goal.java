package dev.kiln.bench;

import java.util.Locale;
import java.util.Objects;

/**
 * What a row of the report aims for, judged on the medians: a bound on the ratio of the Kiln
 * figure to its baseline, a bound on the Kiln figure itself (in its unit), or nothing (the
 * figure is measured to explain the others). The report writer formats goals for the table.
 *
 * <pre>{@code
 * Goal.ratioAtMost(1.5).judge(start, bareJvm)    // MET when start's median ≤ 1.5 × bareJvm's
 * Goal.below(50, "ms").judge(take, null)         // MET when take's median < 50 ms
 * }</pre>
 */
sealed interface Goal extends java.io.Serializable {

    /** The outcome of judging a goal. */
    enum Status {
        MET,
        MISSED,
        /** A figure measured for context: it has no goal. */
        NOT_JUDGED;

        static Status of(boolean met) {
            return met ? MET : MISSED;
        }
    }

    /** How a figure must relate to the goal's limit. */
    enum Bound {
        AT_MOST("≤"),
        AT_LEAST("≥"),
        BELOW("<");

        private final String symbol;

        Bound(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        /** False for NaN: a figure that was not measured meets no goal. */
        boolean holds(double value, double limit) {
            return switch (this) {
                case AT_MOST -> value <= limit;
                case AT_LEAST -> value >= limit;
                case BELOW -> value < limit;
            };
        }

        /** Whether the goal caps the figure (smaller is better) rather than asking for more. */
        boolean caps() {
            return this != AT_LEAST;
        }
    }

    /**
     * Judges the medians: {@code kiln} against the limit, or against the limit times
     * {@code baseline} for a ratio goal.
     *
     * @param baseline the figure {@code kiln} is compared to; null when it stands alone
     * @throws IllegalArgumentException for a ratio goal without a baseline, or an absolute goal
     *     in another unit than {@code kiln}'s
     */
    Status judge(Figures kiln, Figures baseline);

    static Goal ratioAtMost(double limit) {
        return new Ratio(Bound.AT_MOST, limit);
    }

    static Goal ratioAtLeast(double limit) {
        return new Ratio(Bound.AT_LEAST, limit);
    }

    static Goal atMost(double limit, String unit) {
        return new Absolute(Bound.AT_MOST, limit, unit);
    }

    static Goal atLeast(double limit, String unit) {
        return new Absolute(Bound.AT_LEAST, limit, unit);
    }

    static Goal below(double limit, String unit) {
        return new Absolute(Bound.BELOW, limit, unit);
    }

    static Goal measuredOnly() {
        return new MeasuredOnly();
    }

    /**
     * What a time goal's floor (the least any design does, as its own row) says of the goal in
     * this run: whether the floor's ratio to the same baseline is above the goal ({@code at most
     * maxRatio}), so that no design reaches it here, or under it.
     */
    static String floorSentence(Figures floor, Figures baseline, double maxRatio, String floorName) {
        double ratio = floor.median() / baseline.median();
        String measured =
                String.format(Locale.ROOT, "Its floor (%s) is %.2f× the baseline in this run", floorName, ratio);
        return ratio > maxRatio
                ? measured
                        + String.format(
                                Locale.ROOT,
                                ", above this goal (≤ %.2g×): no design that does what the"
                                        + " floor does meets it here.",
                                maxRatio)
                : measured
                        + String.format(Locale.ROOT, ", within this goal (≤ %.2g×): a design can meet it.", maxRatio);
    }

    /** A goal that judges a figure against a limit: the figure it needs is {@link #threshold}. */
    sealed interface Limit extends Goal {
        Bound bound();

        /** The Kiln figure, in its unit, that just meets this goal. */
        double threshold(Figures baseline);

        @Override
        default Status judge(Figures kiln, Figures baseline) {
            return Status.of(bound().holds(kiln.median(), threshold(baseline)));
        }
    }

    /** Kiln's median over the baseline's median, bounded by {@code limit}. */
    record Ratio(Bound bound, double limit) implements Limit {
        public Ratio {
            Objects.requireNonNull(bound);
        }

        @Override
        public Status judge(Figures kiln, Figures baseline) {
            // The ratio itself, as the table shows it, not the threshold: no rounding in between.
            return Status.of(
                    bound.holds(kiln.median() / requireBaseline(baseline).median(), limit));
        }

        @Override
        public double threshold(Figures baseline) {
            return limit * requireBaseline(baseline).median();
        }

        private static Figures requireBaseline(Figures baseline) {
            if (baseline == null) {
                throw new IllegalArgumentException("a ratio goal needs a baseline to compare to");
            }
            return baseline;
        }
    }

    /** Kiln's median itself, in {@code unit}, bounded by {@code limit}; the baseline plays no part. */
    record Absolute(Bound bound, double limit, String unit) implements Limit {
        public Absolute {
            Objects.requireNonNull(bound);
            Objects.requireNonNull(unit);
        }

        @Override
        public Status judge(Figures kiln, Figures baseline) {
            if (!unit.equals(kiln.unit())) {
                throw new IllegalArgumentException(
                        "a goal in " + unit + " cannot judge a figure in " + kiln.unit() + ": give both one unit");
            }
            return Limit.super.judge(kiln, baseline);
        }

        @Override
        public double threshold(Figures baseline) {
            return limit;
        }
    }

    /** No goal: the figure explains the others. */
    record MeasuredOnly() implements Goal {
        @Override
        public Status judge(Figures kiln, Figures baseline) {
            return Status.NOT_JUDGED;
        }
    }
}
