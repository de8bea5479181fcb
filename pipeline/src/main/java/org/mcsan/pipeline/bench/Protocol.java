package org.mcsan.pipeline.bench;

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

  /** The rates of the timed runs and the cores used meanwhile. */
  public static final class Rates {
    private final Stats stats;
    private final Double coresUsed;

    Rates(Stats stats, Double coresUsed) {
      this.stats = stats;
      this.coresUsed = coresUsed;
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
  }

  private final int warmup;
  private final int repetitions;

  public Protocol(int warmup, int repetitions) {
    if (warmup < 0 || repetitions < 1) {
      throw new IllegalArgumentException("need warmup >= 0 and repetitions >= 1, got " + warmup + " and "
          + repetitions);
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
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      double work = run.run();
      long elapsed = System.nanoTime() - start;
      if (!(work > 0) || elapsed <= 0) {
        throw new IllegalStateException("a timed run did " + work + " units of work in " + elapsed + " ns");
      }
      rates[i] = work / (elapsed / 1e9);
      wall += elapsed;
    }
    long cpuEnd = processCpuNanos();
    Double coresUsed = cpuStart < 0 || cpuEnd < 0 ? null : (cpuEnd - cpuStart) / (double) wall;
    return new Rates(Stats.of(rates), coresUsed);
  }

  /** CPU time of this process in nanoseconds, or -1 where the JVM does not tell. */
  private static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }
}
