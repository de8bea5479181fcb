package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mcsan.model.nn.LayerNorm;

/** The network's structure, initialisation, training step and gradients. */
@SuppressWarnings({"unchecked", "rawtypes"})
class McsanModelTest {

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    /** Parameters of the architecture, counted from its description (not from the network). */
    static long expectedParameters(ModelSettings s, int classes) {
        long d = s.hiddenSize;
        long attentionLayer = 4 * d * d + 2 * (2 * d) + (d * s.ffnSize + s.ffnSize + s.ffnSize * d + d);
        long n = 0;
        if (s.variant.usesAudio()) {
            long c = s.convChannels;
            long k = s.convKernel;
            n += k * s.audioDim * c + c + k * c * c + c;
            n += 2 * (4 * d * c + 4 * d * d + 4 * d);
        }
        if (s.variant.usesText()) {
            n += 2 * (4 * d * s.textDim + 4 * d * d + 4 * d);
        }
        if (s.variant.hasCrossAttention()) {
            n += 2L * s.layers * attentionLayer;
        }
        if (s.variant.hasSelfAttention()) {
            n += ((s.variant.usesAudio() ? 1 : 0) + (s.variant.usesText() ? 1 : 0)) * (long) s.layers * attentionLayer;
        }
        long width = s.variant.pooledOutputs() * d;
        for (int i = 0; i < s.classifierLayers; i++) {
            n += width * s.classifierHiddenSize + s.classifierHiddenSize;
            width = s.classifierHiddenSize;
        }
        return n + width * classes + classes;
    }

    @Test
    void paperConfigurationHasTheExpectedShapesAndParameterCount() {
        ModelSettings s = ModelSettings.defaults();
        assertEquals(Variant.FULL, s.variant);
        assertEquals(128, s.hiddenSize);
        assertEquals(8, s.heads);
        assertEquals(1, s.layers);
        assertEquals(3, s.convKernel);
        McsanModel model = McsanModel.build(s, 4, 1);
        System.out.println("MCSAN paper configuration (4 classes): " + model.parameterCount() + " parameters");
        assertEquals(expectedParameters(s, 4), model.parameterCount());

        List<Example> examples = TestData.examples(2, 3, s, 4, 30, 80, 0, 12);
        Batcher batcher = new Batcher(s, TestData.normalizer(examples, s));
        Tensor<Object> out = model.evaluate().forward(batcher.batch(examples));
        assertArrayEquals(new int[] {3, 4}, out.size());
        for (float[] p : model.predict(batcher.batch(examples))) {
            double sum = 0;
            for (float v : p) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "audio", "text", "cross", "self"})
    void everyVariantHasTheParametersOfItsParts(String variant) {
        ModelSettings s = ModelSettings.of(
                "variant",
                variant,
                "layers",
                2,
                "classifier-layers",
                2,
                "hidden-size",
                16,
                "heads",
                4,
                "ffn-size",
                24,
                "conv-channels",
                12,
                "audio-dim",
                10,
                "text-dim",
                20);
        McsanModel model = McsanModel.build(s, 7, 1);
        System.out.println(variant + ": " + model.parameterCount() + " parameters");
        assertEquals(expectedParameters(s, 7), model.parameterCount());
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        ModelSettings s = TestData.tiny("full");
        float[] a = Bigdl.toArray(McsanModel.build(s, 3, 42).weights());
        float[] b = Bigdl.toArray(McsanModel.build(s, 3, 42).weights());
        float[] c = Bigdl.toArray(McsanModel.build(s, 3, 43).weights());
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void aTrainingStepMovesEveryLayerNormScaleAndShift() {
        ModelSettings s = TestData.tiny("full");
        McsanModel model = McsanModel.build(s, 3, 5);
        List<LayerNorm> norms = new ArrayList<>();
        scala.collection.Iterator<Object> found = ((com.intel.analytics.bigdl.nn.Container) model.network())
                .findModules("LayerNorm")
                .iterator();
        while (found.hasNext()) {
            norms.add((LayerNorm) found.next());
        }
        assertEquals(8, norms.size());
        List<Example> examples = TestData.examples(3, 6, s, 3, 10, 30, 1, 5);
        Batch batch = new Batcher(s, TestData.normalizer(examples, s)).batch(examples);
        float loss = model.trainStep(batch, Bigdl.adam(1e-2));
        assertTrue(loss > 0 && !Float.isNaN(loss));
        for (LayerNorm n : norms) {
            for (int j = 1; j <= s.hiddenSize; j++) {
                assertNotEquals(1f, (Float) n.scale().valueAt(j), n.getName() + " scale " + j);
                assertNotEquals(0f, (Float) n.shift().valueAt(j), n.getName() + " shift " + j);
            }
        }
    }

    @Test
    void gradientClippingBoundsTheGlobalNorm() {
        ModelSettings s = TestData.tiny("full");
        List<Example> examples = TestData.examples(4, 6, s, 3, 10, 30, 1, 5);
        Batch batch = new Batcher(s, TestData.normalizer(examples, s)).batch(examples);
        McsanModel free = McsanModel.build(s, 3, 5);
        free.trainStep(batch, Bigdl.adam(1e-3));
        double unclipped = norm(free.gradients());
        McsanModel clipped = McsanModel.build(s, 3, 5).setGradientClipNorm(unclipped / 4);
        clipped.trainStep(batch, Bigdl.adam(1e-3));
        assertEquals(unclipped / 4, norm(clipped.gradients()), 1e-4 * unclipped);
    }

    @Test
    void classWeightsChangeTheLoss() {
        ModelSettings s = TestData.tiny("text");
        List<Example> examples = TestData.examples(5, 8, s, 3, 10, 30, 1, 5);
        Batch batch = new Batcher(s, null).batch(examples);
        float plain = McsanModel.build(s, 3, 5).evaluate().trainStep(batch, Bigdl.adam(0));
        float weighted = McsanModel.build(s, 3, 5)
                .setClassWeights(new float[] {1f, 5f, 0.2f})
                .trainStep(batch, Bigdl.adam(0));
        assertNotEquals(plain, weighted, 1e-4f);
        assertThrows(
                IllegalArgumentException.class, () -> McsanModel.build(s, 3, 5).setClassWeights(new float[] {1f}));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> McsanModel.build(s, 2, 5).trainStep(batch, Bigdl.adam(0)));
        assertTrue(e.getMessage().contains("2 classes"), e.getMessage());
    }

