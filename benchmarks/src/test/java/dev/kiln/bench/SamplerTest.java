package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void eachRoundTakesOneSampleOfEachMeasurementInTurn() throws Exception {
        List<String> order = new ArrayList<>();
        Sampler sampler = new Sampler();
        sampler.add("ms", () -> {
            order.add("kiln");
            return 1;
        });
        sampler.add("ms", () -> {
            order.add("baseline");
            return 2;
        });

        sampler.run(3);

        assertThat(order).containsExactly("kiln", "baseline", "kiln", "baseline", "kiln", "baseline");
    }

    @Test
    void warmUpRoundsAreTakenButNotCounted() throws Exception {
        double[] next = {100, 200, 1, 2, 3};
        int[] i = {0};
        Sampler sampler = new Sampler();
        Sampler.Series series = sampler.add("MB/s", () -> next[i[0]++]);

        sampler.run(2, 3);

        assertThat(i[0]).isEqualTo(5);
        assertThat(series.figures().samples()).containsExactly(1.0, 2.0, 3.0);
        assertThat(series.figures().median()).isEqualTo(2.0);
        assertThat(series.figures().unit()).isEqualTo("MB/s");
    }
}
