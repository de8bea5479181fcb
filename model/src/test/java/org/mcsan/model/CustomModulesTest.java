package org.mcsan.model;

import com.intel.analytics.bigdl.nn.Attention;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.optim.Adam;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.LayerException;
import com.intel.analytics.bigdl.utils.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcsan.model.nn.KeyPaddingBias;
import org.mcsan.model.nn.LayerNorm;
import org.mcsan.model.nn.MaskedMaxPool;
import org.mcsan.model.nn.PositionalEncoding;
import org.mcsan.model.nn.SequenceMask;
import org.mcsan.model.nn.SequenceReverse;
import scala.Tuple2;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Values and gradients of the modules written for this project. */
@SuppressWarnings({"unchecked", "rawtypes"})
class CustomModulesTest {

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    private static Tensor<Object> random(long seed, int... shape) {
        Tensor<Object> t = Bigdl.zeros(shape);
        Random r = new Random(seed);
        float[] d = Bigdl.data(t);
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return t;
    }

    /** BigDL wraps a layer's exception (in a LayerException); the cause must be our IllegalArgumentException. */
    static void assertRejected(org.junit.jupiter.api.function.Executable call) {
        Throwable t = assertThrows(RuntimeException.class, call);
        while (t != null && !(t instanceof IllegalArgumentException)) {
            t = t instanceof LayerException ? ((LayerException) t).error() : t.getCause();
        }
        org.junit.jupiter.api.Assertions.assertNotNull(t, "expected an IllegalArgumentException as the cause");
    }

