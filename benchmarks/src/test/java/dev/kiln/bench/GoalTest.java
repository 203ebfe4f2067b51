package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.bench.Goal.Status;
import org.junit.jupiter.api.Test;

class GoalTest {

    private static Figures ms(double median) {
        return Figures.single("ms", median, median, median);
    }

    @Test
    void aRatioAtMostIsMetUpToItsLimitInclusive() {
        Goal goal = Goal.ratioAtMost(1.5);

        assertThat(goal.judge(ms(150), ms(100))).isEqualTo(Status.MET);
        assertThat(goal.judge(ms(120), ms(100))).isEqualTo(Status.MET);
        assertThat(goal.judge(ms(151), ms(100))).isEqualTo(Status.MISSED);
    }

    @Test
    void aRatioAtLeastIsMetFromItsLimitInclusive() {
        Goal goal = Goal.ratioAtLeast(0.4);
        Figures raw = Figures.single("MB/s", 1000, 900, 1100);

        assertThat(goal.judge(Figures.single("MB/s", 400, 400, 400), raw)).isEqualTo(Status.MET);
        assertThat(goal.judge(Figures.single("MB/s", 810, 800, 820), raw)).isEqualTo(Status.MET);
        assertThat(goal.judge(Figures.single("MB/s", 399, 399, 399), raw)).isEqualTo(Status.MISSED);
    }

    @Test
    void aRatioIsJudgedOnTheMediansNotTheExtremes() {
        Figures kiln = Figures.single("ms", 100, 10, 10_000);
        Figures baseline = Figures.single("ms", 100, 99, 101);

        assertThat(Goal.ratioAtMost(1.0).judge(kiln, baseline)).isEqualTo(Status.MET);
    }

    @Test
    void belowIsStrict() {
        Goal goal = Goal.below(50, "ms");

        assertThat(goal.judge(ms(49.9), null)).isEqualTo(Status.MET);
        assertThat(goal.judge(ms(50), null)).isEqualTo(Status.MISSED);
    }

    @Test
    void anAbsoluteGoalJudgesTheKilnFigureAloneEvenWithABaseline() {
        Goal goal = Goal.atMost(200, "ms");

        assertThat(goal.judge(ms(200), ms(1))).isEqualTo(Status.MET);
        assertThat(goal.judge(ms(201), ms(10_000))).isEqualTo(Status.MISSED);
        assertThat(Goal.atLeast(20_000, "calls/s").judge(Figures.single("calls/s", 27_508, 21_663, 36_170), null))
                .isEqualTo(Status.MET);
    }

    @Test
    void aFigureMeasuredOnlyIsNotJudged() {
        assertThat(Goal.measuredOnly().judge(ms(1), ms(2))).isEqualTo(Status.NOT_JUDGED);
        assertThat(Goal.measuredOnly().judge(ms(1), null)).isEqualTo(Status.NOT_JUDGED);
    }

    @Test
    void aFigureWithoutSamplesMeetsNoGoal() {
        Figures none = Figures.single("ms", Double.NaN, Double.NaN, Double.NaN);

        assertThat(Goal.ratioAtMost(100).judge(none, ms(1))).isEqualTo(Status.MISSED);
        assertThat(Goal.ratioAtLeast(0).judge(ms(1), none)).isEqualTo(Status.MISSED);
        assertThat(Goal.below(50, "ms").judge(none, null)).isEqualTo(Status.MISSED);
    }

    @Test
    void aRatioGoalWithoutABaselineIsAnError() {
        assertThatThrownBy(() -> Goal.ratioAtMost(1.5).judge(ms(1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseline");
    }

    @Test
    void anAbsoluteGoalInAnotherUnitIsAnError() {
        assertThatThrownBy(() -> Goal.atMost(200, "µs").judge(ms(0.1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("µs")
                .hasMessageContaining("ms");
    }

    @Test
    void theThresholdIsTheKilnFigureThatJustMeetsTheGoal() {
        assertThat(((Goal.Limit) Goal.ratioAtMost(0.25)).threshold(ms(180))).isEqualTo(45.0);
        assertThat(((Goal.Limit) Goal.below(50, "ms")).threshold(null)).isEqualTo(50.0);
    }

    @Test
    void aFloorAboveItsGoalSaysNoDesignMeetsItAndOneWithinSaysOneCan() {
        String above = Goal.floorSentence(ms(135), ms(100), 1.3, "twenty that connect back");
        String within = Goal.floorSentence(ms(110), ms(100), 1.2, "one that connects back");

        assertThat(above)
                .contains("twenty that connect back")
                .contains("1.35×")
                .contains("above this goal (≤ 1.3×)")
                .contains("no design");
        assertThat(within).contains("1.10×").contains("within this goal (≤ 1.2×)");
    }
}
