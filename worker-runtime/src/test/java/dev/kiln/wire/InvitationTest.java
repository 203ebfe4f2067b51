package dev.kiln.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The line a worker reads on its stdin: it parses back to the same invitation, with or without
 * the file of the shared-memory lane, and anything else is not an invitation.
 */
class InvitationTest {
    private static final byte[] TOKEN = new byte[Invitation.TOKEN_BYTES];

    static {
        Arrays.fill(TOKEN, (byte) 0x5a);
    }

    @Test
    void anInvitationParsesBackFromItsLineWithAndWithoutAResultsFile() {
        Invitation plain = new Invitation("127.0.0.1", 40123, TOKEN, "00112233aabbccdd");
        Invitation shared = plain.withResultsFile("/dev/shm/kiln-results-00112233aabbccdd");
        assertThat(plain.line().split(" ")).hasSize(5);
        assertThat(shared.line().split(" ")).hasSize(6);
        for (Invitation i : new Invitation[] {plain, shared}) {
            String line = i.line();
            assertThat(line).endsWith("\n");
            assertThat(Invitation.parse(line.substring(0, line.length() - 1))).contains(i);
        }
        assertThat(Invitation.parse(plain.line()).orElseThrow().resultsFile()).isEmpty();
        assertThat(Invitation.parse(shared.line()).orElseThrow().resultsFile())
                .isEqualTo("/dev/shm/kiln-results-00112233aabbccdd");
    }

    @Test
    void anInvitationThroughPipesNamesBothPipesAndParsesBack() {
        Invitation pipes = Invitation.viaPipes("/tmp/kiln-pipes-1-ab/7", TOKEN, "00112233aabbccdd");
        assertThat(pipes.viaPipes()).isTrue();
        assertThat(pipes.pipeToHost()).isEqualTo("/tmp/kiln-pipes-1-ab/7.up");
        assertThat(pipes.pipeFromHost()).isEqualTo("/tmp/kiln-pipes-1-ab/7.down");
        String line = pipes.line();
        Invitation back = Invitation.parse(line.substring(0, line.length() - 1)).orElseThrow();
        assertThat(back).isEqualTo(pipes);
        assertThat(back.viaPipes()).isTrue();
        assertThat(new Invitation("127.0.0.1", 40123, TOKEN, "00112233aabbccdd").viaPipes())
                .isFalse();
        assertThat(pipes.toString())
                .contains("/tmp/kiln-pipes-1-ab/7")
                .doesNotContain(HexFormat.of().formatHex(TOKEN));
        assertThatThrownBy(() -> Invitation.viaPipes("relative/7", TOKEN, "00112233aabbccdd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute");
    }

    @Test
    void otherLinesAreNotInvitations() {
        String token = HexFormat.of().formatHex(TOKEN);
        String good = "KILN1 127.0.0.1 40123 " + token + " 00112233aabbccdd";
        assertThat(Invitation.parse(good)).isPresent();
        assertThat(Invitation.parse(good + " /dev/shm/a /dev/shm/b"))
                .as("seven words")
                .isEmpty();
        assertThat(Invitation.parse("KILN2" + good.substring(5)))
                .as("another version")
                .isEmpty();
        assertThat(Invitation.parse(good.replace("40123", "70000")))
                .as("no such port")
                .isEmpty();
        assertThat(Invitation.parse(good.replace("40123", "0")))
                .as("port 0 with an address, not a path")
                .isEmpty();
        assertThat(Invitation.parse(good.replace(token, token.substring(2))))
                .as("a short token")
                .isEmpty();
        assertThat(Invitation.parse("")).isEmpty();
    }

    @Test
    void aResultsFileWithASpaceIsRefusedAndTheTokenIsNeverShown() {
        Invitation plain = new Invitation("127.0.0.1", 40123, TOKEN, "00112233aabbccdd");
        assertThatThrownBy(() -> plain.withResultsFile("/tmp/a b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/tmp/a b");
        assertThat(plain.withResultsFile("/dev/shm/x").toString())
                .doesNotContain(HexFormat.of().formatHex(TOKEN));
    }
}