    static double maxAbs(Tensor<Object> t) {
        double m = 0;
        for (float v : Bigdl.toArray(t)) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static Tensor<Object> lengths(float... values) {
        return Bigdl.tensor(values.clone(), values.length);
    }

    /** Finite differences of {@code module} w.r.t. the first element of a T(x, lengths) input. */
    private static void checkTableGradient(String what, AbstractModule module, Tensor<Object> x, Tensor<Object> lens, double step) {
        Tensor<Object> w = GradientCheck.projection(module, Bigdl.table(x, lens), 1);
        module.forward(Bigdl.table(x, lens));
        Table grad = (Table) module.backward(Bigdl.table(x, lens), w);
        float[] analytic = Bigdl.toArray(Bigdl.tensorAt(grad, 1));
        assertEquals(0.0, maxAbs(Bigdl.tensorAt(grad, 2)), 0.0, what + ": gradient of the lengths");
        GradientCheck.check(what, module, () -> Bigdl.table(x, lens), w, x, analytic, step);
    }

    @Test
    void sequenceMaskZeroesPaddedStepsAndTheirGradients() {
        Tensor<Object> x = random(1, 3, 5, 4);
        Tensor<Object> lens = lengths(5, 2, 0);
        Tensor<Object> y = new SequenceMask().forward(Bigdl.table(x, lens));
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 5; t++) {
                for (int c = 0; c < 4; c++) {
                    float expected = t < Bigdl.toArray(lens)[b] ? (Float) x.valueAt(b + 1, t + 1, c + 1) : 0f;
                    assertEquals(expected, (Float) y.valueAt(b + 1, t + 1, c + 1), 0f);
                }
            }
        }
        checkTableGradient("SequenceMask", new SequenceMask(), x, lens, GradientCheck.STEP);
        // Channels-last image layout [B, 1, T, C]: time is still the second-to-last axis.
        checkTableGradient("SequenceMask 4-D", new SequenceMask(), random(2, 2, 1, 6, 3), lengths(3, 6), GradientCheck.STEP);
    }

    @Test
    void sequenceReverseReversesWithinEachLength() {
        Tensor<Object> x = random(3, 3, 6, 2);
        Tensor<Object> lens = lengths(6, 3, 1);
        Tensor<Object> y = new SequenceReverse().forward(Bigdl.table(x, lens));
        float[] l = Bigdl.toArray(lens);
        for (int b = 0; b < 3; b++) {
            int len = (int) l[b];
            for (int t = 0; t < 6; t++) {
                for (int c = 0; c < 2; c++) {
                    float expected = t < len ? (Float) x.valueAt(b + 1, len - t, c + 1) : 0f;
                    assertEquals(expected, (Float) y.valueAt(b + 1, t + 1, c + 1), 0f, "b" + b + " t" + t);
                }
            }
        }
        checkTableGradient("SequenceReverse", new SequenceReverse(), x, lens, GradientCheck.STEP);
        assertRejected(() -> new SequenceReverse().forward(Bigdl.table(x, lengths(7, 1, 1))));
        assertRejected(() -> new SequenceReverse().forward(Bigdl.table(x, lengths(2.5f, 1, 1))));
    }

    @Test
    void maskedMaxPoolIgnoresPaddedSteps() {
        Tensor<Object> x = random(4, 3, 5, 4);
        // Padded steps hold large values that must never win.
        for (int c = 1; c <= 4; c++) {
            x.setValue(2, 4, c, (Object) 100f);
            x.setValue(3, 2, c, (Object) 100f);
        }
        Tensor<Object> lens = lengths(5, 3, 1);
        Tensor<Object> y = new MaskedMaxPool().forward(Bigdl.table(x, lens));
        float[] l = Bigdl.toArray(lens);
        for (int b = 0; b < 3; b++) {
            for (int c = 0; c < 4; c++) {
                float best = Float.NEGATIVE_INFINITY;
                for (int t = 0; t < l[b]; t++) {
                    best = Math.max(best, (Float) x.valueAt(b + 1, t + 1, c + 1));
                }
                assertEquals(best, (Float) y.valueAt(b + 1, c + 1), 0f);
            }
        }
        checkTableGradient("MaskedMaxPool", new MaskedMaxPool(), x, lens, 1e-3);
        assertRejected(() -> new MaskedMaxPool().forward(Bigdl.table(x, lengths(5, 0, 1))));
    }

    @Test
    void keyPaddingBiasMasksPaddedKeys() {
        Tensor<Object> keys = random(5, 2, 4, 3);
        Tensor<Object> bias = new KeyPaddingBias().forward(Bigdl.table(keys, lengths(4, 2)));
        assertEquals(4, bias.dim());
        float[] b = Bigdl.toArray(bias);
        float[] expected = {0, 0, 0, 0, 0, 0, KeyPaddingBias.PADDED, KeyPaddingBias.PADDED};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], b[i], 0f);
        }
    }

    @Test
    void positionalEncodingAddsTheSinusoidTable() {
        int d = 6;
        Tensor<Object> x = random(6, 2, 5, d);
        Tensor<Object> y = new PositionalEncoding().forward(x);
        for (int b = 1; b <= 2; b++) {
            for (int t = 0; t < 5; t++) {
                for (int j = 0; j < d; j++) {
                    // PE(t, 2i) = sin(t / 10000^(2i/d)), PE(t, 2i+1) = cos(t / 10000^(2i/d))
                    int i = j / 2;
                    double angle = t * Math.exp(-Math.log(10000.0) * 2 * i / d);
                    double pe = j % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
                    assertEquals((Float) x.valueAt(b, t + 1, j + 1) + pe, (Float) y.valueAt(b, t + 1, j + 1), 1e-6);
                }
            }
        }
        // A longer sequence after a shorter one: the table grows, earlier rows unchanged.
        Tensor<Object> zeros = Bigdl.zeros(1, 9, d);
        PositionalEncoding pe = new PositionalEncoding();
        pe.forward(Bigdl.zeros(1, 2, d));
        Tensor<Object> table = pe.forward(zeros);
        assertEquals(PositionalEncoding.value(8, 3, d), (Float) table.valueAt(1, 9, 4), 1e-6);
        assertEquals(Math.sin(0.0), (Float) table.valueAt(1, 1, 1), 0.0);
        assertEquals(Math.cos(0.0), (Float) table.valueAt(1, 1, 2), 0.0);

        PositionalEncoding module = new PositionalEncoding();
        Tensor<Object> w = GradientCheck.projection(module, x, 2);
        module.forward(x);
        float[] analytic = Bigdl.toArray((Tensor<Object>) module.backward(x, w));
        GradientCheck.check("PositionalEncoding", module, () -> x, w, x, analytic, GradientCheck.STEP);
    }

    @Test
    void layerNormMatchesADirectComputation() {
        int d = 6;
        LayerNorm norm = LayerNorm.create(d);
        Random r = new Random(7);
        for (int j = 1; j <= d; j++) {
            norm.scale().setValue(j, (Object) (float) (1 + r.nextGaussian() * 0.3));
            norm.shift().setValue(j, (Object) (float) r.nextGaussian());
        }
        Tensor<Object> x = random(8, 2, 3, d).mul((Object) 3f).add((Object) 1.5f);
        Tensor<Object> y = norm.forward(x);
        for (int b = 1; b <= 2; b++) {
            for (int t = 1; t <= 3; t++) {
                double mean = 0;
                for (int j = 1; j <= d; j++) {
                    mean += (Float) x.valueAt(b, t, j);
                }
                mean /= d;
                double var = 0;
                for (int j = 1; j <= d; j++) {
                    double c = (Float) x.valueAt(b, t, j) - mean;
                    var += c * c;
                }
                var /= d;
                for (int j = 1; j <= d; j++) {
                    double expected = ((Float) x.valueAt(b, t, j) - mean) / Math.sqrt(var + 1e-5)
                            * (Float) norm.scale().valueAt(j) + (Float) norm.shift().valueAt(j);
                    assertEquals(expected, (Float) y.valueAt(b, t, j), 1e-5);
                }
            }
        }
    }

    @Test
    void layerNormGradientsOfInputScaleAndShift() {
        int d = 5;
        LayerNorm norm = LayerNorm.create(d);
        Random r = new Random(9);
        for (int j = 1; j <= d; j++) {
            norm.scale().setValue(j, (Object) (float) (1 + r.nextGaussian() * 0.3));
            norm.shift().setValue(j, (Object) (float) r.nextGaussian());
        }
        Tensor<Object> x = random(10, 3, 2, d);
        Tensor<Object> w = GradientCheck.projection(norm, x, 3);
        norm.zeroGradParameters();
        norm.forward(x);
        float[] gradX = Bigdl.toArray((Tensor<Object>) norm.backward(x, w));
        Tensor<Object>[] grads = norm.parameters()._2();
        float[] gradScale = Bigdl.toArray(grads[0]);
        float[] gradShift = Bigdl.toArray(grads[1]);
        GradientCheck.check("LayerNorm input", norm, () -> x, w, x, gradX, GradientCheck.STEP);
        GradientCheck.check("LayerNorm scale", norm, () -> x, w, norm.scale(), gradScale, GradientCheck.STEP);
        GradientCheck.check("LayerNorm shift", norm, () -> x, w, norm.shift(), gradShift, GradientCheck.STEP);
    }

    @Test
    void layerNormScaleAndShiftMoveWithAnOptimiserStep() {
        int d = 4;
        LayerNorm norm = LayerNorm.create(d);
        Tuple2<Tensor<Object>, Tensor<Object>> flat = norm.getParameters();
        assertEquals(2 * d, flat._1().nElement());
        Tensor<Object> x = random(11, 3, 5, d);
        Tensor<Object> w = random(12, 3, 5, d);
        norm.zeroGradParameters();
        norm.forward(x);
        norm.backward(x, w);
        // The gradients reach the flat gradient the optimiser sees.
        assertNotEquals(0.0, maxAbs(flat._2()));
        Adam<Object> adam = Bigdl.adam(0.1);
        adam.optimize(Bigdl.constantEvaluation(1f, flat._2()), flat._1());
        for (int j = 1; j <= d; j++) {
            assertNotEquals(1f, (Float) norm.scale().valueAt(j), "scale " + j);
            assertNotEquals(0f, (Float) norm.shift().valueAt(j), "shift " + j);
        }
    }

    /** nn.Attention with the bias of KeyPaddingBias: padded keys have no influence and no gradient. */
    @Test
    void attentionIgnoresPaddedKeys() {
        int d = 8;
        Bigdl.seed(3);
        Attention<Object> attention = Bigdl.attention(d, 2, 0.0);
        attention.evaluate();
        Tensor<Object> q = random(13, 2, 3, d);
        Tensor<Object> kv = random(14, 2, 5, d);
        Tensor<Object> lens = lengths(5, 2);
        KeyPaddingBias biasModule = new KeyPaddingBias();
        Tensor<Object> bias = biasModule.forward(Bigdl.table(kv, lens)).clone();
        Tensor<Object> y = ((Tensor<Object>) attention.forward(Bigdl.table(q, kv, bias))).clone();

        // Garbage in the padded keys of sequence 2 changes nothing (beyond float rounding).
        Tensor<Object> garbage = kv.clone();
        garbage.narrow(1, 2, 1).narrow(2, 3, 3).fill((Object) 50f);
        Tensor<Object> y2 = (Tensor<Object>) attention.forward(Bigdl.table(q, garbage, bias));
        assertEquals(0.0, maxAbs(y.clone().sub(y2)), 1e-6);

        // Sequence 2 alone with its two real keys gives the same output.
        Tensor<Object> q2 = q.narrow(1, 2, 1).clone();
        Tensor<Object> kv2 = kv.narrow(1, 2, 1).narrow(2, 1, 2).clone();
        Tensor<Object> alone = (Tensor<Object>) attention.forward(Bigdl.table(q2, kv2, Bigdl.zeros(1, 1, 1, 2)));
        assertEquals(0.0, maxAbs(alone.clone().sub(y.narrow(1, 2, 1))), 1e-6);

        // Gradients (BigDL's dropout only back-propagates in training mode; its drop probability is 0 here):
        // finite differences for queries and keys; padded keys get exactly zero.
        attention.training();
        Tensor<Object> w = GradientCheck.projection(attention, Bigdl.table(q, kv, bias), 4);
        attention.forward(Bigdl.table(q, kv, bias));
        Table grad = (Table) attention.backward(Bigdl.table(q, kv, bias), w);
        float[] gq = Bigdl.toArray(Bigdl.tensorAt(grad, 1));
        Tensor<Object> gkv = Bigdl.tensorAt(grad, 2).clone();
        assertEquals(0.0, maxAbs(gkv.narrow(1, 2, 1).narrow(2, 3, 3)), 0.0);
        GradientCheck.check("attention queries", attention, () -> Bigdl.table(q, kv, bias), w, q, gq, GradientCheck.STEP);
        GradientCheck.check("attention keys/values", attention, () -> Bigdl.table(q, kv, bias), w, kv,
                Bigdl.toArray(gkv), GradientCheck.STEP);
    }

    @Test
    void modulesRejectLengthsThatDoNotFit() {
        Tensor<Object> x = random(15, 2, 4, 3);
        assertRejected(() -> new SequenceMask().forward(Bigdl.table(x, lengths(4))));
        assertRejected(() -> new SequenceMask().forward(Bigdl.table(x, lengths(4, -1))));
        assertRejected(() -> LayerNorm.create(4).forward(x));
    }

}
