package org.mcsan.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.run.EpochRecord;
import org.mcsan.contracts.run.UnitFailure;
import org.mcsan.model.Batcher;
import org.mcsan.model.Bigdl;
import org.mcsan.model.Example;
import org.mcsan.model.ModelSettings;

class FoldTrainerTest {
    private static final List<String> CLASSES = Arrays.asList("a", "b", "c");
    private static final ModelSettings MODEL = ModelSettings.of(
            "audio-dim",
            4,
            "text-dim",
            6,
            "hidden-size",
            8,
            "heads",
            2,
            "ffn-size",
            12,
            "conv-channels",
            6,
            "classifier-hidden-size",
            10,
            "dropout",
            0.2,
            "attention-dropout",
            0.0,
            "classifier-dropout",
            0.2);

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    private static TrainSettings settings(int epochs, String... kv) {
        StringBuilder s =
                new StringBuilder("batch-size = 16, eval-batch-size = 16, learning-rate = 0.01, epochs = " + epochs);
        for (int i = 0; i < kv.length; i += 2) {
            s.append(", ").append(kv[i]).append(" = ").append(kv[i + 1]);
        }
        return TrainSettings.from(ConfigFactory.parseString(s.toString())
                .withFallback(ConfigFactory.load().getConfig("mcsan.train")));
    }

