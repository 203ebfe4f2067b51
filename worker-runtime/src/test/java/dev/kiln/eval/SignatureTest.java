package dev.kiln.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first sentence of a Javadoc comment, as a parameter hint shows it. */
class SignatureTest {
    @Test
    void theSummaryIsTheFirstSentenceAsPlainText() {
        Signature max = new Signature(
                "int Math.max(int a, int b)",
                " Returns the greater of two {@code int} values. That is, the\n"
                        + " result is the argument closer to the value of\n {@link Integer#MAX_VALUE}.\n\n"
                        + " @param   a   an argument.\n @return  the larger of {@code a} and {@code b}.");
        assertThat(max.summary()).isEqualTo("Returns the greater of two int values.");

        assertThat(new Signature(
                                "s",
                                " Compares with {@link java.util.List#of() a list},\n"
                                        + " <em>not</em> an {@linkplain #array array} &amp; more. Then")
                        .summary())
                .isEqualTo("Compares with a list, not an array & more.");
        assertThat(new Signature("s", "Uses {@link Integer#MAX_VALUE} as the limit").summary())
                .as("no period: the whole description")
                .isEqualTo("Uses Integer.MAX_VALUE as the limit");
        assertThat(new Signature("s", " @param x the value").summary())
                .as("only block tags")
                .isEmpty();
        assertThat(new Signature("s", null).summary()).isEmpty();
    }
}