    @Test
    void aNonFiniteLossStopsTheStepWithoutChangingTheWeights() {
        ModelSettings s = TestData.tiny("text");
        List<Example> examples = TestData.examples(6, 4, s, 3, 10, 30, 1, 5);
        Batch batch = new Batcher(s, null).batch(examples);
        McsanModel model = McsanModel.build(s, 3, 5);
        Tensor<Object> out = (Tensor<Object>)
                Bigdl.find(model.network(), "classifier.out").parameters()._1()[1];
        out.setValue(1, (Object) Float.NaN);
        float[] before = Bigdl.toArray(model.weights());
        assertThrows(ArithmeticException.class, () -> model.trainStep(batch, Bigdl.adam(1e-2)));
        float[] after = Bigdl.toArray(model.weights());
        assertArrayEquals(before, after);
    }

    /** Splitting a batch over network copies on several threads changes nothing but float rounding. */
    @Test
    void parallelStepsComputeWhatOneThreadComputes() {
        ModelSettings s = TestData.tiny("full");
        List<Example> examples = TestData.examples(9, 11, s, 3, 5, 60, 0, 7);
        Batch batch = new Batcher(s, TestData.normalizer(examples, s)).batch(examples);
        float[] classWeights = {0.5f, 2f, 1f};
        McsanModel one = McsanModel.build(s, 3, 21).setClassWeights(classWeights);
        McsanModel three =
                McsanModel.build(s, 3, 21).setClassWeights(classWeights).setThreads(3);
        assertEquals(3, three.threads());
        com.intel.analytics.bigdl.optim.Adam<Object> adamOne = Bigdl.adam(1e-2);
        com.intel.analytics.bigdl.optim.Adam<Object> adamThree = Bigdl.adam(1e-2);
        for (int step = 0; step < 3; step++) {
            float lossOne = one.trainStep(batch, adamOne);
            float lossThree = three.trainStep(batch, adamThree);
            assertEquals(lossOne, lossThree, 1e-5, "step " + step);
            assertArrayEquals(Bigdl.toArray(one.gradients()), Bigdl.toArray(three.gradients()), 1e-5f, "step " + step);
        }
        assertArrayEquals(Bigdl.toArray(one.weights()), Bigdl.toArray(three.weights()), 1e-5f);
        float[][] p1 = one.predict(batch);
        float[][] p3 = three.predict(batch);
        for (int i = 0; i < p1.length; i++) {
            assertArrayEquals(p1[i], p3[i], 1e-5f);
        }
        // Fewer examples than threads, and back to one thread.
        assertEquals(
                1,
                three.predict(new Batcher(s, TestData.normalizer(examples, s)).batch(examples.subList(0, 1))).length);
        assertEquals(1, three.setThreads(1).threads());
    }

