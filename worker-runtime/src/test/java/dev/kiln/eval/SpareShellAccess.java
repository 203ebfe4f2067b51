package dev.kiln.eval;

import java.util.concurrent.TimeUnit;

/** Tests' view of the spare JShell session a host builds in the background. */
public final class SpareShellAccess {
    private SpareShellAccess() {}

    /** Waits until the spare session being built (if any) is built: its memory is the host's from then on. */
    public static void awaitBuilt() throws Exception {
        SpareShell.lastBuild().get(60, TimeUnit.SECONDS);
    }
}
