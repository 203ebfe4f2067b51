package dev.kiln.eval;

import dev.kiln.concurrent.KilnThreads;
import dev.kiln.wire.FailureKind;
import dev.kiln.wire.Message;
import dev.kiln.wire.Thrown;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates Java source for one worker: a host-side {@link JShell} whose execution engine
 * is the worker (see {@link HostExecutionControl}). JShell is not thread-safe, so one
 * thread per worker does all of its work: evaluations run one at a time, in submission
 * order, and completions wait their turn. Closing it frees the host-side JShell state
 * (which grows with every snippet).
 */
public final class Evaluator implements AutoCloseable {
    private final HostExecutionControl ec;
    private final SnippetTraces traces = new SnippetTraces();
    private final ExecutorService thread;
    private final String workerName;
    /** The worker's user class path, for the compiler; read and grown on the evaluator's thread only. */
    private final List<Path> classpath;

    private JShell jshell;
    /** Whether this evaluator's JShell came from {@link SpareShell} and the next spare is still to be asked for. */
    private boolean replenish;

    private volatile boolean closed;
    /** Evaluations numbered in submission order: which one runs, which was interrupted. */
    private final java.util.concurrent.atomic.AtomicLong submitted = new java.util.concurrent.atomic.AtomicLong();

    private final SessionLog log;
    /** What the snippets have declared, as of the last snippet evaluated. */
    private volatile Declared declared = Declared.NONE;

    private volatile long started;
    private volatile long finished;
    private volatile long interruptTarget;

    /**
     * The evaluator of one worker; its JShell is built on first use, or ahead by {@link #prepare()}.
     *
     * @param channel      how requests reach the worker
     * @param classpath    the worker's user class path, for the compiler
     * @param valueDecoder turns a snippet value as it came over the wire into the caller's value
     * @param log          where each evaluation is recorded once it has an outcome
     */
    public Evaluator(
            String workerName,
            RequestChannel channel,
            List<Path> classpath,
            Function<Object, Object> valueDecoder,
            SessionLog log) {
        this.workerName = workerName;
        this.log = log;
        this.classpath = new ArrayList<>(classpath);
        this.ec = new HostExecutionControl(this::interrupted, channel, valueDecoder);
        this.thread = Executors.newSingleThreadExecutor(KilnThreads.factory("kiln-jshell-" + workerName + "-"));
    }

    /**
     * Gets the JShell now, in the background (the host's spare one, see {@link SpareShell}, or one
     * built now: its compiler state and the default imports), so that the first evaluation only
     * compiles its own snippet. The future completes when it is there.
     */
    public CompletableFuture<Void> prepare() {
        return CompletableFuture.runAsync(this::shell, thread);
    }

    /**
     * Adds entries to the class path snippets compile against, in turn with evaluations: the ones queued
     * after this see them (the worker must have them already, or those snippets compile and fail to run).
     */
    public CompletableFuture<Void> addToClasspath(List<Path> entries) {
        List<Path> added = List.copyOf(entries);
        return CompletableFuture.runAsync(
                () -> {
                    classpath.addAll(added);
                    if (jshell != null) {
                        for (Path p : added) {
                            jshell.addToClasspath(p.toString());
                        }
                    }
                },
                thread);
    }

