package org.mcsan.model.nn;

import com.intel.analytics.bigdl.nn.abstractnn.TensorModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import org.mcsan.model.Bigdl;

/**
 * ReLU in place: it overwrites its input with its output and its output gradient with its input gradient, so it
 * keeps no tensors of its own. Its output equals BigDL's {@code ReLU} (not in place: x if x > 0, else +0, NaN
 * included) bit for bit, and so does its gradient wherever the input is not NaN (there the loss is NaN anyway).
 * It computes both without a data-dependent branch: on activations about half of which are negative, BigDL's
 * per-value branch mispredicts every other value, and its ReLU took about a sixth of a training step's time (JFR of
 * the bench's workload (b), 2026-12-02). Safe where nothing else reads the input, as after a convolution or a linear
 * layer, whose backward pass needs its own input, not its output.
 */
public class Relu extends TensorModule<Object> {
    public Relu() {
        super(Bigdl.FLOAT, Bigdl.NUMERIC);
    }

    @Override
    public Tensor<Object> updateOutput(Tensor<Object> input) {
        if (!input.isContiguous()) {
            throw new IllegalArgumentException("Relu: the input must be contiguous");
        }
        float[] x = Bigdl.data(input);
        int offset = Bigdl.offset(input);
        int n = (int) input.nElement();
        for (int i = offset; i < offset + n; i++) {
            // x > 0 exactly when its bits b are in [1, 0x7F800000] (+inf); u = b - 1 in [0, 0x7F800000) gives an
            // all-ones mask from the sign bits, without overflow (u >= 0 is checked by ~u's sign).
            int b = Float.floatToRawIntBits(x[i]);
            int u = b - 1;
            x[i] = Float.intBitsToFloat(b & (((u - 0x7F800000) & ~u) >> 31));
        }
        output_$eq(input);
        return input;
    }

    /** {@code input} is the output (x or +0): the gradient passes where it is positive and is +0 elsewhere. */
    @Override
    public Tensor<Object> updateGradInput(Tensor<Object> input, Tensor<Object> gradOutput) {
        if (!gradOutput.isContiguous() || !gradOutput.isSameSizeAs(input)) {
            throw new IllegalArgumentException("Relu: the output gradient must be contiguous, of the input's size");
        }
        float[] y = Bigdl.data(input);
        int yOffset = Bigdl.offset(input);
        float[] g = Bigdl.data(gradOutput);
        int gOffset = Bigdl.offset(gradOutput);
        int n = (int) input.nElement();
        for (int i = 0; i < n; i++) {
            // y > 0 or y = +0: its bits are positive for y > 0, and negated their sign spreads into an all-ones mask.
            int keep = (-Float.floatToRawIntBits(y[yOffset + i])) >> 31;
            g[gOffset + i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[gOffset + i]) & keep);
        }
        gradInput_$eq(gradOutput);
        return gradOutput;
    }

    @Override
    public String toString() {
        return "Relu(in place)";
    }
}
