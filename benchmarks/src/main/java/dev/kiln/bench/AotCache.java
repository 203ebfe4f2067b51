package dev.kiln.bench;

import dev.kiln.Worker;
import dev.kiln.WorkerSpec;
import dev.kiln.platform.Jdk;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Workers on a JDK 25 or newer, whose archive is an AOT cache (JEP 483/514): launch and a first
 * call with it and without. Left out when this machine has no such JDK.
 */
final class AotCache implements Scenario {
    /** The home of the JDK 25+ to use, instead of the first one {@link Jdk#installed()} finds. */
    static final String JDK_PROPERTY = "kiln.bench.jdk25";

    @Override
    public String title() {
        return "JDK 25 workers: AOT cache";
    }

    @Override
    public void run(Bench bench, Report report) throws Exception {
        Optional<Jdk> jdk = newerJdk(System.getProperty(JDK_PROPERTY, ""), Jdk.installed());
        if (jdk.isEmpty()) {
            report.note("No JDK 25 or newer found in the usual folders (or named by -D" + JDK_PROPERTY
                    + "=HOME): the AOT cache row is left out.");
            return;
        }
        WorkerSpec spec = Bench.quiet().toBuilder().javaHome(jdk.get().home()).build();
        Optional<Path> cache = Worker.prepareClassDataSharing(spec).get(5, TimeUnit.MINUTES);
        if (cache.isEmpty()) {
            report.note(
                    "The AOT cache for the JDK at " + jdk.get().home() + " could not be built: its row is left out.");
            return;
        }
        WorkerSpec noCache = Bench.withoutCds(spec);
        Sampler sampler = new Sampler();
        Sampler.Series with = sampler.add("ms", () -> Bench.startAndCallMillis(spec));
        Sampler.Series without = sampler.add("ms", () -> Bench.startAndCallMillis(noCache));
        sampler.run(bench.rounds(8));

        report.add(Row.of(
                "JDK " + jdk.get().feature()
                        + " workers, launch and a first call: no archive vs the AOT cache Kiln builds (`"
                        + cache.get().getFileName() + "`)",
                without.figures(),
                with.figures(),
                Goal.measuredOnly(),
                "the JDK's default CDS still applies without it; an earlier interleaved run (16 rounds) put the AOT "
                        + "cache 8% ahead of a dynamic archive to a first call and 5% to ready, with 6% less memory"));
    }

    /**
     * The JDK to run this scenario on: the one at {@code override} when set (it must be a JDK 25
     * or newer), else the oldest of those {@code installed} that is 25 or newer.
     */
    static Optional<Jdk> newerJdk(String override, List<Jdk> installed) {
        if (!override.isBlank()) {
            return Optional.of(Jdk.at(Path.of(override))
                    .filter(j -> j.feature() >= 25)
                    .orElseThrow(() -> new IllegalArgumentException("-D" + JDK_PROPERTY + "=" + override
                            + " is not a JDK 25 or newer (a folder with bin/java and a release file saying"
                            + " JAVA_VERSION 25 or more): name one, or leave the property out to search the"
                            + " usual folders")));
        }
        return installed.stream().filter(j -> j.feature() >= 25).min(Comparator.comparingInt(Jdk::feature));
    }
}
