package org.mcsan.model.nn;

import com.intel.analytics.bigdl.nn.abstractnn.TensorModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.RandomGenerator$;
import org.mcsan.model.Bigdl;

/**
 * Dropout with the DROP probability p: while training each value is zeroed with probability p
 * and the others are scaled by 1/(1 − p); in evaluation mode it is the identity (and, unlike
 * BigDL's {@code nn.Dropout}, it back-propagates in both modes). The mask comes from a fast
 * generator seeded from BigDL's per-thread random generator, so a seeded run is reproducible.
 */
public class InvertedDropout extends TensorModule<Object> {
    // BigDL's loader re-creates a module from its constructor arguments, which Scala reflection
    // names x$1, x$2, ... for a Java class: it saves and restores them from fields of those names.
    /** Drop probability. */
    private final double x$1;

    private transient long seed;

    public InvertedDropout(double dropProbability) {
        super(Bigdl.FLOAT, Bigdl.NUMERIC);
        if (!(dropProbability >= 0 && dropProbability < 1)) {
            throw new IllegalArgumentException("drop probability must be in [0, 1), got " + dropProbability);
        }
        this.x$1 = dropProbability;
    }

    public double dropProbability() {
        return x$1;
    }

    @Override
    public Tensor<Object> updateOutput(Tensor<Object> input) {
        output().resizeAs(input).copy(input);
        if (isTraining() && x$1 > 0) {
            seed = RandomGenerator$.MODULE$.RNG().random();
            apply(Bigdl.data(output()), Bigdl.offset(output()), (int) output().nElement(), x$1, seed);
        }
        return output();
    }

    @Override
    public Tensor<Object> updateGradInput(Tensor<Object> input, Tensor<Object> gradOutput) {
        gradInput().resizeAs(gradOutput).copy(gradOutput);
        if (isTraining() && x$1 > 0) {
            apply(
                    Bigdl.data(gradInput()),
                    Bigdl.offset(gradInput()),
                    (int) gradInput().nElement(),
                    x$1,
                    seed);
        }
        return gradInput();
    }

    /**
     * Zeroes each of n values with probability p and scales the others by 1/(1 − p), in place.
     * The mask depends only on the seed (xorshift64* stream), so it can be applied again to the
     * gradient.
     */
    static void apply(float[] x, int offset, int n, double p, long seed) {
        float keepScale = (float) (1.0 / (1.0 - p));
        // Keep a value when 24 random bits, as a fraction, are at least p.
        int threshold = (int) Math.ceil(p * (1 << 24));
        long state = seed == 0 ? 0x2545F4914F6CDD1DL : seed;
        for (int i = 0; i < n; i++) {
            state ^= state >>> 12;
            state ^= state << 25;
            state ^= state >>> 27;
            int bits = (int) ((state * 0x2545F4914F6CDD1DL) >>> 40);
            // bits >= threshold: keep (all-ones mask), else +0; without a branch, which would mispredict at random.
            int keep = (threshold - 1 - bits) >> 31;
            x[offset + i] = Float.intBitsToFloat(Float.floatToRawIntBits(x[offset + i] * keepScale) & keep);
        }
    }

    @Override
    public String toString() {
        return "InvertedDropout(" + x$1 + ")";
    }
}