    /** Queues an evaluation; the future completes in submission order. */
    public CompletableFuture<Evaluation> evaluate(String source) {
        long seq = submitted.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> runNumbered(seq, source), thread);
    }

    private Evaluation runNumbered(long seq, String source) {
        started = seq;
        java.time.Instant at = java.time.Instant.now();
        long t0 = System.nanoTime();
        try {
            Evaluation e = run(source);
            log.add(new SessionLog.Ran(source, at, e.duration(), e, null));
            return e;
        } catch (RuntimeException e) {
            log.add(new SessionLog.Ran(source, at, Duration.ofNanos(System.nanoTime() - t0), null, e));
            throw e;
        } finally {
            finished = seq;
            replenishSpare();
        }
    }

    /** Once the first evaluation is over: the host evaluates, so its next worker will find a JShell ready. */
    private void replenishSpare() {
        if (replenish) {
            replenish = false;
            SpareShell.replenish();
        }
    }

    /** What the snippets have declared so far; any thread, even while an evaluation runs. */
    public Declared declared() {
        return declared;
    }

    /**
     * Evaluates one expression whose value must be a BlockingQueue and binds it as a channel
     * in the worker; the future gives the channel id.
     */
    public CompletableFuture<Long> channel(String source) {
        long seq = submitted.incrementAndGet();
        return CompletableFuture.supplyAsync(
                () -> {
                    started = seq;
                    SourceCodeAnalysis.CompletionInfo info =
                            shell().sourceCodeAnalysis().analyzeCompletion(source);
                    if (!info.remaining().isBlank()) {
                        throw new IllegalArgumentException(
                                "channel source must be a single expression, got: " + source);
                    }
                    ec.channelNext = true;
                    try {
                        return (Long) run(source).value();
                    } finally {
                        ec.channelNext = false;
                        finished = seq;
                        replenishSpare();
                    }
                },
                thread);
    }

    /** Completion candidates at {@code cursor} in {@code source}. */
    public CompletableFuture<List<Suggestion>> complete(String source, int cursor) {
        return CompletableFuture.supplyAsync(() -> completions(source, cursor), thread);
    }

    /**
     * The signatures of what is at {@code cursor} in {@code source} (the overloads of the method
     * being called, a type, a variable), in turn with evaluations; with {@code javadoc}, each with
     * its Javadoc when the sources are at hand (the host JDK's {@code lib/src.zip}, for the JDK).
     */
    public CompletableFuture<List<Signature>> signatures(String source, int cursor, boolean javadoc) {
        return CompletableFuture.supplyAsync(() -> documentation(source, cursor, javadoc), thread);
    }

    /** Marks the evaluation that is about to invoke as interrupted (closes the race with compilation). */
    public void interruptPending() {
        long s = started;
        long f = finished;
        if (s > f) {
            interruptTarget = s; // one is running: compiling, waiting for JShell, or in the worker
        } else if (submitted.get() > f) {
            interruptTarget = f + 1; // queued but not yet picked up: it is the one the user sees running
        }
    }

    /** True when the evaluation now running was interrupted (checked before each snippet runs in the worker). */
    boolean interrupted() {
        return interruptTarget == started && started > finished;
    }

    private JShell shell() {
        if (closed) {
            throw EvaluationException.engine("worker " + workerName + " has been stopped; its evaluator is closed");
        }
        if (jshell == null) {
            JShell js = SpareShell.take(ec);
            for (Path p : classpath) {
                js.addToClasspath(p.toString());
            }
            replenish = true;
            jshell = js;
        }
        return jshell;
    }

    private Evaluation run(String source) {
        long t0 = System.nanoTime();
        JShell js = shell();
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        traces.clear();
        String remaining = source;
        int base = 0;
        Object value = null;
        String valueText = "";
        String display = "";
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            int consumed = remaining.length() - info.remaining().length();
            if (consumed <= 0) {
                consumed = remaining.length();
            }
            String chunk = remaining.substring(0, consumed);
            int lead = leadingWhitespace(chunk);
            String snippetSource = info.completeness() == SourceCodeAnalysis.Completeness.EMPTY ? "" : info.source();
            if (snippetSource == null || snippetSource.isBlank()) {
                snippetSource = chunk;
            }
            if (!snippetSource.isBlank()) {
                ec.resetOutcome();
                // Without its leading blank lines: JShell counts a snippet's lines (in traces and diagnostics)
                // from its first non-blank character, which is at base + lead in the source.
                List<SnippetEvent> events = js.eval(snippetSource.stripLeading());
                SnippetEvent main = null;
                for (SnippetEvent e : events) {
                    if (e.causeSnippet() == null) {
                        traces.placed(e.snippet().id(), lineOf(source, base + lead));
                        if (main == null) {
                            main = e;
                        }
                    }
                }
                if (main == null) {
                    throw EvaluationException.engine("JShell produced no event for: " + snippetSource.strip());
                }
                declared = Declared.of(js, ec);
                checkOutcome(js, main, source, base + lead);
                value = ec.lastValue;
                valueText = main.value() == null ? "" : main.value();
                display = describe(main);
            }
            base += consumed;
            remaining = info.remaining();
        }
        return new Evaluation(source, value, valueText, display, Duration.ofNanos(System.nanoTime() - t0));
    }

    private void checkOutcome(JShell js, SnippetEvent e, String source, int offset) {
        if (ec.lastError != null) {
            throw ec.lastError;
        }
        if (e.status() == Snippet.Status.REJECTED) {
            List<EvaluationException.Diagnostic> diags = new ArrayList<>();
            js.diagnostics(e.snippet()).filter(Diag::isError).forEach(d -> diags.add(diagnostic(d, source, offset)));
            if (diags.isEmpty()) {
                diags.add(new EvaluationException.Diagnostic(
                        lineOf(source, offset),
                        columnOf(source, offset),
                        offset,
                        offset,
                        "the snippet was rejected: " + e.snippet().source().strip()));
            }
            throw EvaluationException.compile(diags);
        }
        Message.Failure f = ec.lastFailure;
        if (f != null && f.kind() == FailureKind.STOPPED) {
            throw EvaluationException.interrupted("evaluation interrupted in worker " + workerName);
        }
        JShellException ex = e.exception();
        if (ex instanceof EvalException ee) {
            Thrown[] raw = f != null && f.chain() != null && f.chain().length > 0
                    ? f.chain()
                    : Thrown.only(ee.getExceptionClassName(), ee.getMessage());
            throw EvaluationException.thrown(traces.chain(ee, raw));
        }
        if (ex instanceof UnresolvedReferenceException ure) {
            String message = "attempted to use " + describeSnippet(ure.getSnippet())
                    + ", which cannot be invoked until "
                    + String.join(
                            ", ", js.unresolvedDependencies(ure.getSnippet()).toList()) + " is declared";
            throw EvaluationException.thrown(
                    SnippetTraces.raw(Thrown.only(UnresolvedReferenceException.class.getName(), message)));
        }
        if (f != null) {
            // The engine failed, not the snippet: the worker's words for it head the chain of what was thrown.
            Thrown[] raw = Thrown.bounded(f.chain());
            raw = raw.length == 0 ? Thrown.only(f.className(), f.message()) : raw;
            raw[0] = new Thrown(f.className(), f.message(), raw[0].frames());
            throw EvaluationException.thrown(SnippetTraces.raw(raw));
        }
        if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            // Declared, usable once its missing dependencies exist (as in jshell): not an error.
            return;
        }
    }

    private static String describe(SnippetEvent e) {
        Snippet s = e.snippet();
        boolean created = e.previousStatus() == Snippet.Status.NONEXISTENT;
        String verb = created ? "created" : e.isSignatureChange() ? "replaced" : "modified";
        if (s instanceof VarSnippet v) {
            return v.name() + " ==> " + (e.value() == null ? "" : e.value());
        }
        if (s instanceof MethodSnippet m) {
            return verb + " method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (s instanceof TypeDeclSnippet t) {
            String kind = switch (t.subKind()) {
                case INTERFACE_SUBKIND -> "interface";
                case ENUM_SUBKIND -> "enum";
                case ANNOTATION_TYPE_SUBKIND -> "annotation interface";
                case RECORD_SUBKIND -> "record";
                default -> "class";
            };
            return verb + " " + kind + " " + t.name();
        }
        if (s.kind() == Snippet.Kind.EXPRESSION && e.value() != null) {
            return e.value();
        }
        return "";
    }

    private static String describeSnippet(Snippet s) {
        if (s instanceof MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (s instanceof TypeDeclSnippet t) {
            return "class " + t.name();
        }
        if (s instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        return s.source().strip();
    }

    private static EvaluationException.Diagnostic diagnostic(Diag d, String source, int offset) {
        long pos = d.getPosition() >= 0 ? d.getPosition() : Math.max(0, d.getStartPosition());
        int abs = clamp(offset + (int) pos, source.length());
        int start = clamp(offset + (int) Math.max(0, d.getStartPosition()), source.length());
        int end = clamp(offset + (int) Math.max(d.getEndPosition(), d.getStartPosition()), source.length());
        return new EvaluationException.Diagnostic(
                lineOf(source, abs), columnOf(source, abs), start, end, d.getMessage(Locale.ROOT));
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }

    static int lineOf(String s, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int columnOf(String s, int offset) {
        int nl = s.lastIndexOf('\n', Math.max(0, offset - 1));
        if (offset == 0) {
            return 1;
        }
        return offset - (nl < 0 ? 0 : nl + 1) + 1;
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private List<Suggestion> completions(String source, int cursor) {
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        int at = clamp(cursor, source.length());
        int base = snippetStart(analysis, source, at);
        int[] anchor = new int[1];
        List<Suggestion> out = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion s :
                analysis.completionSuggestions(source.substring(base), at - base, anchor)) {
            out.add(new Suggestion(base + anchor[0], s.continuation(), s.matchesType()));
        }
        return out;
    }

    private List<Signature> documentation(String source, int cursor, boolean javadoc) {
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        int at = clamp(cursor, source.length());
        int base = snippetStart(analysis, source, at);
        List<Signature> out = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation d : analysis.documentation(source.substring(base), at - base, javadoc)) {
            out.add(new Signature(d.signature(), d.javadoc()));
        }
        return out;
    }

    /** Where the snippet that contains {@code cursor} starts: after the complete snippets before it. */
    private static int snippetStart(SourceCodeAnalysis analysis, String source, int cursor) {
        String before = source.substring(0, cursor);
        int base = 0;
        while (!before.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(before);
            if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
                    && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) {
                break;
            }
            int consumed = before.length() - info.remaining().length();
            if (consumed <= 0 || info.remaining().isBlank()) {
                break;
            }
            base += consumed;
            before = info.remaining();
        }
        return base;
    }

    /** Frees the host-side JShell state. Queued evaluations fail. */
    @Override
    public void close() {
        closed = true;
        thread.execute(() -> {
            if (jshell != null) {
                try {
                    jshell.close();
                } catch (RuntimeException ignored) {
                    // closing a JShell whose engine is gone
                }
                jshell = null;
            }
        });
        thread.shutdown();
    }
}
