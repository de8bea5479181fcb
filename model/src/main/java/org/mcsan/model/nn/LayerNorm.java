package org.mcsan.model.nn;

import com.intel.analytics.bigdl.nn.CAdd;
import com.intel.analytics.bigdl.nn.CMul;
import com.intel.analytics.bigdl.nn.Container;
import com.intel.analytics.bigdl.tensor.Tensor;
import org.mcsan.model.Bigdl;

/**
 * Layer normalisation over the last dimension, {@code y = γ ⊙ (x − mean) / sqrt(var + ε) + β}
 * with the biased variance and ε = {@value #EPSILON} (PyTorch's {@code nn.LayerNorm} defaults).
 *
 * <p>Unlike BigDL's {@code LayerNormalization}, whose γ/β gradients never reach the flat
 * gradient of {@code getParameters()}, γ and β here train: they are the parameters of two child
 * modules (γ = the weight of a {@code CMul}, β = the bias of a {@code CAdd}, both of size d)
 * that serve only as parameter holders, so BigDL's container machinery (flattening, saving,
 * loading, parameter tables) handles them like any other layer's. This module computes the
 * normalisation and writes its gradients into those holders.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public class LayerNorm extends Container<Tensor<Object>, Tensor<Object>, Object> {

    public static final double EPSILON = 1e-5;

    /** (x − mean) / sqrt(var + ε) of the last forward pass, row-major like the input. */
    private transient float[] normalized;
    /** 1 / sqrt(var + ε) of each row of the last forward pass. */
    private transient float[] inverseStd;

    /** For BigDL's module loader only; use {@link #create(int)}. */
    public LayerNorm() {
        super(Bigdl.TENSOR_TAG, Bigdl.TENSOR_TAG, Bigdl.FLOAT, Bigdl.NUMERIC);
    }

    /** A layer norm over width {@code d}, with γ = 1 and β = 0. */
    public static LayerNorm create(int d) {
        LayerNorm norm = new LayerNorm();
        Bigdl.addChild(norm, Bigdl.cmul(d));
        Bigdl.addChild(norm, Bigdl.cadd(d));
        norm.reset();
        return norm;
    }

    /** γ, shape [d]. */
    public Tensor<Object> scale() {
        return ((CMul<Object>) (Object) modules().apply(0)).weight();
    }

    /** β, shape [d]. */
    public Tensor<Object> shift() {
        return ((CAdd<Object>) (Object) modules().apply(1)).bias();
    }

    private Tensor<Object> scaleGradient() {
        return ((CMul<Object>) (Object) modules().apply(0)).gradWeight();
    }

    private Tensor<Object> shiftGradient() {
        return ((CAdd<Object>) (Object) modules().apply(1)).gradBias();
    }

    @Override
    public void reset() {
        scale().fill(1f);
        shift().fill(0f);
        zeroGradParameters();
    }

    @Override
    public Tensor<Object> updateOutput(Tensor<Object> input) {
        Tensor<Object> x = input.isContiguous() ? input : input.contiguous();
        int width = (int) scale().nElement();
        if (x.size(x.dim()) != width) {
            throw new IllegalArgumentException(
                    "LayerNorm over width " + width + " got input " + java.util.Arrays.toString(x.size()));
        }
        int rows = (int) (x.nElement() / width);
        if (normalized == null || normalized.length < rows * width) {
            normalized = new float[rows * width];
        }
        if (inverseStd == null || inverseStd.length < rows) {
            inverseStd = new float[rows];
        }
        output().resizeAs(x);
        float[] in = Bigdl.data(x);
        int inBase = Bigdl.offset(x);
        float[] out = Bigdl.data(output());
        int outBase = Bigdl.offset(output());
        Tensor<Object> gammaT = scale().isContiguous() ? scale() : scale().contiguous();
        Tensor<Object> betaT = shift().isContiguous() ? shift() : shift().contiguous();
        float[] gamma = Bigdl.data(gammaT);
        int gBase = Bigdl.offset(gammaT);
        float[] beta = Bigdl.data(betaT);
        int bBase = Bigdl.offset(betaT);
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += in[inBase + row + j];
            }
            double mean = sum / width;
            double squares = 0;
            for (int j = 0; j < width; j++) {
                double centred = in[inBase + row + j] - mean;
                squares += centred * centred;
            }
            double inv = 1.0 / Math.sqrt(squares / width + EPSILON);
            inverseStd[r] = (float) inv;
            for (int j = 0; j < width; j++) {
                float xhat = (float) ((in[inBase + row + j] - mean) * inv);
                normalized[row + j] = xhat;
                out[outBase + row + j] = gamma[gBase + j] * xhat + beta[bBase + j];
            }
        }
        return output();
    }

    @Override
    public Tensor<Object> updateGradInput(Tensor<Object> input, Tensor<Object> gradOutput) {
        Tensor<Object> g = gradOutput.isContiguous() ? gradOutput : gradOutput.contiguous();
        int width = (int) scale().nElement();
        int rows = (int) (g.nElement() / width);
        gradInput().resizeAs(input);
        float[] dy = Bigdl.data(g);
        int dyBase = Bigdl.offset(g);
        float[] dx = Bigdl.data(gradInput());
        int dxBase = Bigdl.offset(gradInput());
        Tensor<Object> gammaT = scale().isContiguous() ? scale() : scale().contiguous();
        float[] gamma = Bigdl.data(gammaT);
        int gBase = Bigdl.offset(gammaT);
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            // dx = inv * (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat)), dxhat = dy ⊙ γ
            double meanD = 0;
            double meanDX = 0;
            for (int j = 0; j < width; j++) {
                double dxhat = dy[dyBase + row + j] * gamma[gBase + j];
                meanD += dxhat;
                meanDX += dxhat * normalized[row + j];
            }
            meanD /= width;
            meanDX /= width;
            double inv = inverseStd[r];
            for (int j = 0; j < width; j++) {
                double dxhat = dy[dyBase + row + j] * gamma[gBase + j];
                dx[dxBase + row + j] = (float) (inv * (dxhat - meanD - normalized[row + j] * meanDX));
            }
        }
        return gradInput();
    }

    @Override
    public void accGradParameters(Tensor<Object> input, Tensor<Object> gradOutput) {
        Tensor<Object> g = gradOutput.isContiguous() ? gradOutput : gradOutput.contiguous();
        int width = (int) scale().nElement();
        int rows = (int) (g.nElement() / width);
        float[] dy = Bigdl.data(g);
        int dyBase = Bigdl.offset(g);
        double[] dGamma = new double[width];
        double[] dBeta = new double[width];
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            for (int j = 0; j < width; j++) {
                double d = dy[dyBase + row + j];
                dGamma[j] += d * normalized[row + j];
                dBeta[j] += d;
            }
        }
        addScaled(scaleGradient(), dGamma, scaleW());
        addScaled(shiftGradient(), dBeta, scaleB());
    }

    /** gradient[j] += factor · values[j], whatever the gradient tensor's storage offset. */
    private static void addScaled(Tensor<Object> gradient, double[] values, double factor) {
        if (factor == 0) {
            return;
        }
        for (int j = 0; j < values.length; j++) {
            float current = ((Number) gradient.valueAt(j + 1)).floatValue();
            gradient.setValue(j + 1, (Object) (float) (current + factor * values[j]));
        }
    }

    @Override
    public String toString() {
        return "LayerNorm(" + scale().nElement() + ")";
    }
}
