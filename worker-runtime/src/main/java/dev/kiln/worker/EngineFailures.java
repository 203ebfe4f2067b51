package dev.kiln.worker;

import dev.kiln.wire.FailureKind;
import dev.kiln.wire.Message;
import dev.kiln.wire.Thrown;
import jdk.jshell.spi.ExecutionControl;

/** The failure reply for each way the snippet engine reports that a request did not succeed. */
final class EngineFailures {
    private EngineFailures() {}

    /**
     * The reply to request {@code id} that the engine failed with {@code e}; {@code interrupted}
     * when that request was told to stop (whatever a stopped snippet throws while it unwinds then
     * means it was interrupted).
     */
    static Message.Failure of(long id, ExecutionControl.ExecutionControlException e, boolean interrupted) {
        String name = e.getClass().getName();
        if (e instanceof ExecutionControl.UserException u) {
            return new Message.Failure(
                    id,
                    interrupted ? FailureKind.STOPPED : FailureKind.USER_EXCEPTION,
                    u.causeExceptionClass(),
                    u.getMessage(),
                    Throwables.chain(u),
                    0);
        }
        if (e instanceof ExecutionControl.ResolutionException r) {
            return new Message.Failure(id, FailureKind.RESOLUTION, name, r.getMessage(), Throwables.chain(r), r.id());
        }
        if (e instanceof ExecutionControl.StoppedException) {
            return new Message.Failure(id, FailureKind.STOPPED, name, "stopped", new Thrown[0], 0);
        }
        if (e instanceof ExecutionControl.ClassInstallException) {
            return new Message.Failure(id, FailureKind.CLASS_INSTALL, name, e.getMessage(), Throwables.chain(e), 0);
        }
        if (e instanceof ExecutionControl.NotImplementedException) {
            return new Message.Failure(id, FailureKind.NOT_IMPLEMENTED, name, e.getMessage(), new Thrown[0], 0);
        }
        return new Message.Failure(
                id,
                FailureKind.INTERNAL,
                name,
                "the worker's snippet engine failed on this snippet: " + e,
                Throwables.chain(e),
                0);
    }
}
