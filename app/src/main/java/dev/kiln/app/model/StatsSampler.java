package dev.kiln.app.model;

import dev.kiln.WorkerStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How the workbench keeps its workers' figures fresh: one tick a second for all of them, not a timer
 * per worker. At each tick the watched worker (the selected one: its charts and details show its
 * figures) is asked if its previous answer is in; every other live worker only every
 * {@link #BACKGROUND_EVERY} ticks (its memory in the worker list). Answers that arrive together reach
 * the UI in one post. {@link #tick()} runs on the UI thread; {@link #start()} drives it from the app's
 * timer ({@link Ticks}), tests call it themselves.
 *
 * @param <W> a worker (the workbench's {@link WorkerViewModel})
 */
public final class StatsSampler<W> {
    /** How often the sampler looks at its workers: the watched worker's sample period. */
    public static final Duration TICK = Duration.ofSeconds(1);
    /** A worker that is not watched is asked every this many ticks. */
    public static final int BACKGROUND_EVERY = 5;

    private final Ui ui;
    private final Supplier<List<W>> workers;
    private final Supplier<W> watched;
    private final Predicate<W> live;
    private final Function<W, CompletableFuture<WorkerStats>> ask;
    private final BiConsumer<W, WorkerStats> deliver;

    /** The tick each worker was last asked at; a worker absent has not been asked (UI thread). */
    private final Map<W, Long> askedAt = new HashMap<>();
    /** Workers whose answer is on its way (UI thread): not asked again until it is in. */
    private final Set<W> waiting = new HashSet<>();

    private final Queue<Answer<W>> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean deliveryPosted = new AtomicBoolean();
    private long tick;
    private ScheduledFuture<?> timer;

    private record Answer<W>(W worker, WorkerStats stats) {}

    /**
     * @param workers the workers, read on the UI thread
     * @param watched the worker whose figures are on screen, or null
     * @param live    whether a worker can answer (started and running)
     * @param ask     asks a worker for a sample (returns at once)
     * @param deliver hands a sample to its worker (UI thread)
     */
    public StatsSampler(
            Ui ui,
            Supplier<List<W>> workers,
            Supplier<W> watched,
            Predicate<W> live,
            Function<W, CompletableFuture<WorkerStats>> ask,
            BiConsumer<W, WorkerStats> deliver) {
        this.ui = ui;
        this.workers = workers;
        this.watched = watched;
        this.live = live;
        this.ask = ask;
        this.deliver = deliver;
    }

    /** Ticks every {@link #TICK} on the UI thread until {@link #stop()}. */
    public synchronized void start() {
        if (timer == null) {
            timer = Ticks.every(TICK, ui, this::tick);
        }
    }

    /** Asks no worker any more (a sample on its way is still delivered). */
    public synchronized void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** One tick (UI thread): asks each worker that is due, and forgets workers no longer listed. */
    public void tick() {
        tick++;
        List<W> all = workers.get();
        askedAt.keySet().retainAll(all);
        W shown = watched.get();
        for (W w : all) {
            if (waiting.contains(w) || !live.test(w)) {
                continue;
            }
            Long last = askedAt.get(w);
            long every = w.equals(shown) ? 1 : BACKGROUND_EVERY;
            if (last != null && tick - last < every) {
                continue;
            }
            askedAt.put(w, tick);
            waiting.add(w);
            CompletableFuture<WorkerStats> asked;
            try {
                asked = ask.apply(w);
            } catch (RuntimeException e) {
                asked = CompletableFuture.failedFuture(e);
            }
            asked.whenComplete((s, err) -> arrived(new Answer<>(w, err == null ? s : null)));
        }
    }

    /** Any thread: queues the answer, and posts one delivery for all answers queued until it runs. */
    private void arrived(Answer<W> a) {
        answers.add(a);
        if (deliveryPosted.compareAndSet(false, true)) {
            ui.post(this::deliverAll);
        }
    }

    private void deliverAll() {
        deliveryPosted.set(false);
        for (Answer<W> a; (a = answers.poll()) != null; ) {
            waiting.remove(a.worker());
            if (a.stats() != null) {
                deliver.accept(a.worker(), a.stats());
            }
        }
    }
}
