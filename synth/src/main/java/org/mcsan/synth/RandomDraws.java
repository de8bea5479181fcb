package org.mcsan.synth;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small helpers over {@link SplittableRandom}, whose sequence is fixed by its seed. The synthetic corpus uses
 * {@link StrictMath} wherever a transcendental function shapes its output, so that the same seed gives the same
 * bytes on every JVM and CPU ({@link Math} may differ in the last bit).
 */
final class RandomDraws {

    private RandomDraws() {}

    static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** A standard normal draw (Box-Muller; one of the pair is discarded to keep the state simple). */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // (0, 1]: log(u) is finite
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * Math.PI * v);
    }

    /** A multiplier exp(sd * N(0,1)): log-normal jitter around 1. */
    static double jitter(SplittableRandom random, double logSd) {
        return StrictMath.exp(logSd * gaussian(random));
    }

    static <T> T pick(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static <T> T pick(SplittableRandom random, T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** A key drawn with probability proportional to its (non-negative) weight; iteration order must be fixed. */
    static <T> T pickWeighted(SplittableRandom random, Map<T, Double> weights) {
        double total = 0;
        for (double weight : weights.values()) {
            total += weight;
        }
        double target = random.nextDouble() * total;
        T last = null;
        for (Map.Entry<T, Double> entry : weights.entrySet()) {
            last = entry.getKey();
            target -= entry.getValue();
            if (target < 0) {
                return last;
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("no weights to draw from");
        }
        return last;
    }
}
