package org.mcsan.bench;

import java.util.Arrays;

/**
 * Summary of repeated measurements: median, quartiles (linear interpolation between order statistics, as
 * R's default type 7 and NumPy's default), minimum and maximum, and the samples in the order they were taken.
 */
public final class Stats {
    private final double[] samples;
    private final double median;
    private final double q1;
    private final double q3;
    private final double min;
    private final double max;

    private Stats(double[] samples, double[] sorted) {
        this.samples = samples;
        this.median = quantile(sorted, 0.5);
        this.q1 = quantile(sorted, 0.25);
        this.q3 = quantile(sorted, 0.75);
        this.min = sorted[0];
        this.max = sorted[sorted.length - 1];
    }

    /** Statistics of at least one finite sample. */
    public static Stats of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        for (double s : samples) {
            if (Double.isNaN(s) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("sample is not finite: " + s + " in " + Arrays.toString(samples));
            }
        }
        double[] copy = samples.clone();
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Stats(copy, sorted);
    }

    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** The samples in the order they were measured (a copy). */
    public double[] samples() {
        return samples.clone();
    }

    public int count() {
        return samples.length;
    }

    public double median() {
        return median;
    }

    /** First quartile (25th percentile). */
    public double q1() {
        return q1;
    }

    /** Third quartile (75th percentile). */
    public double q3() {
        return q3;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }
}
