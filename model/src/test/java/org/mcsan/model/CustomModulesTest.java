package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.intel.analytics.bigdl.nn.Attention;
import com.intel.analytics.bigdl.nn.Attention$;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.optim.Adam;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.LayerException;
import com.intel.analytics.bigdl.utils.Table;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcsan.model.nn.InvertedDropout;
import org.mcsan.model.nn.LayerNorm;
import org.mcsan.model.nn.MaskedMaxPool;
import org.mcsan.model.nn.MultiHeadAttention;
import org.mcsan.model.nn.PositionalEncoding;
import org.mcsan.model.nn.SequenceMask;
import org.mcsan.model.nn.SequenceReverse;
import scala.Tuple2;

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
    private static void checkTableGradient(
            String what, AbstractModule module, Tensor<Object> x, Tensor<Object> lens, double step) {
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
        checkTableGradient(
                "SequenceMask 4-D", new SequenceMask(), random(2, 2, 1, 6, 3), lengths(3, 6), GradientCheck.STEP);
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
                    double expected = ((Float) x.valueAt(b, t, j) - mean)
                                    / Math.sqrt(var + 1e-5)
                                    * (Float) norm.scale().valueAt(j)
                            + (Float) norm.shift().valueAt(j);
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

    /** Our attention with padded keys equals BigDL's nn.Attention with a −1e9 bias on those keys. */
    @Test
    void multiHeadAttentionMatchesBigdlAttention() {
        int d = 8;
        Bigdl.seed(3);
        MultiHeadAttention ours = MultiHeadAttention.create(d, 2, 0.0);
        Attention<Object> bigdl = Attention$.MODULE$.apply(d, 2, 1.0f, Bigdl.FLOAT, Bigdl.NUMERIC);
        Table table = bigdl.getParametersTable();
        String[] suffixes = {"_q", "_k", "_v", "_output_transform"};
        scala.collection.Iterator<Object> keys = table.keySet().iterator();
        int copied = 0;
        while (keys.hasNext()) {
            String key = keys.next().toString();
            for (int i = 0; i < 4; i++) {
                if (key.endsWith(suffixes[i])) {
                    ((Tensor<Object>) ((Table) table.apply(key)).apply("weight")).copy(ours.projection(i));
                    copied++;
                }
            }
        }
        assertEquals(4, copied);
        ours.evaluate();
        bigdl.evaluate();
        Tensor<Object> q = random(13, 3, 4, d);
        Tensor<Object> kv = random(14, 3, 5, d);
        Tensor<Object> bias = Bigdl.zeros(3, 1, 1, 5);
        float[] lens = {5, 2, 1};
        for (int b = 0; b < 3; b++) {
            for (int t = (int) lens[b]; t < 5; t++) {
                bias.setValue(b + 1, 1, 1, t + 1, (Object) (-1e9f));
            }
        }
        Tensor<Object> expected = (Tensor<Object>) bigdl.forward(Bigdl.table(q, kv, bias));
        Tensor<Object> actual = ours.forward(Bigdl.table(q, kv, lengths(lens)));
        assertArrayEquals(expected.size(), actual.size());
        assertEquals(0.0, maxAbs(expected.clone().sub(actual)), 1e-5);
    }

    /** Padded keys have no influence and no gradient; finite differences for inputs and projections. */
    @Test
    void multiHeadAttentionIgnoresPaddedKeys() {
        int d = 8;
        Bigdl.seed(4);
        MultiHeadAttention attention = MultiHeadAttention.create(d, 2, 0.0);
        Tensor<Object> q = random(15, 2, 3, d);
        Tensor<Object> kv = random(16, 2, 5, d);
        Tensor<Object> lens = lengths(5, 2);
        Tensor<Object> y = attention.forward(Bigdl.table(q, kv, lens)).clone();

        // Garbage in the padded keys of sequence 2 changes nothing.
        Tensor<Object> garbage = kv.clone();
        garbage.narrow(1, 2, 1).narrow(2, 3, 3).fill((Object) 50f);
        assertEquals(0.0, maxAbs(y.clone().sub(attention.forward(Bigdl.table(q, garbage, lens)))), 0.0);

        // Sequence 2 alone with its two real keys gives the same output.
        Tensor<Object> alone = attention.forward(Bigdl.table(
                q.narrow(1, 2, 1).clone(), kv.narrow(1, 2, 1).narrow(2, 1, 2).clone(), lengths(2)));
        assertEquals(0.0, maxAbs(alone.clone().sub(y.narrow(1, 2, 1))), 1e-6);

        Tensor<Object> w = GradientCheck.projection(attention, Bigdl.table(q, kv, lens), 4);
        attention.zeroGradParameters();
        attention.forward(Bigdl.table(q, kv, lens));
        Table grad = (Table) attention.backward(Bigdl.table(q, kv, lens), w);
        float[] gq = Bigdl.toArray(Bigdl.tensorAt(grad, 1));
        Tensor<Object> gkv = Bigdl.tensorAt(grad, 2).clone();
        assertEquals(0.0, maxAbs(gkv.narrow(1, 2, 1).narrow(2, 3, 3)), 0.0);
        assertEquals(0.0, maxAbs(Bigdl.tensorAt(grad, 3)), 0.0);
        Tensor<Object>[] gradWeights = attention.parameters()._2();
        float[][] gp = new float[4][];
        for (int i = 0; i < 4; i++) {
            gp[i] = Bigdl.toArray(gradWeights[i]);
        }
        GradientCheck.check(
                "attention queries", attention, () -> Bigdl.table(q, kv, lens), w, q, gq, GradientCheck.STEP);
        GradientCheck.check(
                "attention keys/values",
                attention,
                () -> Bigdl.table(q, kv, lens),
                w,
                kv,
                Bigdl.toArray(gkv),
                GradientCheck.STEP);
        for (int i = 0; i < 4; i++) {
            GradientCheck.check(
                    "attention projection " + i,
                    attention,
                    () -> Bigdl.table(q, kv, lens),
                    w,
                    attention.projection(i),
                    gp[i],
                    GradientCheck.STEP);
        }
    }

    /** With attention dropout, a seed gives one mask, and the gradient sees the same mask. */
    @Test
    void multiHeadAttentionDropoutIsSeededAndDifferentiated() {
        int d = 8;
        Bigdl.seed(5);
        MultiHeadAttention attention = MultiHeadAttention.create(d, 2, 0.3);
        attention.training();
        Tensor<Object> q = random(17, 2, 3, d);
        Tensor<Object> kv = random(18, 2, 4, d);
        Tensor<Object> lens = lengths(4, 3);
        Bigdl.seed(99);
        Tensor<Object> first = attention.forward(Bigdl.table(q, kv, lens)).clone();
        Tensor<Object> other = attention.forward(Bigdl.table(q, kv, lens)).clone();
        assertNotEquals(0.0, maxAbs(first.clone().sub(other)));
        Bigdl.seed(99);
        Tensor<Object> again = attention.forward(Bigdl.table(q, kv, lens)).clone();
        assertEquals(0.0, maxAbs(first.clone().sub(again)), 0.0);
        Tensor<Object> eval =
                attention.evaluate().forward(Bigdl.table(q, kv, lens)).clone();
        assertNotEquals(0.0, maxAbs(first.clone().sub(eval)));
        attention.training();

        // Finite differences with the mask fixed: reseed before every forward pass.
        Tensor<Object> w = random(19, 2, 3, d);
        Bigdl.seed(7);
        attention.forward(Bigdl.table(q, kv, lens));
        float[] gq = Bigdl.toArray(Bigdl.tensorAt((Table) attention.backward(Bigdl.table(q, kv, lens), w), 1));
        GradientCheck.check(
                "attention queries under dropout",
                attention,
                () -> {
                    Bigdl.seed(7);
                    return Bigdl.table(q, kv, lens);
                },
                w,
                q,
                gq,
                GradientCheck.STEP);
    }

    @Test
    void invertedDropoutDropsAndScalesWhileTraining() {
        InvertedDropout dropout = new InvertedDropout(0.25);
        Tensor<Object> x = Bigdl.zeros(100000).fill((Object) 2f);
        Bigdl.seed(1);
        float[] y = Bigdl.toArray(dropout.forward(x));
        int kept = 0;
        for (float v : y) {
            if (v != 0f) {
                assertEquals(2f / 0.75f, v, 1e-6f);
                kept++;
            }
        }
        assertEquals(0.75, kept / 100000.0, 0.01);
        float[] g = Bigdl.toArray(dropout.backward(x, Bigdl.zeros(100000).fill((Object) 1f)));
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i] == 0f ? 0f : 1f / 0.75f, g[i], 1e-6f);
        }
        Bigdl.seed(1);
        assertArrayEquals(y, Bigdl.toArray(dropout.forward(x)), 0f);
        dropout.evaluate();
        assertArrayEquals(Bigdl.toArray(x), Bigdl.toArray(dropout.forward(x)), 0f);
        assertArrayEquals(Bigdl.toArray(x), Bigdl.toArray(dropout.backward(x, x)), 0f);
    }

    @Test
    void modulesRejectLengthsThatDoNotFit() {
        Tensor<Object> x = random(15, 2, 4, 3);
        assertRejected(() -> new SequenceMask().forward(Bigdl.table(x, lengths(4))));
        assertRejected(() -> new SequenceMask().forward(Bigdl.table(x, lengths(4, -1))));
        assertRejected(() -> LayerNorm.create(4).forward(x));
    }
}
