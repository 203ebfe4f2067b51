package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleSample() {
        Figures f = Figures.of("ms", List.of(30.0, 10.0, 20.0));

        assertThat(f.median()).isEqualTo(20.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleSamples() {
        Figures f = Figures.of("ms", List.of(40.0, 10.0, 30.0, 20.0));

        assertThat(f.median()).isEqualTo(25.0);
    }

    @Test
    void minAndMaxAreTheExtremesWhateverTheOrderOfSampling() {
        Figures f = Figures.of("MB/s", List.of(5.0, -1.0, 12.5, 3.0));

        assertThat(f.min()).isEqualTo(-1.0);
        assertThat(f.max()).isEqualTo(12.5);
        assertThat(f.samples()).containsExactly(-1.0, 3.0, 5.0, 12.5);
        assertThat(f.unit()).isEqualTo("MB/s");
    }

    @Test
    void oneSampleIsMedianMinAndMax() {
        Figures f = Figures.of("ms", List.of(7.0));

        assertThat(List.of(f.median(), f.min(), f.max())).containsOnly(7.0);
    }

    @Test
    void noSamplesGiveNaNRatherThanAFigure() {
        Figures f = Figures.of("ms", List.of());

        assertThat(f.median()).isNaN();
        assertThat(f.min()).isNaN();
        assertThat(f.max()).isNaN();
    }

    @Test
    void theSamplesTakenAreNotChanged() {
        List<Double> taken = new java.util.ArrayList<>(List.of(3.0, 1.0, 2.0));

        Figures.of("ms", taken);

        assertThat(taken).containsExactly(3.0, 1.0, 2.0);
    }
}
