package dev.kiln.app.view;

import dev.kiln.WorkerStats;
import dev.kiln.app.model.Ticks;
import dev.kiln.app.model.Ui;
import dev.kiln.app.model.WorkbenchViewModel;
import dev.kiln.app.model.WorkerViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * Facts about the selected worker: the machine it runs on ("this machine", or the SSH target it was
 * given), PID, JDK, launch time, uptime, flags, CPU time, threads, heap,
 * its user class path (dependencies and jars added while it runs included) and its error output.
 */
public final class DetailsView extends GridPane {
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Label host = value("host");
    private final Label pid = value("pid");
    private final Label state = value("state");
    private final Label jdk = value("jdk");
    private final Label javaHome = value("javaHome");
    private final Label started = value("started");
    private final Label uptime = value("uptime");
    private final Label flags = value("flags");
    private final Label workDir = value("workingFolder");
    private final Label cpu = value("cpu");
    private final Label threads = value("threads");
    private final Label heap = value("heap");
    private final Label stderr = value("stderr");
    /** The user class path, a file name a line; the full paths on hover. */
    private final Label classpath = new Label("–");

    /**
     * A live figure is older than this when the clock finds it: the selected worker's samples, which
     * refresh them each second, have stopped coming (a worker not ready yet, or slow to answer).
     */
    private static final long STALE_NANOS = java.time.Duration.ofMillis(1_500).toNanos();

    private final InvalidationListener refresh = this::refresh;
    private final InvalidationListener refreshLive = o -> refreshLive();
    private WorkerViewModel shown;
    /**
     * Ticks each second while a running worker shows, else null; it refreshes the live figures only
     * when no sample did lately, so that a window at rest changes (lays out and draws) once a second,
     * not twice.
     */
    private ScheduledFuture<?> clock;
    /** When the live figures were last refreshed ({@link System#nanoTime()}). */
    private long liveAt;
    /** The class path last shown: it is rebuilt into text only when it changed. */
    private List<Path> shownClasspath;

    public DetailsView(WorkbenchViewModel workbench) {
        setId("detailsView");
        getStyleClass().add("details");
        setHgap(10);
        setVgap(3);
        setPadding(new Insets(6, 8, 6, 8));
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(keys, values);
        int row = 0;
        for (Object[] kv : new Object[][] {
            {"Host", host},
            {"PID", pid},
            {"State", state},
            {"JDK", jdk},
            {"Java home", javaHome},
            {"Launched", started},
            {"Uptime", uptime},
            {"JVM flags", flags},
            {"Working folder", workDir},
            {"CPU time", cpu},
            {"Threads", threads},
            {"Heap", heap},
            {"Class path", classpath},
            {"Stderr", stderr}
        }) {
            Label k = new Label((String) kv[0]);
            k.getStyleClass().add("details-key");
            add(k, 0, row);
            add((Label) kv[1], 1, row++);
        }
        // Shown in full, on as many lines as they take: an SSH target, a failed worker's flags and error output.
        classpath.getStyleClass().add("details-value");
        classpath.setId("detail-classpath");
        classpath.setTooltip(new Tooltip());
        for (Label l : new Label[] {host, flags, stderr, classpath}) {
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        workbench.selectedProperty().addListener((o, was, now) -> show(now));
        // The clock ticks only while the window shows: a hidden window's uptime is read by nobody.
        sceneProperty()
                .flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty)
                .addListener((o, was, now) -> followClock());
        show(workbench.selected());
    }

    private static Label value(String id) {
        Label l = new Label("–");
        l.getStyleClass().add("details-value");
        l.setId("detail-" + id);
        // A value cut short by a narrow column (a long path) shows in full on hover.
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(l.textProperty());
        l.setTooltip(tip);
        return l;
    }

    private void show(WorkerViewModel vm) {
        if (shown != null) {
            for (Observable o : observables(shown)) {
                o.removeListener(refresh);
            }
            shown.lastStatsProperty().removeListener(refreshLive);
        }
        shown = vm;
        if (vm != null) {
            for (Observable o : observables(vm)) {
                o.addListener(refresh);
            }
            vm.lastStatsProperty().addListener(refreshLive);
        }
        refresh(null);
    }

    private static Observable[] observables(WorkerViewModel vm) {
        return new Observable[] {
            vm.stateProperty(),
            vm.javaVersionProperty(),
            vm.launchTimeProperty(),
            vm.exitCodeProperty(),
            vm.stderrTailProperty(),
            vm.jvmFlagsProperty()
        };
    }

