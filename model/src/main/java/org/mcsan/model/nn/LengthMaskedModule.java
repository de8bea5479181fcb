package org.mcsan.model.nn;

import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import org.mcsan.model.Bigdl;

/**
 * Base of the modules that take {@code T(x, lengths)}: a batch of right-padded sequences
 * {@code x} whose time axis is the second-to-last dimension ([B, T, C] or [B, 1, T, C]) and the
 * number of real steps of each sequence as a float tensor [B]. Steps at or after a sequence's
 * length are padding. The lengths get a zero gradient.
 *
 * <p>Subclasses must have a public no-argument constructor and a {@code Name$} companion class
 * (see {@code SequenceMask$}) so that BigDL's module loader can re-create them.
 */
abstract class LengthMaskedModule extends AbstractModule<Table, Tensor<Object>, Object> {

    LengthMaskedModule() {
        super(Bigdl.TABLE_TAG, Bigdl.TENSOR_TAG, Bigdl.FLOAT, Bigdl.NUMERIC);
    }

    /** The sequences of the input table, made contiguous. */
    static Tensor<Object> sequences(Table input) {
        Tensor<Object> x = Bigdl.tensorAt(input, 1);
        if (x.dim() < 3) {
            throw new IllegalArgumentException("expected sequences of at least 3 dimensions [B, ..., T, C], got "
                    + java.util.Arrays.toString(x.size()));
        }
        return x.isContiguous() ? x : x.contiguous();
    }

    /** The lengths of the input table as integers, checked against the batch size and time axis. */
    static int[] lengths(Table input, Tensor<Object> x, int minLength) {
        Tensor<Object> t = Bigdl.tensorAt(input, 2);
        int batch = x.size(1);
        int steps = timeSteps(x);
        if (t.nElement() != batch) {
            throw new IllegalArgumentException("expected " + batch + " sequence lengths, got " + t.nElement());
        }
        float[] raw = Bigdl.toArray(t);
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            int len = Math.round(raw[b]);
            if (len != raw[b] || len < minLength || len > steps) {
                throw new IllegalArgumentException("sequence " + b + " has length " + raw[b]
                        + ", expected an integer in [" + minLength + ", " + steps + "]");
            }
            lengths[b] = len;
        }
        return lengths;
    }

    static int timeSteps(Tensor<Object> x) {
        return x.size(x.dim() - 1);
    }

    static int channels(Tensor<Object> x) {
        return x.size(x.dim());
    }

    /** Number of [T, C] planes per batch entry (the product of the dimensions between batch and time). */
    static int planesPerSequence(Tensor<Object> x) {
        int planes = 1;
        for (int d = 2; d <= x.dim() - 2; d++) {
            planes *= x.size(d);
        }
        return planes;
    }

    /** Stores {@code gradX} and a zero gradient for the lengths as this module's gradInput. */
    Table setGradInput(Table input, Tensor<Object> gradX) {
        Tensor<Object> lengths = Bigdl.tensorAt(input, 2);
        Tensor<Object> gradLengths = gradInput().contains(2) ? Bigdl.tensorAt(gradInput(), 2) : Bigdl.zeros();
        gradLengths.resizeAs(lengths).zero();
        gradInput().update(1, gradX);
        gradInput().update(2, gradLengths);
        return gradInput();
    }

    /** The tensor this module keeps its gradient for x in, resized like x. */
    Tensor<Object> gradXBuffer(Tensor<Object> x) {
        Tensor<Object> g = gradInput().contains(1) ? Bigdl.tensorAt(gradInput(), 1) : Bigdl.zeros();
        return g.resizeAs(x);
    }
}
