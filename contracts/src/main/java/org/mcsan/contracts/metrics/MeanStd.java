package org.mcsan.contracts.metrics;

/**
 * Mean and SAMPLE standard deviation (divisor n − 1) of a metric over folds.
 *
 * <p>NaN values (a fold whose split had no predictions) are skipped; {@link #n()} counts the values
 * used. With n = 0 both mean and std are NaN; with n = 1 the sample standard deviation is undefined
 * and is NaN (reports print the mean alone, JSON writes null), rather than a misleading 0.
 */
public final class MeanStd {

    private final int n;
    private final double mean;
    private final double std;

    private MeanStd(int n, double mean, double std) {
        this.n = n;
        this.mean = mean;
        this.std = std;
    }

    public static MeanStd of(double... values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new MeanStd(0, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        if (n == 1) {
            return new MeanStd(1, mean, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new MeanStd(n, mean, Math.sqrt(squares / (n - 1)));
    }

    /** Number of values averaged. */
    public int n() {
        return n;
    }

    public double mean() {
        return mean;
    }

    /** Sample standard deviation; NaN when n &lt; 2. */
    public double std() {
        return std;
    }
}
