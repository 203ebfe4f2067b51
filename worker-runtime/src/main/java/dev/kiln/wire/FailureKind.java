package dev.kiln.wire;

/** Why a request failed in the worker. Mirrors the failure types of JShell's ExecutionControl SPI. */
public enum FailureKind {
    /** The user's code threw. */
    USER_EXCEPTION,
    /** The user's code was stopped by an interrupt. */
    STOPPED,
    /** A snippet referenced an unresolved declaration (causeId = its snippet id). */
    RESOLUTION,
    /** Snippet classes could not be installed. */
    CLASS_INSTALL,
    /** The request is not supported by this worker. */
    NOT_IMPLEMENTED,
    /** The call payload could not be read (class missing, not serializable...). */
    BAD_REQUEST,
    /** Something went wrong inside Kiln's worker code. */
    INTERNAL
}
