package dev.kiln.launch;

import dev.kiln.platform.OsFamily;
import java.io.IOException;

/** For tests elsewhere: this host's named pipes made now, so that the next local workers connect through them. */
public final class PipesAccess {
    private PipesAccess() {}

    /** Makes a batch of this host's pairs on the calling thread (Linux). */
    public static void makeSharedPairsNow() throws IOException {
        NamedPipes.forOs(OsFamily.LINUX).orElseThrow().fillNow();
    }
}
