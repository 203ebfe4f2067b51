package dev.kiln.worker;

import dev.kiln.wire.FailureKind;
import dev.kiln.wire.Message;
import dev.kiln.wire.Thrown;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The worker's heap by class, as {@code jmap -histo:live} shows it, taken inside the worker
 * through HotSpot's {@code DiagnosticCommand} MBean ({@code GC.class_histogram}): no attach.
 * It runs a full collection first, so it counts live objects only.
 */
final class ClassHistogram {
    /** Most classes sent, largest first. */
    static final int MAX_CLASSES = 100;

    /** {@code   1:          1416      100071888  [B (java.base@17.0.15)}: rank, instances, bytes, class name. */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private ClassHistogram() {}

    /** The reply to a histogram request: the histogram, or a failure that says why the JVM cannot give one. */
    static Message take(long id) {
        String text;
        try {
            text = DiagnosticCommand.classHistogram();
        } catch (DiagnosticCommand.Missing | LinkageError e) {
            // LinkageError: java.management is not in this runtime at all.
            String why = "this worker's JVM (" + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.vm.version") + ") has no HotSpot DiagnosticCommand MBean, so it"
                    + " cannot count its heap by class; start the worker on a HotSpot JDK (OpenJDK, Temurin,"
                    + " Oracle...) whose runtime includes the java.management and jdk.management modules";
            return failure(id, FailureKind.NOT_IMPLEMENTED, e, why);
        } catch (Exception e) {
            return failure(id, FailureKind.INTERNAL, e, "the worker's JVM could not take a class histogram: " + e);
        }
        return parse(id, text);
    }

    /** The MBean, in a class of its own: this one loads even where {@code javax.management} is absent. */
    private static final class DiagnosticCommand {
        /** The JVM has no such MBean (not HotSpot, or no jdk.management). */
        static final class Missing extends Exception {
            private static final long serialVersionUID = 1L;

            Missing(Throwable cause) {
                super(cause.toString(), cause);
            }
        }

        static String classHistogram() throws Missing, JMException {
            try {
                return (String) ManagementFactory.getPlatformMBeanServer()
                        .invoke(
                                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                                "gcClassHistogram",
                                new Object[] {new String[0]},
                                new String[] {String[].class.getName()});
            } catch (InstanceNotFoundException e) {
                throw new Missing(e);
            }
        }
    }

    static Message.Histogram parse(long id, String text) {
        List<String> names = new ArrayList<>();
        List<long[]> figures = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                names.add(m.group(3));
                figures.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                if (names.size() == MAX_CLASSES) {
                    break;
                }
            }
        }
        long[] instances = new long[names.size()];
        long[] bytes = new long[names.size()];
        for (int i = 0; i < names.size(); i++) {
            instances[i] = figures.get(i)[0];
            bytes[i] = figures.get(i)[1];
        }
        return new Message.Histogram(id, names.toArray(new String[0]), instances, bytes);
    }

    private static Message failure(long id, FailureKind kind, Throwable t, String why) {
        return new Message.Failure(
                id, kind, t.getClass().getName(), why, Thrown.only(t.getClass().getName(), why), 0);
    }
}
