package dev.kiln.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.platform.OsFamily;
import dev.kiln.wire.Invitation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RandomBytesTest {
    @ParameterizedTest
    @EnumSource(OsFamily.class)
    void tokensAreFullOfUnpredictableBytesOnEveryOs(OsFamily os) {
        byte[] first = new byte[Invitation.TOKEN_BYTES];
        byte[] second = new byte[Invitation.TOKEN_BYTES];
        RandomBytes.fill(first, os);
        RandomBytes.fill(second, os);
        assertThat(first).isNotEqualTo(second).isNotEqualTo(new byte[Invitation.TOKEN_BYTES]);
    }
}
