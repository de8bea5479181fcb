package org.mcsan.model.nn;

import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import org.mcsan.model.Bigdl;

/**
 * Global max pooling over time that ignores padding: {@code T(x [B, T, C], lengths) → [B, C]}
 * with {@code y[b, c] = max over t < length_b of x[b, t, c]}. Every length must be at least 1.
 * The gradient goes to the step that won (the first one on ties).
 */
public class MaskedMaxPool extends LengthMaskedModule {

    /** For each (b, c), the time step that won the last forward pass. */
    private transient int[] winners;

    public MaskedMaxPool() {}

    @Override
    public Tensor<Object> updateOutput(Table input) {
        Tensor<Object> x = sequences(input);
        if (x.dim() != 3) {
            throw new IllegalArgumentException(
                    "MaskedMaxPool expects [B, T, C], got " + java.util.Arrays.toString(x.size()));
        }
        int[] lengths = lengths(input, x, 1);
        int batch = x.size(1);
        int steps = x.size(2);
        int c = x.size(3);
        output().resize(batch, c);
        float[] src = Bigdl.data(x);
        int srcBase = Bigdl.offset(x);
        float[] dst = Bigdl.data(output());
        int dstBase = Bigdl.offset(output());
        if (winners == null || winners.length != batch * c) {
            winners = new int[batch * c];
        }
        for (int b = 0; b < batch; b++) {
            int seq = srcBase + b * steps * c;
            for (int k = 0; k < c; k++) {
                float best = src[seq + k];
                int winner = 0;
                for (int t = 1; t < lengths[b]; t++) {
                    float v = src[seq + t * c + k];
                    if (v > best) {
                        best = v;
                        winner = t;
                    }
                }
                dst[dstBase + b * c + k] = best;
                winners[b * c + k] = winner;
            }
        }
        return output();
    }

    @Override
    public Table updateGradInput(Table input, Tensor<Object> gradOutput) {
        Tensor<Object> x = sequences(input);
        int batch = x.size(1);
        int steps = x.size(2);
        int c = x.size(3);
        Tensor<Object> gradX = gradXBuffer(x).zero();
        Tensor<Object> g = gradOutput.isContiguous() ? gradOutput : gradOutput.contiguous();
        float[] src = Bigdl.data(g);
        int srcBase = Bigdl.offset(g);
        float[] dst = Bigdl.data(gradX);
        int dstBase = Bigdl.offset(gradX);
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < c; k++) {
                dst[dstBase + (b * steps + winners[b * c + k]) * c + k] = src[srcBase + b * c + k];
            }
        }
        return setGradInput(input, gradX);
    }
}
