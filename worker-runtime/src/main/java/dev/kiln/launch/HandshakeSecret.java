package dev.kiln.launch;

import dev.kiln.wire.Invitation;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a host invites one worker with, whichever way it connects: the token it must present and
 * the random name of its OS interrupt doorbell, in one read of the OS's generator.
 */
record HandshakeSecret(byte[] token, String doorbellName) {
    static HandshakeSecret fresh() {
        byte[] random = new byte[Invitation.TOKEN_BYTES + 8];
        RandomBytes.fill(random);
        return new HandshakeSecret(
                Arrays.copyOf(random, Invitation.TOKEN_BYTES),
                HexFormat.of().formatHex(random, Invitation.TOKEN_BYTES, random.length));
    }
}
