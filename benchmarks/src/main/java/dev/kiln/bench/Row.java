package dev.kiln.bench;

import java.util.Objects;

/**
 * One line of the results table.
 *
 * @param scenario  what is measured, against what (Markdown)
 * @param kiln      Kiln's figure
 * @param baseline  the figure it is compared to, measured in the same run; null when it stands alone
 * @param goal      what {@code kiln} aims for
 * @param notes     shown in every run: how it is measured, what it means
 * @param whyMissed shown under the table only when the goal is missed: why Kiln falls short
 */
record Row(String scenario, Figures kiln, Figures baseline, Goal goal, String notes, String whyMissed)
        implements java.io.Serializable {
    Row {
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(kiln);
        Objects.requireNonNull(goal);
        Objects.requireNonNull(notes);
        Objects.requireNonNull(whyMissed);
    }

    static Row of(String scenario, Figures kiln, Figures baseline, Goal goal, String notes) {
        return new Row(scenario, kiln, baseline, goal, notes, "");
    }

    /** This row as measured on another JDK: its scenario and notes say which. */
    Row on(String jdk) {
        return new Row(jdk + ": " + scenario, kiln, baseline, goal, notes, whyMissed);
    }

    Row withWhyMissed(String why) {
        return new Row(scenario, kiln, baseline, goal, notes, why);
    }

    /** Kiln's median over the baseline's; NaN without a baseline. */
    double ratio() {
        return baseline == null ? Double.NaN : kiln.median() / baseline.median();
    }

    Goal.Status status() {
        return goal.judge(kiln, baseline);
    }
}
