package dev.kiln;

import dev.kiln.eval.Declared;
import dev.kiln.host.Periodic;
import dev.kiln.host.WorkerLink;
import dev.kiln.wire.Message;
import dev.kiln.wire.StackFrame;
import dev.kiln.wire.ThreadData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a worker holds and does, asked while it runs: its figures (stats, flags), its threads, its heap by
 * class, the snippets' variables (all answered by the worker's control path, off the thread that runs
 * code) and their declarations (known to the host's JShell).
 */
final class Introspection {
    private final WorkerLink link;
    private final Supplier<Declared> declared;

    Introspection(WorkerLink link, Supplier<Declared> declared) {
        this.link = link;
        this.declared = declared;
    }

    /** A stats sample: the worker's figures and what the OS says of the process. */
    CompletableFuture<WorkerStats> stats() {
        return link.request(Message.StatsRequest::new).thenCompose(reply -> Replies.stats(reply, link.process()));
    }

    /** A sample every {@code period} while {@code active} says so, until closed or the worker exits. */
    Subscription onStats(Duration period, BooleanSupplier active, Consumer<WorkerStats> listener) {
        return Periodic.every("stats", period, link.exit(), active, this::stats, listener)::run;
    }

    /** The worker JVM's input arguments, asked once. */
    CompletableFuture<List<String>> flags() {
        return link.askOnce(Message.FlagsRequest::new).thenApply(Replies::flags);
    }

    CompletableFuture<List<ThreadSnapshot>> threads(boolean all) {
        return link.request(id -> new Message.ThreadsRequest(id, all)).thenApply(reply -> {
            ThreadData[] threads = answer(reply, Message.Threads.class).threads();
            List<ThreadSnapshot> out = new ArrayList<>();
            for (ThreadData t : threads == null ? new ThreadData[0] : threads) {
                out.add(snapshot(t));
            }
            // What the worker is busy with first, then the user's threads, then Kiln's and the JVM's.
            out.sort((a, b) -> Integer.compare(a.role().ordinal(), b.role().ordinal()));
            return List.copyOf(out);
        });
    }

    private static ThreadSnapshot snapshot(ThreadData t) {
        List<String> frames = new ArrayList<>();
        for (StackFrame f : t.frames() == null ? new StackFrame[0] : t.frames()) {
            frames.add(StackFrame.orUnknown(f).toElement().toString());
        }
        Thread.State state;
        try {
            state = Thread.State.valueOf(t.state());
        } catch (RuntimeException e) {
            state = Thread.State.RUNNABLE; // a state this JDK does not know of
        }
        return new ThreadSnapshot(
                t.id(),
                String.valueOf(t.name()),
                state,
                t.daemon(),
                t.cpuNanos() < 0 ? Duration.ZERO : Duration.ofNanos(t.cpuNanos()),
                t.lockName() == null ? "" : t.lockName(),
                t.lockOwnerId(),
                t.lockOwnerName() == null ? "" : t.lockOwnerName(),
                frames,
                t.locksHeld() == null ? List.of() : Arrays.asList(t.locksHeld()),
                t.role() == null
                        ? ThreadSnapshot.Role.INTERNAL
                        : ThreadSnapshot.Role.valueOf(t.role().name()),
                t.deadlocked());
    }

    CompletableFuture<List<HeapHistogramEntry>> heapHistogram() {
        return link.request(Message.HistogramRequest::new).thenApply(reply -> {
            Message.Histogram h = answer(reply, Message.Histogram.class);
            int n = Math.min(h.classNames().length, Math.min(h.instances().length, h.bytes().length));
            List<HeapHistogramEntry> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new HeapHistogramEntry(h.classNames()[i], h.instances()[i], h.bytes()[i]));
            }
            return List.copyOf(out);
        });
    }

    CompletableFuture<List<SnippetVariable>> variables() {
        List<Declared.Variable> vars = declared.get().variables();
        String[] classes = vars.stream()
                .map(v -> v.className() == null ? "" : v.className())
                .toArray(String[]::new);
        String[] fields = vars.stream()
                .map(v -> v.fieldName() == null ? "" : v.fieldName())
                .toArray(String[]::new);
        return link.request(id -> new Message.VariablesRequest(id, classes, fields))
                .thenApply(reply -> {
                    String[] texts = answer(reply, Message.VariableValues.class).texts();
                    List<SnippetVariable> out = new ArrayList<>(vars.size());
                    for (int i = 0; i < vars.size(); i++) {
                        String text = texts != null && i < texts.length && texts[i] != null ? texts[i] : "";
                        out.add(new SnippetVariable(
                                vars.get(i).name(), vars.get(i).typeName(), Declared.expunge(text)));
                    }
                    return List.copyOf(out);
                });
    }

    List<SnippetDeclaration> declarations() {
        return declared.get().items().stream()
                .map(d -> new SnippetDeclaration(
                        SnippetDeclaration.Kind.valueOf(d.kind().name()), d.name(), d.text(), d.source()))
                .toList();
    }

    /** The reply as the type asked for, or the exception its failure stands for. */
    private static <T extends Message> T answer(Message reply, Class<T> type) {
        if (type.isInstance(reply)) {
            return type.cast(reply);
        }
        if (reply instanceof Message.Failure f) {
            throw new KilnException(f.message());
        }
        throw new KilnException(
                "the worker answered with " + reply.getClass().getSimpleName() + ", not " + type.getSimpleName());
    }
}
