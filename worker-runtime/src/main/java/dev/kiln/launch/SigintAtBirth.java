package dev.kiln.launch;

import dev.kiln.os.PosixSignalDoorbell;
import dev.kiln.platform.OsFamily;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How a worker on this machine is born with SIGINT, its doorbell's signal, at the default
 * disposition. A process keeps an ignored signal ignored across fork and exec, so a host started
 * with SIGINT ignored ({@code nohup}, a background job of a script) would spawn workers that
 * ignore it too; such a worker resets it through libc, which loads JNA before its hello and, on
 * JDK 22+, needs the native-access flag that costs the JDK's archived module graph: about twice
 * a plain worker's start. On Linux the worker is spawned through {@code /usr/bin/env
 * --default-signal=INT} instead (GNU coreutils 8.31 and later), which resets the signal and
 * execs the JVM in the same process (the pid stays the JVM's). Elsewhere, where that {@code env}
 * lacks the option (BusyBox), or with the host property {@code kiln.sigintReset=libc}, the
 * worker resets it itself.
 *
 * @param commandPrefix           what comes before the worker's command (empty for none)
 * @param workerMayBeBornIgnoring whether the worker may still be born with SIGINT ignored, and
 *                                reset it through libc
 */
public record SigintAtBirth(List<String> commandPrefix, boolean workerMayBeBornIgnoring) {
    /** Host system property: {@code libc} leaves the reset to the worker (through JNA), even where env could do it. */
    public static final String PROPERTY = "kiln.sigintReset";

    /** The prefix that resets SIGINT on Linux. */
    static final List<String> ENV_RESET = List.of("/usr/bin/env", "--default-signal=INT");

    /** A host whose SIGINT is not ignored: its workers' is not either. */
    static final SigintAtBirth INHERITED = new SigintAtBirth(List.of(), false);

    public SigintAtBirth {
        commandPrefix = List.copyOf(commandPrefix);
    }

    /**
     * How a worker is born on {@code os} from a host whose SIGINT may be ignored ({@code
     * hostMayIgnore}), given the host property {@code property} (null when unset) and whether
     * {@code env} resets a signal here ({@code envResets}, asked only when it matters).
     */
    static SigintAtBirth of(OsFamily os, boolean hostMayIgnore, String property, BooleanSupplier envResets) {
        if (!hostMayIgnore) {
            return INHERITED;
        }
        if (os == OsFamily.LINUX && !"libc".equals(property) && envResets.getAsBoolean()) {
            return new SigintAtBirth(ENV_RESET, false);
        }
        return new SigintAtBirth(List.of(), true);
    }

    /** How workers this host starts are born: worked out once, at the first launch. */
    public static SigintAtBirth here() {
        return Here.VALUE;
    }

    /** {@code cmd} with the prefix in front. */
    public List<String> command(List<String> cmd) {
        return WorkerCommand.prefixed(commandPrefix, cmd);
    }

    private static final class Here {
        static final SigintAtBirth VALUE = of(
                OsFamily.current(),
                PosixSignalDoorbell.sigintMayBeIgnoredHere(),
                System.getProperty(PROPERTY),
                Here::envResets);

        /** Whether {@code /usr/bin/env --default-signal=INT true} runs and succeeds. */
        private static boolean envResets() {
            List<String> probe = new ArrayList<>(ENV_RESET);
            probe.add("true");
            try {
                Process p = new ProcessBuilder(probe)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return false;
                }
                return p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
