package org.mcsan.model.nn;

import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import org.mcsan.model.Bigdl;

/**
 * {@code T(x, lengths) → x} with every padded step (t ≥ length) set to zero, so that a later
 * convolution sees zeros beyond a sequence's end exactly as it would for the sequence alone.
 * Gradients of padded steps are zero.
 */
public class SequenceMask extends LengthMaskedModule {

    public SequenceMask() {}

    @Override
    public Tensor<Object> updateOutput(Table input) {
        Tensor<Object> x = sequences(input);
        int[] lengths = lengths(input, x, 0);
        output().resizeAs(x).copy(x);
        zeroPadding(output(), lengths);
        return output();
    }

    @Override
    public Table updateGradInput(Table input, Tensor<Object> gradOutput) {
        Tensor<Object> x = sequences(input);
        int[] lengths = lengths(input, x, 0);
        Tensor<Object> g = gradXBuffer(x).copy(gradOutput);
        zeroPadding(g, lengths);
        return setGradInput(input, g);
    }

    /** Zeroes the padded steps of a contiguous [B, ..., T, C] tensor in place. */
    static void zeroPadding(Tensor<Object> t, int[] lengths) {
        float[] data = Bigdl.data(t);
        int base = Bigdl.offset(t);
        int planes = planesPerSequence(t);
        int steps = timeSteps(t);
        int c = channels(t);
        for (int b = 0; b < lengths.length; b++) {
            for (int p = 0; p < planes; p++) {
                int plane = base + (b * planes + p) * steps * c;
                java.util.Arrays.fill(data, plane + lengths[b] * c, plane + steps * c, 0f);
            }
        }
    }
}
