package org.mcsan.model.nn;

import com.intel.analytics.bigdl.nn.Container;
import com.intel.analytics.bigdl.nn.Linear;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import org.mcsan.model.Bigdl;

/**
 * Multi-head attention over right-padded key sequences:
 * {@code T(queries [B, Tq, d], keysAndValues [B, Tk, d], keyLengths [B]) → [B, Tq, d]}.
 * The semantics of BigDL's {@code nn.Attention} and PyTorch's
 * {@code nn.MultiheadAttention(bias=False)}: q, k, v and output projections without bias, heads
 * of d/heads contiguous features, scores scaled by 1/√(d/heads), softmax over each query's keys,
 * dropout on the attention weights while training. Keys at or after a sequence's length get
 * no weight (they are left out of the softmax), exactly as a −∞ (or −1e9) bias would do.
 *
 * <p>Written for speed: BigDL's {@code Attention} spends most of its time transposing for its
 * softmax, adding a broadcast bias element by element and drawing dropout noise; here each
 * (sequence, head) pair is two small GEMMs forward and four backward, over real keys only.
 *
 * <p>The projections are four child {@code Linear(d, d, bias = false)} modules (q, k, v,
 * output), so BigDL flattens, saves and loads their weights like any other layer's.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public class MultiHeadAttention extends Container<Table, Tensor<Object>, Object> {
    // BigDL's loader re-creates a module from its constructor arguments, which Scala reflection
    // names x$1, x$2, ... for a Java class: it saves and restores them from fields of those names.
    /** Number of heads. */
    private final int x$1;
    /** Drop probability of the attention weights while training. */
    private final double x$2;

    /** The attention weights after the softmax of the last forward pass, one block per (sequence, head). */
    private transient float[] probabilities;

    private transient int[] blockStart;
    private transient long dropoutSeed;
    private transient float[] scratch;
    private transient Tensor<Object> queries2d;
    private transient Tensor<Object> keys2d;
    private transient Tensor<Object> context2d;
    private transient Tensor<Object> gradOutput2d;
    private transient Tensor<Object> gradQueries;
    private transient Tensor<Object> gradKeys;
    private transient Tensor<Object> gradValues;

    /** For BigDL's module loader; use {@link #create}. */
    public MultiHeadAttention(int heads, double dropProbability) {
        super(Bigdl.TABLE_TAG, Bigdl.TENSOR_TAG, Bigdl.FLOAT, Bigdl.NUMERIC);
        if (heads < 1 || !(dropProbability >= 0 && dropProbability < 1)) {
            throw new IllegalArgumentException(
                    "attention needs at least one head and a drop probability in [0, 1), got " + heads + " and "
                            + dropProbability);
        }
        this.x$1 = heads;
        this.x$2 = dropProbability;
    }

    /** Attention of width {@code d} with Xavier-initialised projections. */
    public static MultiHeadAttention create(int d, int heads, double dropProbability) {
        if (d % heads != 0) {
            throw new IllegalArgumentException(heads + " heads do not divide width " + d);
        }
        MultiHeadAttention attention = new MultiHeadAttention(heads, dropProbability);
        for (int i = 0; i < 4; i++) {
            Linear<Object> projection = Bigdl.linear(d, d, false);
            Bigdl.initXavier(projection);
            Bigdl.addChild(attention, projection);
        }
        return attention;
    }

    public int heads() {
        return x$1;
    }

    public double dropProbability() {
        return x$2;
    }

    /** Projection weight [d, d] (out × in): 0 = query, 1 = key, 2 = value, 3 = output. */
    public Tensor<Object> projection(int index) {
        return ((Linear<Object>) (Object) modules().apply(index)).weight();
    }

    private AbstractModule<Tensor<Object>, Tensor<Object>, Object> linear(int index) {
        return (AbstractModule) modules().apply(index);
    }

    private boolean dropping() {
        return isTraining() && x$2 > 0;
    }

    @Override
    public Tensor<Object> updateOutput(Table input) {
        Tensor<Object> q = contiguous(Bigdl.tensorAt(input, 1));
        Tensor<Object> kv = contiguous(Bigdl.tensorAt(input, 2));
        int batch = q.size(1);
        int tq = q.size(2);
        int d = q.size(3);
        int tk = kv.size(2);
        int[] lengths = LengthMaskedModule.lengths(Bigdl.table(kv, Bigdl.tensorAt(input, 3)), kv, 1);
        int heads = x$1;
        int dh = d / heads;
        if (dh * heads != d || kv.size(1) != batch || kv.size(3) != d) {
            throw new IllegalArgumentException("attention with " + heads + " heads got queries "
                    + java.util.Arrays.toString(q.size()) + " and keys " + java.util.Arrays.toString(kv.size()));
        }
        queries2d = q.view(new int[] {batch * tq, d});
        keys2d = kv.view(new int[] {batch * tk, d});
        Tensor<Object> qp = linear(0).forward(queries2d);
        Tensor<Object> kp = linear(1).forward(keys2d);
        Tensor<Object> vp = linear(2).forward(keys2d);
        float[] Q = Bigdl.data(qp);
        int qBase = Bigdl.offset(qp);
        float[] K = Bigdl.data(kp);
        int kBase = Bigdl.offset(kp);
        float[] V = Bigdl.data(vp);
        int vBase = Bigdl.offset(vp);

        blockStart = new int[batch + 1];
        for (int b = 0; b < batch; b++) {
            blockStart[b + 1] = blockStart[b] + heads * tq * lengths[b];
        }
        probabilities = ensure(probabilities, blockStart[batch]);
        context2d = context2d == null ? Bigdl.zeros(batch * tq, d) : context2d.resize(batch * tq, d);
        float[] context = Bigdl.data(context2d);
        int cBase = Bigdl.offset(context2d);
        scratch = ensure(scratch, tq * tk);
        dropoutSeed = dropping() ? Bigdl.randomLong() : 0L;
        float scale = (float) (1.0 / Math.sqrt(dh));
        for (int b = 0; b < batch; b++) {
            int len = lengths[b];
            for (int h = 0; h < heads; h++) {
                int p = blockStart[b] + h * tq * len;
                Blas.gemm(
                        false,
                        true,
                        tq,
                        len,
                        dh,
                        scale,
                        Q,
                        qBase + b * tq * d + h * dh,
                        d,
                        K,
                        kBase + b * tk * d + h * dh,
                        d,
                        0f,
                        probabilities,
                        p,
                        len);
                softmaxRows(probabilities, p, tq, len);
                float[] weights = probabilities;
                int w = p;
                if (dropping()) {
                    System.arraycopy(probabilities, p, scratch, 0, tq * len);
                    applyDropout(scratch, 0, tq * len, blockSeed(b, h));
                    weights = scratch;
                    w = 0;
                }
                Blas.gemm(
                        false,
                        false,
                        tq,
                        dh,
                        len,
                        1f,
                        weights,
                        w,
                        len,
                        V,
                        vBase + b * tk * d + h * dh,
                        d,
                        0f,
                        context,
                        cBase + b * tq * d + h * dh,
                        d);
            }
        }
        Tensor<Object> out = linear(3).forward(context2d);
        output_$eq(out.view(new int[] {batch, tq, d}));
        return output();
    }

    @Override
    public Table updateGradInput(Table input, Tensor<Object> gradOutput) {
        Tensor<Object> q = contiguous(Bigdl.tensorAt(input, 1));
        Tensor<Object> kv = contiguous(Bigdl.tensorAt(input, 2));
        int batch = q.size(1);
        int tq = q.size(2);
        int d = q.size(3);
        int tk = kv.size(2);
        int heads = x$1;
        int dh = d / heads;
        float scale = (float) (1.0 / Math.sqrt(dh));
        gradOutput2d = contiguous(gradOutput).view(new int[] {batch * tq, d});
        Tensor<Object> dContext = linear(3).updateGradInput(context2d, gradOutput2d);
        float[] dC = Bigdl.data(dContext);
        int dcBase = Bigdl.offset(dContext);
        Tensor<Object> qp = linear(0).output();
        Tensor<Object> kp = linear(1).output();
        Tensor<Object> vp = linear(2).output();
        float[] Q = Bigdl.data(qp);
        int qBase = Bigdl.offset(qp);
        float[] K = Bigdl.data(kp);
        int kBase = Bigdl.offset(kp);
        float[] V = Bigdl.data(vp);
        int vBase = Bigdl.offset(vp);

        gradQueries = zeroed(gradQueries, batch * tq, d);
        gradKeys = zeroed(gradKeys, batch * tk, d);
        gradValues = zeroed(gradValues, batch * tk, d);
        float[] dQ = Bigdl.data(gradQueries);
        float[] dK = Bigdl.data(gradKeys);
        float[] dV = Bigdl.data(gradValues);
        float[] dA = new float[tq * tk];
        for (int b = 0; b < batch; b++) {
            int len = (blockStart[b + 1] - blockStart[b]) / (heads * tq);
            for (int h = 0; h < heads; h++) {
                int p = blockStart[b] + h * tq * len;
                int n = tq * len;
                // dA = dContext · Vᵀ
                Blas.gemm(
                        false,
                        true,
                        tq,
                        len,
                        dh,
                        1f,
                        dC,
                        dcBase + b * tq * d + h * dh,
                        d,
                        V,
                        vBase + b * tk * d + h * dh,
                        d,
                        0f,
                        dA,
                        0,
                        len);
                float[] weights = probabilities;
                int w = p;
                if (dropping()) {
                    System.arraycopy(probabilities, p, scratch, 0, n);
                    applyDropout(scratch, 0, n, blockSeed(b, h));
                    weights = scratch;
                    w = 0;
                    // Back through the dropout: the same mask and scale.
                    applyDropout(dA, 0, n, blockSeed(b, h));
                }
                // dV = Aᵀ · dContext
                Blas.gemm(
                        true,
                        false,
                        len,
                        dh,
                        tq,
                        1f,
                        weights,
                        w,
                        len,
                        dC,
                        dcBase + b * tq * d + h * dh,
                        d,
                        0f,
                        dV,
                        b * tk * d + h * dh,
                        d);
                // Softmax backward, in place: dS = P ⊙ (dP − Σ_k P_k dP_k)
                for (int i = 0; i < tq; i++) {
                    int row = i * len;
                    double dot = 0;
                    for (int j = 0; j < len; j++) {
                        dot += probabilities[p + row + j] * dA[row + j];
                    }
                    for (int j = 0; j < len; j++) {
                        dA[row + j] = (float) (probabilities[p + row + j] * (dA[row + j] - dot));
                    }
                }
                // dQ = scale · dS · K,  dK = scale · dSᵀ · Q
                Blas.gemm(
                        false,
                        false,
                        tq,
                        dh,
                        len,
                        scale,
                        dA,
                        0,
                        len,
                        K,
                        kBase + b * tk * d + h * dh,
                        d,
                        0f,
                        dQ,
                        b * tq * d + h * dh,
                        d);
                Blas.gemm(
                        true,
                        false,
                        len,
                        dh,
                        tq,
                        scale,
                        dA,
                        0,
                        len,
                        Q,
                        qBase + b * tq * d + h * dh,
                        d,
                        0f,
                        dK,
                        b * tk * d + h * dh,
                        d);
            }
        }
        Tensor<Object> gq = linear(0).updateGradInput(queries2d, gradQueries);
        Tensor<Object> gk = linear(1).updateGradInput(keys2d, gradKeys);
        Tensor<Object> gv = linear(2).updateGradInput(keys2d, gradValues);
        Tensor<Object> gradQ = gradInput().contains(1) ? Bigdl.tensorAt(gradInput(), 1) : Bigdl.zeros();
        Tensor<Object> gradKV = gradInput().contains(2) ? Bigdl.tensorAt(gradInput(), 2) : Bigdl.zeros();
        gradQ.resize(batch, tq, d).copy(gq.view(new int[] {batch, tq, d}));
        gradKV.resize(batch, tk, d).copy(gk.view(new int[] {batch, tk, d})).add(gv.view(new int[] {batch, tk, d}));
        Tensor<Object> lengths = Bigdl.tensorAt(input, 3);
        Tensor<Object> gradLengths = gradInput().contains(3) ? Bigdl.tensorAt(gradInput(), 3) : Bigdl.zeros();
        gradLengths.resizeAs(lengths).zero();
        gradInput().update(1, gradQ);
        gradInput().update(2, gradKV);
        gradInput().update(3, gradLengths);
        return gradInput();
    }

    @Override
    public void accGradParameters(Table input, Tensor<Object> gradOutput) {
        linear(0).accGradParameters(queries2d, gradQueries);
        linear(1).accGradParameters(keys2d, gradKeys);
        linear(2).accGradParameters(keys2d, gradValues);
        linear(3).accGradParameters(context2d, gradOutput2d);
    }

    /** Numerically stable softmax of each of {@code rows} rows of {@code cols} values, in place. */
    private static void softmaxRows(float[] x, int offset, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            int row = offset + i * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[row + j]);
            }
            for (int j = 0; j < cols; j++) {
                x[row + j] -= max;
            }
        }
        Blas.exp(rows * cols, x, offset, x, offset);
        for (int i = 0; i < rows; i++) {
            int row = offset + i * cols;
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += x[row + j];
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) {
                x[row + j] *= inv;
            }
        }
    }

    private long blockSeed(int b, int h) {
        return dropoutSeed ^ (0x9E3779B97F4A7C15L * (b * (long) x$1 + h + 1));
    }

    /** Zeroes each value with the drop probability and scales the rest by 1/(1 − p); a seed gives one mask. */
    private void applyDropout(float[] x, int offset, int n, long seed) {
        InvertedDropout.apply(x, offset, n, x$2, seed);
    }

    private static Tensor<Object> contiguous(Tensor<Object> t) {
        return t.isContiguous() ? t : t.contiguous();
    }

    private static float[] ensure(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }

    private static Tensor<Object> zeroed(Tensor<Object> t, int rows, int cols) {
        Tensor<Object> out = t == null ? Bigdl.zeros(rows, cols) : t.resize(rows, cols);
        return out.zero();
    }

    @Override
    public String toString() {
        return "MultiHeadAttention(" + projection(0).size(1) + ", heads " + x$1 + ", drop " + x$2 + ")";
    }
}
