package org.mcsan.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the benchmark report: what was measured, in which unit, the statistics of its repetitions,
 * its target (if any) and details that make the number interpretable (thread count, sizes, ...).
 */
public final class Measurement {
    private final String id;
    private final String label;
    private final String unit;
    private final Stats stats;
    private final Double cpuCoresUsed;
    private final Double ratePerCpuSecond;
    private final Target target;
    private final Map<String, Object> details;

    /**
     * @param id stable machine-readable name, e.g. {@code mfcc.threads-all}
     * @param label what the console shows, e.g. "MFCC, 2 threads (all cores)"
     * @param unit e.g. "x real time", "GFLOP/s"
     * @param target null when the project sets no target for this measurement
     * @param details JSON-friendly values (numbers, strings, booleans, lists, maps); copied
     */
    public Measurement(String id, String label, String unit, Stats stats, Target target, Map<String, Object> details) {
        this(id, label, unit, stats, null, null, target, details);
    }

    /**
     * A measurement with the CPU cores the process got during its timed runs (process CPU time / wall time; null
     * when unknown).
     */
    public Measurement(
            String id,
            String label,
            String unit,
            Stats stats,
            Double cpuCoresUsed,
            Target target,
            Map<String, Object> details) {
        this(id, label, unit, stats, cpuCoresUsed, null, target, details);
    }

    /** A rate measured by {@link Protocol#rate}, with the CPU time its timed runs took. */
    public Measurement(
            String id, String label, String unit, Protocol.Rates rates, Target target, Map<String, Object> details) {
        this(id, label, unit, rates.stats(), rates.coresUsed(), rates.perCpuSecond(), target, details);
    }

    private Measurement(
            String id,
            String label,
            String unit,
            Stats stats,
            Double cpuCoresUsed,
            Double ratePerCpuSecond,
            Target target,
            Map<String, Object> details) {
        this.id = id;
        this.label = label;
        this.unit = unit;
        this.stats = stats;
        this.cpuCoresUsed = cpuCoresUsed;
        this.ratePerCpuSecond = ratePerCpuSecond;
        this.target = target;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Stats stats() {
        return stats;
    }

    /** See {@link Protocol.Rates#coresUsed()}; null when unknown or not a rate. */
    public Double cpuCoresUsed() {
        return cpuCoresUsed;
    }

    /** See {@link Protocol.Rates#perCpuSecond()}; null when unknown or not a rate. */
    public Double ratePerCpuSecond() {
        return ratePerCpuSecond;
    }

    /** Null when there is no target. */
    public Target target() {
        return target;
    }

    public Target.Verdict verdict() {
        return target == null ? Target.Verdict.NO_TARGET : target.judge(stats.median());
    }

    public Map<String, Object> details() {
        return details;
    }
}
