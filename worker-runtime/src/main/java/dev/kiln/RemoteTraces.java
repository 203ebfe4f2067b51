package dev.kiln;

import dev.kiln.eval.EvaluationException;
import dev.kiln.wire.StackFrame;
import dev.kiln.wire.Thrown;
import java.util.ArrayList;
import java.util.List;

/**
 * Stack traces from a worker as the API gives them: {@link RemoteException} chains whose frames
 * are marked as the user's code or machinery, and their text as the JDK and jshell print it.
 */
final class RemoteTraces {
    /** Packages of the machinery that runs the user's code: reflection, JShell's engine, Kiln's internals. */
    private static final List<String> MACHINERY = List.of(
            "jdk.internal.reflect.",
            "java.lang.reflect.",
            "java.lang.invoke.",
            "jdk.jshell.execution.",
            "jdk.jshell.spi.",
            "dev.kiln.worker.",
            "dev.kiln.wire.",
            "dev.kiln.concurrent.",
            "dev.kiln.host.",
            "dev.kiln.eval.",
            "dev.kiln.launch.",
            "dev.kiln.os.",
            "dev.kiln.platform.");
    /** The worker's side of Kiln: it runs snippets and calls, so every frame under it is the thread's machinery. */
    private static final String WORKER_SIDE = "dev.kiln.worker.";

    private RemoteTraces() {}

    /** A chain a call (or the worker's engine) reported: frames as the worker sent them. */
    static RemoteException of(Thrown[] chain, String className, String message) {
        List<Link> links = new ArrayList<>();
        for (Thrown t : Thrown.bounded(chain)) {
            List<RemoteFrame> frames = new ArrayList<>();
            for (StackFrame f : t.frames()) {
                StackFrame k = StackFrame.orUnknown(f);
                frames.add(new RemoteFrame(k.className(), k.methodName(), k.fileName(), k.line(), null, 0, false));
            }
            links.add(new Link(t.className(), t.message(), frames));
        }
        if (links.isEmpty()) {
            links.add(new Link(className, message, List.of()));
        }
        return build(links);
    }

    /** A chain an evaluation reported: snippet frames in snippet terms, with their lines in the evaluated source. */
    static RemoteException of(List<EvaluationException.Thrown> chain) {
        List<Link> links = new ArrayList<>();
        for (EvaluationException.Thrown t : chain) {
            List<RemoteFrame> frames = new ArrayList<>();
            for (EvaluationException.Frame f : t.frames()) {
                frames.add(new RemoteFrame(
                        f.className(), f.methodName(), f.fileName(), f.line(), f.snippetId(), f.sourceLine(), false));
            }
            links.add(new Link(t.className(), t.message(), frames));
        }
        return build(links);
    }

    private record Link(String className, String message, List<RemoteFrame> frames) {}

    private static RemoteException build(List<Link> links) {
        RemoteException cause = null;
        for (int i = links.size() - 1; i >= 0; i--) {
            Link l = links.get(i);
            String name = l.className() == null ? "?" : l.className();
            cause = new RemoteException(name, l.message(), marked(l.frames()), cause);
        }
        return cause;
    }

    /** The frames with the machinery marked: by package, and every frame under the worker's own code. */
    static List<RemoteFrame> marked(List<RemoteFrame> frames) {
        List<RemoteFrame> out = new ArrayList<>(frames.size());
        boolean underWorker = false;
        for (RemoteFrame f : frames) {
            boolean machinery = underWorker || (!f.isSnippet() && isMachinery(f.className()));
            underWorker |= !f.isSnippet() && f.className().startsWith(WORKER_SIDE);
            out.add(new RemoteFrame(
                    f.className(),
                    f.methodName(),
                    f.fileName(),
                    f.lineNumber(),
                    f.snippetId(),
                    f.sourceLine(),
                    machinery));
        }
        return out;
    }

    private static boolean isMachinery(String className) {
        for (String p : MACHINERY) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** {@code java.lang.ArithmeticException: / by zero}, or the class alone when there is no message. */
    static String heading(String className, String message) {
        return message == null ? className : className + ": " + message;
    }

    /**
     * The trace of an exception and its causes, as the JDK prints one: a heading, a tab-indented
     * {@code at} line per frame of the user's code, then {@code Caused by:} and each cause's frames,
     * with the frames it shares with the exception it caused counted as {@code ... n more}.
     */
    static String text(String className, String message, List<RemoteFrame> frames, RemoteException cause) {
        StringBuilder sb = new StringBuilder(heading(className, message)).append('\n');
        appendFrames(sb, frames, frames.size());
        List<RemoteFrame> enclosing = frames;
        for (RemoteException c = cause; c != null; c = c.getCause()) {
            List<RemoteFrame> own = c.frames();
            int common = 0;
            while (common < own.size()
                    && common < enclosing.size()
                    && own.get(own.size() - 1 - common).equals(enclosing.get(enclosing.size() - 1 - common))) {
                common++;
            }
            sb.append("Caused by: ")
                    .append(heading(c.exceptionClassName(), c.remoteMessage()))
                    .append('\n');
            appendFrames(sb, own, own.size() - common);
            long hidden = own.subList(own.size() - common, own.size()).stream()
                    .filter(f -> !f.machinery())
                    .count();
            if (hidden > 0) {
                sb.append("\t... ").append(hidden).append(" more\n");
            }
            enclosing = own;
        }
        return sb.toString();
    }

    private static void appendFrames(StringBuilder sb, List<RemoteFrame> frames, int count) {
        for (int i = 0; i < count; i++) {
            RemoteFrame f = frames.get(i);
            if (!f.machinery()) {
                sb.append("\tat ").append(f).append('\n');
            }
        }
    }
}
