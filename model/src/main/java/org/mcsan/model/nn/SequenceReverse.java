package org.mcsan.model.nn;

import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import org.mcsan.model.Bigdl;

/**
 * {@code T(x, lengths) → y} with each sequence reversed within its own length:
 * {@code y[b, t] = x[b, length_b − 1 − t]} for t < length_b and zero for padded steps. Applied
 * before and after a forward-only LSTM it gives a backward LSTM that starts at each sequence's
 * last real step and never sees padding before real steps. The mapping is its own inverse, and
 * so is its gradient.
 */
public class SequenceReverse extends LengthMaskedModule {

    public SequenceReverse() {}

    @Override
    public Tensor<Object> updateOutput(Table input) {
        Tensor<Object> x = sequences(input);
        int[] lengths = lengths(input, x, 0);
        output().resizeAs(x);
        reverse(x, output(), lengths);
        return output();
    }

    @Override
    public Table updateGradInput(Table input, Tensor<Object> gradOutput) {
        Tensor<Object> x = sequences(input);
        int[] lengths = lengths(input, x, 0);
        Tensor<Object> g = gradOutput.isContiguous() ? gradOutput : gradOutput.contiguous();
        Tensor<Object> gradX = gradXBuffer(x);
        reverse(g, gradX, lengths);
        return setGradInput(input, gradX);
    }

    /** Writes the per-sequence reversal of contiguous {@code from} into contiguous {@code to} (same shape). */
    private static void reverse(Tensor<Object> from, Tensor<Object> to, int[] lengths) {
        float[] src = Bigdl.data(from);
        float[] dst = Bigdl.data(to);
        int srcBase = Bigdl.offset(from);
        int dstBase = Bigdl.offset(to);
        int planes = planesPerSequence(from);
        int steps = timeSteps(from);
        int c = channels(from);
        for (int b = 0; b < lengths.length; b++) {
            int len = lengths[b];
            for (int p = 0; p < planes; p++) {
                int plane = (b * planes + p) * steps * c;
                for (int t = 0; t < len; t++) {
                    System.arraycopy(src, srcBase + plane + (len - 1 - t) * c, dst, dstBase + plane + t * c, c);
                }
                java.util.Arrays.fill(dst, dstBase + plane + len * c, dstBase + plane + steps * c, 0f);
            }
        }
    }
}
