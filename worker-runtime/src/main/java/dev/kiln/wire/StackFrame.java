package dev.kiln.wire;

/** One stack trace element, as data. */
public record StackFrame(String className, String methodName, String fileName, int line) {
    public static StackFrame of(StackTraceElement e) {
        return new StackFrame(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
    }

    public StackTraceElement toElement() {
        return new StackTraceElement(className, methodName, fileName, line);
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
            out[i] = frames[i].toElement();
        }
        return out;
    }
}
