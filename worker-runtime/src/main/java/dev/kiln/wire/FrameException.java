package dev.kiln.wire;

import java.io.IOException;

/** A frame or message that breaks the protocol. The connection that received it is closed. */
public class FrameException extends IOException {
    public FrameException(String message) {
        super(message);
    }

    public FrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