    /** A batch split over another number of threads has parts of other sizes: training must go on. */
    @Test
    void theThreadCountCanChangeBetweenStepsOfTheSameBatchSize() {
        ModelSettings s = TestData.tiny("full");
        List<Example> examples = TestData.examples(9, 11, s, 3, 5, 60, 0, 7);
        Batch batch = new Batcher(s, TestData.normalizer(examples, s)).batch(examples);
        McsanModel model = McsanModel.build(s, 3, 21).setThreads(3);
        com.intel.analytics.bigdl.optim.Adam<Object> adam = Bigdl.adam(1e-2);
        model.trainStep(batch, adam);
        model.setThreads(2);
        assertTrue(Float.isFinite(model.trainStep(batch, adam)));
        model.setThreads(4);
        assertTrue(Float.isFinite(model.trainStep(batch, adam)));
    }

    @Test
    void predictUsesEvaluationModeAndRestoresTheMode() {
        ModelSettings s =
                ModelSettings.of("variant", "text", "text-dim", 7, "hidden-size", 8, "heads", 2, "dropout", 0.5);
        List<Example> examples = TestData.examples(7, 4, s, 3, 10, 30, 1, 5);
        Batch batch = new Batcher(s, null).batch(examples);
        McsanModel model = McsanModel.build(s, 3, 5).training();
        float[][] first = model.predict(batch);
        assertTrue(model.isTraining());
        float[][] second = model.predict(batch);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i], 1e-6f);
        }
    }

    /**
     * Finite differences through the whole tiny network (BiLSTMs with per-sequence reversal,
     * positional embedding, masked attention, layer norms, masked max pooling): gradients w.r.t.
     * real input values and weights match, and padded input values get exactly zero gradient.
     */
    @Test
    void networkGradientsMatchFiniteDifferences() {
        ModelSettings s = ModelSettings.of(
                "variant",
                "full",
                "audio-dim",
                3,
                "text-dim",
                4,
                "hidden-size",
                8,
                "heads",
                2,
                "ffn-size",
                10,
                "conv-channels",
                4,
                "classifier-hidden-size",
                6,
                "dropout",
                0.0,
                "attention-dropout",
                0.0,
                "classifier-dropout",
                0.0);
        Random r = new Random(8);
        List<Example> examples = new ArrayList<>();
        examples.add(TestData.example(r, "long", 0, 27, 3, 5, 4));
        examples.add(TestData.example(r, "short", 1, 12, 3, 2, 4));
        Batch batch = new Batcher(s, TestData.normalizer(examples, s)).batch(examples);
        // Training mode (BigDL's dropout refuses to back-propagate otherwise); all drop probabilities are 0.
        McsanModel model = McsanModel.build(s, 2, 3).training();
        AbstractModule network = model.network();
        Table inputs = batch.inputs(s.variant);

        // Loss = the log-probabilities projected on fixed random weights, accumulated in double.
        Tensor<Object> w = Bigdl.zeros(2, 2);
        Random pick = new Random(1);
        for (int i = 1; i <= 2; i++) {
            for (int c = 1; c <= 2; c++) {
                w.setValue(i, c, (Object) (float) pick.nextGaussian());
            }
        }
        network.zeroGradParameters();
        network.forward(inputs);
        Table gradInputs = (Table) network.backward(inputs, w);
        float[] gradAudio = Bigdl.toArray(Bigdl.tensorAt(gradInputs, 1));
        float[] gradText = Bigdl.toArray(Bigdl.tensorAt(gradInputs, 3));
        float[] gradWeights = Bigdl.toArray(model.gradients());

        // Padded steps of the short example (12 frames, 2 words) get no gradient: words 2..4, and audio
        // frames from 13 on. Frame 12 is inside the reach of the last real convolution window, which
        // sees it as the zero padding that the sample alone also gets; its value is fixed at zero.
        for (int t = 13; t < 27; t++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(0f, gradAudio[(27 + t) * 3 + k], 0f, "padded frame " + t);
            }
        }
        for (int word = 2; word < 5; word++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(0f, gradText[(5 + word) * 4 + k], 0f, "padded word " + word);
            }
        }

        java.util.function.DoubleSupplier loss = () -> {
            float[] y = Bigdl.toArray((Tensor<Object>) network.forward(inputs));
            float[] wv = Bigdl.toArray(w);
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += (double) y[i] * wv[i];
            }
            return sum;
        };
        checkEntries("audio input", Bigdl.tensorAt(inputs, 1), range(0, 2 * 27 * 3), gradAudio, loss);
        checkEntries("text input", Bigdl.tensorAt(inputs, 3), range(0, 2 * 5 * 4), gradText, loss);
        int[] weightEntries = new int[300];
        for (int i = 0; i < weightEntries.length; i++) {
            weightEntries[i] = pick.nextInt((int) model.parameterCount());
        }
        checkEntries("weights", model.weights(), weightEntries, gradWeights, loss);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /**
     * Central differences at steps 0.02 and 0.01. Where the two disagree (a ReLU or max-pooling
     * kink within reach, or float rounding) the entry is not differentiable enough to check and
     * is skipped; at least 70% must be checkable. Checked entries must match within
     * 3e-5 + 5%, and together within 5% (relative L2 error over entries above 1e-4).
     */
    private static void checkEntries(
            String what,
            Tensor<Object> variable,
            int[] entries,
            float[] analytic,
            java.util.function.DoubleSupplier loss) {
        float[] data = Bigdl.data(variable);
        int base = Bigdl.offset(variable);
        double errorSquares = 0;
        double numericSquares = 0;
        int checked = 0;
        for (int i : entries) {
            double coarse = difference(data, base + i, 0.02, loss);
            double fine = difference(data, base + i, 0.01, loss);
            if (Math.abs(coarse - fine) > 3e-5 + 5e-2 * Math.abs(fine)) {
                continue;
            }
            checked++;
            assertEquals(fine, analytic[i], 3e-5 + 5e-2 * Math.abs(fine), what + " entry " + i);
            if (Math.abs(fine) > 1e-4) {
                errorSquares += (fine - analytic[i]) * (fine - analytic[i]);
                numericSquares += fine * fine;
            }
        }
        double relative = Math.sqrt(errorSquares / numericSquares);
        System.out.printf(
                "%s: %d of %d entries checkable, gradient norm %.3g, relative error %.2g%n",
                what, checked, entries.length, Math.sqrt(numericSquares), relative);
        assertTrue(
                checked >= 0.7 * entries.length,
                what + ": only " + checked + " of " + entries.length + " entries checkable");
        assertTrue(relative < 0.05, what + ": relative error " + relative);
    }

    private static double difference(float[] data, int index, double h, java.util.function.DoubleSupplier loss) {
        float saved = data[index];
        data[index] = (float) (saved + h);
        double plus = loss.getAsDouble();
        data[index] = (float) (saved - h);
        double minus = loss.getAsDouble();
        data[index] = saved;
        return (plus - minus) / (2 * h);
    }

    private static double norm(Tensor<Object> t) {
        double sum = 0;
        for (float v : Bigdl.toArray(t)) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