    /** Runs the clock while a running worker shows in a window on screen, and only then. */
    private void followClock() {
        Scene scene = getScene();
        boolean onScreen =
                scene != null && scene.getWindow() != null && scene.getWindow().isShowing();
        boolean want = onScreen && shown != null && shown.state().isLive();
        if (want && clock == null) {
            clock = Ticks.every(java.time.Duration.ofSeconds(1), Ui.fx(), () -> {
                if (System.nanoTime() - liveAt >= STALE_NANOS) {
                    refreshLive();
                }
            });
        } else if (!want && clock != null) {
            clock.cancel(false);
            clock = null;
        }
    }

    private void refresh(Observable ignored) {
        followClock();
        WorkerViewModel vm = shown;
        if (vm == null) {
            for (Label l : new Label[] {
                host, pid, state, jdk, javaHome, started, uptime, flags, workDir, cpu, threads, heap, stderr, classpath
            }) {
                l.setText("–");
            }
            shownClasspath = null;
            return;
        }
        Optional<String> target = vm.worker().spec().host();
        host.setText(target.orElse("this machine"));
        pid.setText(String.valueOf(vm.pid()));
        state.setText(Format.state(vm.state(), vm.exitCodeProperty().get()));
        jdk.setText(
                vm.javaVersionProperty().get().isEmpty()
                        ? "–"
                        : vm.javaVersionProperty().get());
        workDir.setText(vm.worker()
                .spec()
                .workingDirectory()
                .map(Object::toString)
                .orElse(
                        target.isPresent()
                                ? "your home folder there"
                                : "the app's own (" + Path.of("").toAbsolutePath() + ")"));
        String home = vm.javaHomeProperty().get();
        String specHome = vm.worker().spec().javaHome().toString();
        // A remote worker without a JDK of its own runs that machine's default, known once it is ready.
        javaHome.setText(
                !home.isEmpty()
                        ? home
                        : specHome.isEmpty() ? "that machine's JAVA_HOME, or java on its PATH" : specHome);
        Instant t0 = vm.worker().startedAt();
        started.setText(
                t0 == null
                        ? "–"
                        : CLOCK.format(t0)
                                + (vm.launchTimeProperty().get() == null
                                        ? ""
                                        : " (ready in "
                                                + Format.duration(
                                                        vm.launchTimeProperty().get()) + ")"));
        flags.setText(
                vm.jvmFlagsProperty().get().isEmpty()
                        ? "(none)"
                        : String.join(" ", vm.jvmFlagsProperty().get()));
        String tail = vm.stderrTailProperty().get();
        stderr.setText(tail.isEmpty() ? "–" : tail);
        refreshLive();
    }

    /** The figures that change while nothing happens: uptime, CPU time, threads, heap, class path. */
    private void refreshLive() {
        liveAt = System.nanoTime();
        WorkerViewModel vm = shown;
        if (vm == null) {
            return;
        }
        Instant t0 = vm.worker().startedAt();
        uptime.setText(
                t0 == null || !vm.state().isLive()
                        ? "–"
                        : Format.duration(java.time.Duration.between(t0, Instant.now())));
        WorkerStats s = vm.lastStatsProperty().get();
        cpu.setText(s == null ? "–" : Format.duration(s.cpuTime()));
        threads.setText(s == null ? "–" : String.valueOf(s.threads()));
        heap.setText(
                s == null
                        ? "–"
                        : Format.bytes(s.heapUsedBytes()) + " used of " + Format.bytes(s.heapCommittedBytes())
                                + (s.heapMaxBytes() > 0 ? " (max " + Format.bytes(s.heapMaxBytes()) + ")" : ""));
        // Read with each sample (each second): jars added while the worker runs show up without a signal of their own.
        List<Path> entries = vm.worker().classpath();
        if (entries.equals(shownClasspath)) {
            return;
        }
        shownClasspath = entries;
        classpath.setText(
                entries.isEmpty()
                        ? "(none)"
                        : entries.stream()
                                .map(p -> String.valueOf(p.getFileName()))
                                .collect(Collectors.joining("\n")));
        classpath
                .getTooltip()
                .setText(
                        entries.isEmpty()
                                ? "Nothing beyond the JDK: add jars in New worker…, or Add dependency…"
                                : entries.stream().map(Path::toString).collect(Collectors.joining("\n")));
    }
}
