package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    private static Figures ms(double median, double min, double max) {
        return Figures.single("ms", median, min, max);
    }

    @Test
    void goalsAreFormattedWithTheirBoundLimitAndUnit() {
        assertThat(ReportWriter.goal(Goal.ratioAtMost(1.5))).isEqualTo("≤ 1.5×");
        assertThat(ReportWriter.goal(Goal.ratioAtMost(0.25))).isEqualTo("≤ 0.25×");
        assertThat(ReportWriter.goal(Goal.ratioAtLeast(0.4))).isEqualTo("≥ 0.4×");
        assertThat(ReportWriter.goal(Goal.below(50, "ms"))).isEqualTo("< 50 ms");
        assertThat(ReportWriter.goal(Goal.atMost(200, "µs"))).isEqualTo("≤ 200 µs");
        assertThat(ReportWriter.goal(Goal.atLeast(20_000, "calls/s"))).isEqualTo("≥ 20,000 calls/s");
        assertThat(ReportWriter.goal(Goal.measuredOnly())).isEqualTo("(measured)");
    }

    @Test
    void statusesAreBoldOrBlank() {
        assertThat(ReportWriter.status(Goal.Status.MET)).isEqualTo("**met**");
        assertThat(ReportWriter.status(Goal.Status.MISSED)).isEqualTo("**missed**");
        assertThat(ReportWriter.status(Goal.Status.NOT_JUDGED)).isEmpty();
    }

    @Test
    void figuresShowAboutThreeSignificantDigits() {
        assertThat(ReportWriter.number(0.164)).isEqualTo("0.16");
        assertThat(ReportWriter.number(45.32)).isEqualTo("45.3");
        assertThat(ReportWriter.number(142.4)).isEqualTo("142");
        assertThat(ReportWriter.number(2629.0)).isEqualTo("2,629");
        assertThat(ReportWriter.number(Double.NaN)).isEqualTo("n/a");
        assertThat(ReportWriter.cell(ms(142, 134, 153))).isEqualTo("142 ms (134–153)");
    }

    @Test
    void aRowShowsItsRatioGoalAndStatus() {
        Row row = Row.of("Launch", ms(142, 134, 153), ms(121, 107, 126), Goal.ratioAtMost(1.5), "how");

        assertThat(ReportWriter.tableRow(row))
                .isEqualTo("| Launch | 142 ms (134–153) | 121 ms (107–126) | 1.17× | ≤ 1.5× | **met** | how |");
    }

    @Test
    void aRowWithoutBaselineLeavesBaselineAndRatioBlank() {
        Row row = Row.of("p99", Figures.single("µs", 243, Double.NaN, Double.NaN), null, Goal.measuredOnly(), "");

        assertThat(ReportWriter.tableRow(row)).isEqualTo("| p99 | 243 µs (n/a–n/a) |  |  | (measured) |  |  |");
    }

    @Test
    void aMissedRatioSaysWhatKilnNeedsAndHowFarOffItIs() {
        Row row = Row.of("Launch vs JShell", ms(142, 134, 153), ms(181, 168, 206), Goal.ratioAtMost(0.25), "");

        assertThat(ReportWriter.shortfall(row))
                .isEqualTo("0.78× instead of ≤ 0.25×: Kiln needs ≤ 45.3 ms, is 142 ms (214% over)");
    }

    @Test
    void aMissedRateSaysHowFarShortItIs() {
        Figures kiln = Figures.single("MB/s", 300, 250, 350);
        Figures raw = Figures.single("MB/s", 1000, 900, 1100);
        Row row = Row.of("Transfer", kiln, raw, Goal.ratioAtLeast(0.4), "");

        assertThat(ReportWriter.shortfall(row))
                .isEqualTo("0.30× instead of ≥ 0.4×: Kiln needs ≥ 400 MB/s, is 300 MB/s (25% short)");
    }

    @Test
    void aMissedAbsoluteGoalSaysHowFarOffItIs() {
        Row row = Row.of("Take", ms(60, 55, 70), ms(140, 130, 150), Goal.below(50, "ms"), "");

        assertThat(ReportWriter.shortfall(row)).isEqualTo("60.0 ms instead of < 50 ms (20% over)");
    }

    @Test
    void aRowWithoutGoalHasNoShortfall() {
        Row row = Row.of("Floor", ms(1, 1, 1), ms(2, 2, 2), Goal.measuredOnly(), "");

        assertThatThrownBy(() -> ReportWriter.shortfall(row)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDocumentListsMissedGoalsWithTheirReasonAndSaysWhatTheGoalsAre() {
        Report report = new Report();
        report.add(Row.of("Met row", ms(1, 1, 1), ms(2, 2, 2), Goal.ratioAtMost(1), "")
                .withWhyMissed("never shown"));
        report.add(Row.of("Missed row", ms(3, 3, 3), ms(2, 2, 2), Goal.ratioAtMost(1), "")
                .withWhyMissed("Because."));
        report.note("A note.");
        ReportWriter.Machine machine =
                new ReportWriter.Machine(2, "a CPU", "a JVM", "Linux 6", LocalDate.of(2026, 1, 2));

        String md = ReportWriter.markdown(report, machine, 4.2, false);

        assertThat(md)
                .contains("A goal bounds the ratio")
                .doesNotContainIgnoringCase("issue")
                .contains("| Scenario | Kiln | Baseline | Ratio | Goal | Status | Notes |")
                .contains("- **Missed row**: 1.50× instead of ≤ 1×: Kiln needs ≤ 2.00 ms, is 3.00 ms (50% over)."
                        + " Because.\n")
                .doesNotContain("never shown")
                .contains("- A note.\n")
                .contains("(about 4 minutes;")
                .contains("- run on 2026-01-02\n");
        assertThat(ReportWriter.markdown(new Report(), machine, 1, true))
                .contains("None in this run.")
                .contains("QUICK run");
    }

    @Test
    void rowsKeepTheOrderTheyWereAddedIn() {
        Report report = new Report();
        for (String s : List.of("b", "a", "c")) {
            report.add(Row.of(s, ms(1, 1, 1), null, Goal.measuredOnly(), ""));
        }

        assertThat(report.rows()).extracting(Row::scenario).containsExactly("b", "a", "c");
    }
}
