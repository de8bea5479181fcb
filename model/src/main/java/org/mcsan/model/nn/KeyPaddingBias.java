package org.mcsan.model.nn;

import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import org.mcsan.model.Bigdl;

/**
 * The attention bias of a batch of keys: {@code T(keys [B, T, C], lengths) → [B, 1, 1, T]},
 * 0 for real keys and {@value #PADDED} for padded ones. BigDL's {@code nn.Attention} adds it to
 * the attention logits before the softmax, so padded keys get a weight of exactly zero. The
 * bias is a constant: no gradient flows through it.
 */
public class KeyPaddingBias extends LengthMaskedModule {

    /** Added to the logits of padded keys (as in BigDL's own transformer). */
    public static final float PADDED = -1e9f;

    public KeyPaddingBias() {
    }

    @Override
    public Tensor<Object> updateOutput(Table input) {
        Tensor<Object> keys = Bigdl.tensorAt(input, 1);
        int[] lengths = lengths(input, keys, 1);
        int batch = keys.size(1);
        int steps = timeSteps(keys);
        output().resize(batch, 1, 1, steps);
        float[] dst = Bigdl.data(output());
        int base = Bigdl.offset(output());
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(dst, base + b * steps, base + b * steps + lengths[b], 0f);
            java.util.Arrays.fill(dst, base + b * steps + lengths[b], base + (b + 1) * steps, PADDED);
        }
        return output();
    }

    @Override
    public Table updateGradInput(Table input, Tensor<Object> gradOutput) {
        Tensor<Object> keys = Bigdl.tensorAt(input, 1);
        return setGradInput(input, gradXBuffer(keys).zero());
    }
}
