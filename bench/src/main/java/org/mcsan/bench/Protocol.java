package org.mcsan.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The measurement protocol every part follows: {@code warmup} untimed runs (JIT compilation, caches, lazy
 * initialisation), then {@code repetitions} timed runs, each turned into a rate (work done per second of
 * wall-clock time). It also records how many cores the process actually got during the timed runs, which
 * tells whether other processes held the numbers down.
 */
public final class Protocol {
    /** One run of a workload; returns the amount of work it did (audio seconds, floating-point operations, ...). */
    public interface Run {
        double run() throws Exception;
    }

    /** The rates of the timed runs and the CPU time they took. */
    public static final class Rates {
        private final Stats stats;
        private final Double coresUsed;
        private final Double perCpuSecond;

        Rates(Stats stats, Double coresUsed, Double perCpuSecond) {
            this.stats = stats;
            this.coresUsed = coresUsed;
            this.perCpuSecond = perCpuSecond;
        }

        public Stats stats() {
            return stats;
        }

        /**
         * Process CPU time divided by wall time over the timed runs (about the thread count when the machine is
         * otherwise idle); null where the JVM does not report process CPU time.
         */
        public Double coresUsed() {
            return coresUsed;
        }

        /**
         * Work of the timed runs divided by the process CPU time they took: the rate per core actually obtained,
         * which separates competition from other processes (low cores used) from poor scaling (low rate per CPU
         * second); null where the JVM does not report process CPU time or reported none.
         */
        public Double perCpuSecond() {
            return perCpuSecond;
        }

        /** The same runs counted in another unit of work: every rate multiplied by {@code unitsPerUnit}. */
        public Rates convert(double unitsPerUnit) {
            double[] samples = stats.samples();
            for (int i = 0; i < samples.length; i++) {
                samples[i] *= unitsPerUnit;
            }
            return new Rates(Stats.of(samples), coresUsed, perCpuSecond == null ? null : perCpuSecond * unitsPerUnit);
        }
    }

    private final int warmup;
    private final int repetitions;

    public Protocol(int warmup, int repetitions) {
        if (warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException(
                    "need warmup >= 0 and repetitions >= 1, got " + warmup + " and " + repetitions);
        }
        this.warmup = warmup;
        this.repetitions = repetitions;
    }

    public int warmup() {
        return warmup;
    }

    public int repetitions() {
        return repetitions;
    }

    /** Warms up, then times each repetition: work / elapsed seconds. */
    public Rates rate(Run run) throws Exception {
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        double[] rates = new double[repetitions];
        long cpuStart = processCpuNanos();
        long wall = 0;
        double totalWork = 0;
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            double work = run.run();
            long elapsed = System.nanoTime() - start;
            if (!(work > 0) || elapsed <= 0) {
                throw new IllegalStateException("a timed run did " + work + " units of work in " + elapsed + " ns");
            }
            rates[i] = work / (elapsed / 1e9);
            totalWork += work;
            wall += elapsed;
        }
        long cpuEnd = processCpuNanos();
        boolean haveCpu = cpuStart >= 0 && cpuEnd >= 0;
        Double coresUsed = haveCpu ? (cpuEnd - cpuStart) / (double) wall : null;
        Double perCpuSecond = haveCpu && cpuEnd > cpuStart ? totalWork / ((cpuEnd - cpuStart) / 1e9) : null;
        return new Rates(Stats.of(rates), coresUsed, perCpuSecond);
    }

    /** CPU time of this process in nanoseconds, or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }
}
