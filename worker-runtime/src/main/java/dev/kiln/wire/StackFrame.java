package dev.kiln.wire;

/** One stack trace element, as data. */
public record StackFrame(String className, String methodName, String fileName, int line) {
    private static final StackFrame UNKNOWN = new StackFrame("?", "?", null, -1);

    public static StackFrame of(StackTraceElement e) {
        return new StackFrame(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
    }

    /** The frame, with "?" for what a peer left out (a frame off the wire may hold nulls). */
    public static StackFrame orUnknown(StackFrame f) {
        if (f == null) {
            return UNKNOWN;
        }
        if (f.className == null || f.methodName == null) {
            return new StackFrame(
                    f.className == null ? "?" : f.className,
                    f.methodName == null ? "?" : f.methodName,
                    f.fileName,
                    f.line);
        }
        return f;
    }

    public StackTraceElement toElement() {
        StackFrame f = orUnknown(this);
        return new StackTraceElement(f.className, f.methodName, f.fileName, f.line);
    }

    public static StackFrame[] of(StackTraceElement[] trace) {
        StackFrame[] out = new StackFrame[trace.length];
        for (int i = 0; i < trace.length; i++) {
            out[i] = of(trace[i]);
        }
        return out;
    }

    public static StackTraceElement[] toElements(StackFrame[] frames) {
        if (frames == null) {
            return new StackTraceElement[0];
        }
        StackTraceElement[] out = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            out[i] = orUnknown(frames[i]).toElement();
        }
        return out;
    }
}
