package dev.kiln.app.model;

import dev.kiln.ThreadSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Threads of a worker that stand at the same place: the same state and the same stack, frame for
 * frame (as VisualVM's thread view and {@code jstack} readers group them). Twenty pool threads
 * waiting for work are one group; the thread that runs the snippet is a group of its own, first.
 *
 * @param state      the threads' state
 * @param frames     their stack, innermost call first
 * @param threads    the threads, in the order the worker listed them
 */
public record StackGroup(Thread.State state, List<String> frames, List<ThreadSnapshot> threads) {
    public StackGroup {
        frames = List.copyOf(frames);
        threads = List.copyOf(threads);
    }

    /** Whether a thread of the group runs the current snippet or a call. */
    public boolean runsRequest() {
        return threads.stream().anyMatch(ThreadSnapshot::runsRequest);
    }

    /** Whether a thread of the group is in a deadlock. */
    public boolean deadlocked() {
        return threads.stream().anyMatch(ThreadSnapshot::deadlocked);
    }

    /**
     * The group's title line: what marks it, how many threads, their state and names
     * ({@code runs the snippet · 1 thread · RUNNABLE · kiln-eval-1}).
     */
    public String title() {
        StringBuilder sb = new StringBuilder();
        if (threads.stream().anyMatch(t -> t.role() == ThreadSnapshot.Role.SNIPPET)) {
            sb.append("runs the snippet · ");
        } else if (threads.stream().anyMatch(t -> t.role() == ThreadSnapshot.Role.CALL)) {
            sb.append("runs a call · ");
        }
        if (deadlocked()) {
            sb.append("DEADLOCKED · ");
        }
        sb.append(threads.size()).append(threads.size() == 1 ? " thread · " : " threads · ");
        sb.append(state).append(" · ");
        List<String> names = threads.stream().map(ThreadSnapshot::name).toList();
        String joined = String.join(", ", names.subList(0, Math.min(4, names.size())));
        sb.append(joined);
        if (names.size() > 4) {
            sb.append(", … ").append(names.size() - 4).append(" more");
        }
        return sb.toString();
    }

    /**
     * The threads grouped by identical stacks: groups that run the snippet or a call first, then
     * deadlocked ones, then the largest; groups of equal rank in the order their first thread came.
     */
    public static List<StackGroup> of(List<ThreadSnapshot> threads) {
        Map<List<Object>, List<ThreadSnapshot>> byStack = new LinkedHashMap<>();
        for (ThreadSnapshot t : threads) {
            // A thread that runs the snippet or a call stays apart even from a twin: it is what the user looks for.
            Object apart = t.runsRequest() ? (Object) t.id() : "";
            byStack.computeIfAbsent(List.of(t.state(), t.frames(), apart), k -> new ArrayList<>())
                    .add(t);
        }
        List<StackGroup> groups = new ArrayList<>();
        for (List<ThreadSnapshot> same : byStack.values()) {
            groups.add(new StackGroup(same.get(0).state(), same.get(0).frames(), same));
        }
        groups.sort(Comparator.comparing((StackGroup g) -> !g.runsRequest())
                .thenComparing(g -> !g.deadlocked())
                .thenComparing(g -> -g.threads().size()));
        return List.copyOf(groups);
    }

    /**
     * The threads as {@code jstack} prints them, for a bug report or a search: a header naming the
     * worker, then each thread, then the deadlocked ones named again.
     */
    public static String jstack(String worker, List<ThreadSnapshot> threads) {
        StringBuilder sb = new StringBuilder("Threads of ").append(worker).append('\n');
        for (ThreadSnapshot t : threads) {
            sb.append('\n').append(t.toJstack());
        }
        List<ThreadSnapshot> dead =
                threads.stream().filter(ThreadSnapshot::deadlocked).toList();
        if (!dead.isEmpty()) {
            sb.append("\nFound a Java-level deadlock:\n");
            for (ThreadSnapshot t : dead) {
                sb.append("\"")
                        .append(t.name())
                        .append("\": waiting to lock <")
                        .append(t.lockName())
                        .append(">, which is held by \"")
                        .append(t.lockOwnerName())
                        .append("\"\n");
            }
        }
        return sb.toString();
    }
}
