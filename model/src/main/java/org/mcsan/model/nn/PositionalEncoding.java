package org.mcsan.model.nn;

import com.intel.analytics.bigdl.nn.abstractnn.TensorModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import org.mcsan.model.Bigdl;

/**
 * Adds the sinusoidal positional encoding of "Attention is all you need" to [B, T, d] input:
 * {@code PE[t, 2i] = sin(t / 10000^(2i/d))}, {@code PE[t, 2i+1] = cos(t / 10000^(2i/d))},
 * t counted from 0 (the layout of the PyTorch transformer tutorial). It has no parameters;
 * the gradient passes through unchanged.
 */
public class PositionalEncoding extends TensorModule<Object> {

    /** The table for the longest sequence seen so far, row-major [steps, width]. */
    private transient float[] table;

    private transient int tableSteps;
    private transient int tableWidth;

    public PositionalEncoding() {
        super(Bigdl.FLOAT, Bigdl.NUMERIC);
    }

    /** The encoding of position {@code t} (0-based), feature {@code j} of a width-{@code d} model. */
    public static double value(int t, int j, int d) {
        double angle = t / Math.pow(10000.0, (2 * (j / 2)) / (double) d);
        return j % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
    }

    @Override
    public Tensor<Object> updateOutput(Tensor<Object> input) {
        if (input.dim() != 3) {
            throw new IllegalArgumentException(
                    "PositionalEncoding expects [B, T, d], got " + java.util.Arrays.toString(input.size()));
        }
        int batch = input.size(1);
        int steps = input.size(2);
        int width = input.size(3);
        ensureTable(steps, width);
        output().resizeAs(input).copy(input);
        float[] data = Bigdl.data(output());
        int base = Bigdl.offset(output());
        int plane = steps * width;
        for (int b = 0; b < batch; b++) {
            int start = base + b * plane;
            for (int i = 0; i < plane; i++) {
                data[start + i] += table[i];
            }
        }
        return output();
    }

    @Override
    public Tensor<Object> updateGradInput(Tensor<Object> input, Tensor<Object> gradOutput) {
        gradInput().resizeAs(gradOutput).copy(gradOutput);
        return gradInput();
    }

    private void ensureTable(int steps, int width) {
        if (table != null && width == tableWidth && steps <= tableSteps) {
            return;
        }
        int rows = Math.max(steps, table != null && width == tableWidth ? tableSteps : 0);
        float[] t = new float[rows * width];
        for (int pos = 0; pos < rows; pos++) {
            for (int j = 0; j < width; j++) {
                t[pos * width + j] = (float) value(pos, j, width);
            }
        }
        table = t;
        tableSteps = rows;
        tableWidth = width;
    }
}
