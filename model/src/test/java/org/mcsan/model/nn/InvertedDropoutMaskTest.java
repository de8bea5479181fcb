package org.mcsan.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The branch-free mask gives, bit for bit, what the plain per-value comparison gives. */
class InvertedDropoutMaskTest {

    /** The definition: keep a value when 24 random bits, as a fraction, are at least p. */
    private static void reference(float[] x, int offset, int n, double p, long seed) {
        float keepScale = (float) (1.0 / (1.0 - p));
        int threshold = (int) Math.ceil(p * (1 << 24));
        long state = seed == 0 ? 0x2545F4914F6CDD1DL : seed;
        for (int i = 0; i < n; i++) {
            state ^= state >>> 12;
            state ^= state << 25;
            state ^= state >>> 27;
            int bits = (int) ((state * 0x2545F4914F6CDD1DL) >>> 40);
            x[offset + i] = bits >= threshold ? x[offset + i] * keepScale : 0f;
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    @Test
    void sameValuesAsThePerValueComparison() {
        Random r = new Random(3);
        for (double p : new double[] {1e-9, 0.1, 0.25, 0.5, 0.9, 1 - 1e-9}) {
            for (long seed : new long[] {0, 1, -7, 123456789L}) {
                float[] values = new float[5003];
                for (int i = 0; i < values.length; i++) values[i] = (float) r.nextGaussian();
                values[0] = -0f;
                values[1] = Float.NaN;
                values[2] = Float.NEGATIVE_INFINITY;
                float[] expected = values.clone();
                float[] actual = values.clone();
                reference(expected, 3, 5000, p, seed);
                InvertedDropout.apply(actual, 3, 5000, p, seed);
                assertArrayEquals(bits(expected), bits(actual), "p = " + p + ", seed " + seed);
            }
        }
    }
}
