package dev.kiln.bench;

/** One scenario of docs/BENCHMARKS.md: measures Kiln and its baselines, and adds rows (and notes) to the report. */
interface Scenario {
    /** For the progress log. */
    String title();

    void run(Bench bench, Report report) throws Exception;
}