    /** Class c raises MFCC coefficient c and text dimension c; {@code offset} shifts every frame. */
    private static List<Example> examples(String prefix, long seed, int n, float offset, int labelShift) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            int frames = 9 + r.nextInt(20);
            int words = 1 + r.nextInt(5);
            float[] mfcc = new float[frames * 4];
            for (int t = 0; t < frames; t++) {
                for (int k = 0; k < 4; k++) {
                    mfcc[t * 4 + k] = (float) (r.nextGaussian() + offset + (k == label ? 1.5 : 0));
                }
            }
            float[] text = new float[words * 6];
            for (int w = 0; w < words; w++) {
                for (int k = 0; k < 6; k++) {
                    text[w * 6 + k] = (float) (r.nextGaussian() * 0.5 + (k == label ? 1 : 0));
                }
            }
            out.add(new Example(prefix + i, (label + labelShift) % 3, mfcc, frames, text, words));
        }
        return out;
    }

    private FoldData data() {
        return new FoldData(
                CLASSES, examples("tr", 1, 41, 0, 0), examples("va", 2, 15, 0, 0), examples("te", 3, 15, 0, 0));
    }

    private FoldResult train(FoldData data, TrainSettings s, String checkpoints, FoldTrainer.Listener listener)
            throws IOException {
        return new FoldTrainer(MODEL, s, new Configuration(), 1)
                .train(data, 7, dir.resolve(checkpoints).toString(), null, listener);
    }

    private static float[] flatten(List<Scored> scored) {
        List<Float> all = new ArrayList<>();
        for (Scored s : scored) {
            for (float p : s.probabilities) {
                all.add(p);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void aNonFiniteTrainingLossIsAConfigurationFailure() {
        // mcsan.train.fault = non-finite-loss puts a NaN into one training input; the loss is NaN from then on
        ConfigurationFailure f = assertThrows(
                ConfigurationFailure.class,
                () -> train(data(), settings(2, "fault", "non-finite-loss"), "nan", (e, i, m) -> {}));
        assertEquals(UnitFailure.NON_FINITE_LOSS, f.kind);
        assertTrue(f.getMessage().startsWith("epoch 1, step 1: loss is NaN"), f.getMessage());
        assertTrue(f.getMessage().contains("mcsan.train.learning-rate"), f.getMessage());
    }

    @Test
    void anOutOfMemoryFaultIsARealAllocationFailure() {
        assertThrows(
                OutOfMemoryError.class,
                () -> train(data(), settings(1, "fault", "out-of-memory"), "oom", (e, i, m) -> {}));
    }

    @Test
    void normalisationStatisticsComeFromTrainingExamplesOnly() throws IOException {
        // Validation and test frames are shifted by +100: if they reached the statistics, the mean would move.
        FoldData data = new FoldData(
                CLASSES, examples("tr", 1, 48, 0, 0), examples("va", 2, 15, 100, 0), examples("te", 3, 15, 100, 0));
        FoldResult r = train(data, settings(1), "norm", (e, i, m) -> {});
        double[] expected = new double[4];
        long frames = 0;
        for (Example e : data.train) {
            for (int t = 0; t < e.frames; t++) {
                for (int k = 0; k < 4; k++) {
                    expected[k] += e.mfcc[t * 4 + k];
                }
            }
            frames += e.frames;
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k] / frames, r.unit.normalizer().mean()[k], 1e-4);
        }
        assertEquals(frames, r.unit.normalizer().frames());
    }

    @Test
    void testScoresComeFromTheBestValidationEpochOnly() throws IOException {
        // The test labels are rotated against the validation labels, so the epochs that do well on validation
        // do badly on test: a trainer that peeked at test data would pick another epoch.
        FoldData data = new FoldData(
                CLASSES, examples("tr", 1, 48, 0, 0), examples("va", 2, 15, 0, 0), examples("te", 3, 15, 0, 1));
        Map<Integer, float[]> testByEpoch = new HashMap<>();
        Map<Integer, Double> testAccuracyByEpoch = new HashMap<>();
        Batcher batcher = new Batcher(MODEL, org.mcsan.model.Normalizer.fit(data.train, 4));
        FoldResult r = train(data, settings(8, "selection-metric", "wa"), "sel", (record, improved, model) -> {
            List<Scored> scored = new ArrayList<>();
            for (List<Example> b : batcher.inference(data.test, 16)) {
                float[][] p = model.predict(batcher.batch(b));
                for (int i = 0; i < b.size(); i++) {
                    scored.add(new Scored(b.get(i).id, b.get(i).label, p[i]));
                }
            }
            testByEpoch.put(record.epoch, flatten(scored));
            testAccuracyByEpoch.put(
                    record.epoch,
                    scored.stream().filter(s -> s.label == s.predicted).count() / (double) scored.size());
        });
        int bestVal = 1;
        for (EpochRecord e : r.history) {
            if (e.valWa > r.history.get(bestVal - 1).valWa) {
                bestVal = e.epoch;
            }
        }
        int bestTest = 1;
        for (int e = 1; e <= 8; e++) {
            if (testAccuracyByEpoch.get(e) > testAccuracyByEpoch.get(bestTest)) {
                bestTest = e;
            }
        }
        assertEquals(bestVal, r.selectedEpoch, "the selected epoch is the best by validation WA");
        assertNotEquals(bestTest, bestVal, "the constructed case must separate validation and test optima");
        assertArrayEquals(
                testByEpoch.get(bestVal),
                flatten(r.test),
                0f,
                "reported test predictions are those of the selected epoch's weights");
    }

    @Test
    void sameSeedRepeatsExactlyWithDropoutOn() throws IOException {
        FoldResult a = train(data(), settings(3), "det-a", (e, i, m) -> {});
        FoldResult b = train(data(), settings(3), "det-b", (e, i, m) -> {});
        assertArrayEquals(flatten(a.test), flatten(b.test), 0f);
        assertEquals(a.history.get(2).trainLoss, b.history.get(2).trainLoss, 0.0);
    }

    @Test
    void resumedFoldEndsExactlyLikeAnUninterruptedOne() throws IOException {
        FoldResult whole = train(data(), settings(5), "whole", (e, i, m) -> {});
        RuntimeException crash = new RuntimeException("simulated crash");
        assertThrows(
                RuntimeException.class,
                () -> train(data(), settings(5), "resumed", (e, i, m) -> {
                    if (e.epoch == 3) {
                        throw crash;
                    }
                }));
        List<Integer> epochsRun = new ArrayList<>();
        FoldResult resumed = train(data(), settings(5), "resumed", (e, i, m) -> epochsRun.add(e.epoch));
        assertEquals(Arrays.asList(4, 5), epochsRun, "complete epochs are not retrained");
        assertEquals(2, resumed.epochsTrainedNow);
        assertEquals(whole.selectedEpoch, resumed.selectedEpoch);
        assertEquals(whole.history.size(), resumed.history.size());
        for (int i = 0; i < whole.history.size(); i++) {
            assertEquals(whole.history.get(i).trainLoss, resumed.history.get(i).trainLoss, 0.0, "epoch " + (i + 1));
        }
        assertArrayEquals(flatten(whole.validation), flatten(resumed.validation), 0f);
        assertArrayEquals(flatten(whole.test), flatten(resumed.test), 0f);
    }

    @Test
    void inverseFrequencyWeights() {
        List<Example> train = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            train.add(new Example("x" + i, i < 4 ? 0 : 1, new float[4], 1, new float[0], 0));
        }
        assertArrayEquals(
                new float[] {6f / (3 * 4), 6f / (3 * 2), 1f}, FoldTrainer.inverseFrequencyWeights(train, 3), 1e-6f);
    }

    @Test
    void aSavedUnitLoadsBackAndPredictsExactlyWhatTheTrainerScored() throws IOException {
        FoldData data = data();
        FoldResult r = train(data, settings(2), "saved", (e, i, m) -> {});
        Configuration hadoop = new Configuration();
        Directory unitDir = Directory.create(hadoop, dir.resolve("unit").toString());
        r.unit.save(unitDir);

        TrainedUnit loaded = TrainedUnit.load(hadoop, unitDir.root());
        assertEquals(CLASSES, loaded.classes());
        assertArrayEquals(flatten(r.test), flatten(loaded.predict(data.test, 16)), 0f);
        // Batching does not change a prediction beyond float rounding (masks make padding invisible).
        assertArrayEquals(flatten(r.validation), flatten(loaded.predict(data.validation, 3)), 1e-6f);
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainedUnit.load(hadoop, dir.resolve("none").toString()));
    }
}
