package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.intel.analytics.bigdl.utils.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Normalisation, padding, and the order of batches. */
class BatcherTest {

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    @Test
    void normalizerUsesPerCoefficientStatisticsOfAllFrames() {
        ModelSettings s = TestData.tiny("full");
        List<Example> examples = TestData.examples(1, 7, s, 3, 3, 30, 0, 4);
        // Coefficient 2 constant: only centred.
        for (Example e : examples) {
            for (int f = 0; f < e.frames; f++) {
                e.mfcc[f * 5 + 2] = 4f;
            }
        }
        Normalizer n = Normalizer.fit(examples, 5);
        for (int k = 0; k < 5; k++) {
            double sum = 0;
            double squares = 0;
            long count = 0;
            for (Example e : examples) {
                for (int f = 0; f < e.frames; f++) {
                    sum += e.mfcc[f * 5 + k];
                    count++;
                }
            }
            double mean = sum / count;
            for (Example e : examples) {
                for (int f = 0; f < e.frames; f++) {
                    squares += Math.pow(e.mfcc[f * 5 + k] - mean, 2);
                }
            }
            assertEquals(mean, n.mean()[k], 1e-9);
            double std = Math.sqrt(squares / count);
            assertEquals(k == 2 ? 1.0 : std, n.std()[k], 1e-9);
            // Normalised training frames: mean 0, std 1 (0 for the constant coefficient).
            double nsum = 0;
            double nsquares = 0;
            for (Example e : examples) {
                float[] z = n.normalize(e);
                for (int f = 0; f < e.frames; f++) {
                    nsum += z[f * 5 + k];
                    nsquares += z[f * 5 + k] * z[f * 5 + k];
                }
            }
            assertEquals(0.0, nsum / count, 1e-5);
            assertEquals(k == 2 ? 0.0 : 1.0, nsquares / count, 1e-4);
        }
        Normalizer back = Normalizer.fromJson(n.toJson());
        assertArrayEquals(n.mean(), back.mean(), 0.0);
        assertArrayEquals(n.std(), back.std(), 0.0);
        assertEquals(n.frames(), back.frames());
    }

    @Test
    void normalizerRejectsWhatItCannotUse() {
        ModelSettings s = TestData.tiny("full");
        List<Example> examples = TestData.examples(2, 3, s, 3, 3, 30, 0, 4);
        assertThrows(IllegalArgumentException.class, () -> Normalizer.fit(new ArrayList<>(), 5));
        IllegalArgumentException wrongDim =
                assertThrows(IllegalArgumentException.class, () -> Normalizer.fit(examples, 6));
        assertTrue(wrongDim.getMessage().contains("utt0"), wrongDim.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Normalizer.fromJson("{\"mean\": [1, 2], \"std\": [1]}"));
        assertThrows(IllegalArgumentException.class, () -> Normalizer.fromJson("{\"mean\": [1], \"std\": [0]}"));
        assertThrows(IllegalArgumentException.class, () -> Normalizer.fromJson("not json"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Batcher(
                        s,
                        Normalizer.fit(TestData.examples(3, 2, ModelSettings.of("audio-dim", 6), 3, 3, 9, 1, 2), 6)));
    }

    @Test
    void batchesArePaddedWithZerosAndCarryTheStageLengths() {
        ModelSettings s = TestData.tiny("full");
        Random r = new Random(4);
        List<Example> examples = Arrays.asList(
                TestData.example(r, "long", 1, 20, 5, 3, 7),
                TestData.example(r, "short", 2, 4, 5, 0, 7),
                TestData.example(r, "mid", 0, 12, 5, 6, 7));
        Normalizer n = Normalizer.fit(examples, 5);
        Batch batch = new Batcher(s, n).batch(examples);
        assertEquals(20, batch.audioSteps());
        assertEquals(6, batch.textSteps());
        Table inputs = batch.inputs(Variant.FULL);
        float[] audio = Bigdl.toArray(Bigdl.tensorAt(inputs, 1));
        float[] stages = Bigdl.toArray(Bigdl.tensorAt(inputs, 2));
        float[] text = Bigdl.toArray(Bigdl.tensorAt(inputs, 3));
        float[] words = Bigdl.toArray(Bigdl.tensorAt(inputs, 4));
        assertArrayEquals(new int[] {3, 20, 5}, Bigdl.tensorAt(inputs, 1).size());
        assertArrayEquals(new int[] {3, 4}, Bigdl.tensorAt(inputs, 2).size());
        assertArrayEquals(new int[] {3, 6, 7}, Bigdl.tensorAt(inputs, 3).size());
        AudioLengths lengths = new AudioLengths(s);
        for (int i = 0; i < 3; i++) {
            Example e = examples.get(i);
            float[] z = n.normalize(e);
            for (int j = 0; j < 20 * 5; j++) {
                assertEquals(j < z.length ? z[j] : 0f, audio[i * 100 + j], 0f, e.id + " audio value " + j);
            }
            // The 4-frame utterance is extended to the 9 frames both blocks need; those frames count as real.
            int frames = Math.max(e.frames, 9);
            int[] expected = lengths.stages(frames);
            for (int k = 0; k < 4; k++) {
                assertEquals(expected[k], stages[i * 4 + k], 0f, e.id + " stage " + k);
            }
            for (int j = 0; j < 6 * 7; j++) {
                assertEquals(j < e.text.length ? e.text[j] : 0f, text[i * 42 + j], 0f, e.id + " text value " + j);
            }
            // A transcript without words is one zero vector.
            assertEquals(Math.max(e.words, 1), words[i], 0f);
        }
        assertArrayEquals(new float[] {2, 3, 1}, Bigdl.toArray(batch.targets()), 0f);
        assertEquals(9, new Batcher(s, n).audioSteps(examples.get(1)));
    }

    @Test
    void batchesRejectExamplesOfTheWrongShape() {
        ModelSettings s = TestData.tiny("text");
        Random r = new Random(5);
        List<Example> examples =
                Arrays.asList(TestData.example(r, "ok", 0, 5, 5, 2, 7), TestData.example(r, "bad", 0, 5, 5, 2, 8));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Batcher(s, null).batch(examples));
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Batcher(TestData.tiny("full"), null));
        assertThrows(IllegalArgumentException.class, () -> new Example("x", 0, new float[7], 2, new float[0], 0));
        assertThrows(IllegalArgumentException.class, () -> new Example("x", 0, new float[0], 0, new float[0], 0));
        assertThrows(IllegalArgumentException.class, () -> new Example("x", 0, new float[4], 2, new float[5], 2));
        assertThrows(
                IllegalStateException.class,
                () -> new Batcher(s, null)
                        .batch(Arrays.asList(
                                new Example("unlabelled", Example.UNLABELLED, new float[5], 1, new float[7], 1)))
                        .targets());
    }

    @Test
    void epochsAreDeterministicPermutationsAndBucketingCutsPadding() {
        ModelSettings bucketed =
                ModelSettings.of("audio-dim", 5, "text-dim", 7, "batching.bucketing", true, "batching.bucket-pool", 4);
        ModelSettings plain = ModelSettings.of("audio-dim", 5, "text-dim", 7, "batching.bucketing", false);
        List<Example> examples = TestData.examples(6, 203, bucketed, 4, 9, 400, 0, 20);
        Normalizer n = Normalizer.fit(examples, 5);
        Batcher withBuckets = new Batcher(bucketed, n);
        Batcher without = new Batcher(plain, n);

        List<List<Example>> a = withBuckets.epoch(examples, 16, 7);
        assertEquals(ids(a), ids(withBuckets.epoch(examples, 16, 7)));
        assertNotEquals(ids(a), ids(withBuckets.epoch(examples, 16, 8)));
        assertCoversOnce(examples, a);
        List<List<Example>> b = without.epoch(examples, 16, 7);
        assertCoversOnce(examples, b);
        assertEquals(13, b.size());
        assertTrue(
                padding(withBuckets, a) < padding(without, b) / 2,
                "bucketing pads " + padding(withBuckets, a) + " frames, plain batching " + padding(without, b));
        assertCoversOnce(examples, withBuckets.inference(examples, 16));
        assertEquals(
                ids(without.inference(examples, 16)).subList(0, 5),
                Arrays.asList("utt0", "utt1", "utt2", "utt3", "utt4"));
    }

    /**
     * A pool that holds the whole training set (as on the demo corpus) used to cut the same batches
     * every epoch; with the length jitter membership changes while each epoch stays a permutation.
     */
    @Test
    void bucketedBatchMembershipChangesFromEpochToEpoch() {
        ModelSettings s = ModelSettings.of("audio-dim", 5, "text-dim", 7, "batching.bucketing", true);
        List<Example> examples = TestData.examples(11, 260, s, 4, 9, 900, 0, 25);
        Batcher batcher = new Batcher(s, Normalizer.fit(examples, 5));
        assertTrue(260 <= 32 * s.bucketPool, "one pool holds the whole set");
        List<List<Example>> first = batcher.epoch(examples, 32, 1);
        List<List<Example>> second = batcher.epoch(examples, 32, 2);
        assertCoversOnce(examples, first, 32);
        assertCoversOnce(examples, second, 32);
        Set<Set<String>> firstBatches = batchSets(first);
        int kept = 0;
        for (Set<String> b : batchSets(second)) {
            if (firstBatches.contains(b)) {
                kept++;
            }
        }
        assertTrue(kept < second.size() / 2, kept + " of " + second.size() + " batches recur in the next epoch");
        assertEquals(ids(first), ids(batcher.epoch(examples, 32, 1)));

        // Without jitter (as before) a whole-set pool cuts the same batches each epoch: this is what the test guards.
        ModelSettings exact = ModelSettings.of(
                "audio-dim", 5, "text-dim", 7, "batching.bucketing", true, "batching.length-jitter", 0.0);
        List<Example> distinct = new ArrayList<>();
        Random r = new Random(12);
        for (int i = 0; i < 260; i++) {
            distinct.add(TestData.example(r, "d" + i, i % 4, 9 + 3 * i, 5, 1 + i % 20, 7));
        }
        Batcher plainSort = new Batcher(exact, Normalizer.fit(distinct, 5));
        assertEquals(batchSets(plainSort.epoch(distinct, 32, 1)), batchSets(plainSort.epoch(distinct, 32, 2)));
        Batcher jittered = new Batcher(s, Normalizer.fit(distinct, 5));
        assertNotEquals(batchSets(jittered.epoch(distinct, 32, 1)), batchSets(jittered.epoch(distinct, 32, 2)));
    }

    /** The epoch depends on the examples and the seed, not on the order of the feature table's rows. */
    @Test
    void epochsDoNotDependOnTheInputOrder() {
        for (boolean bucketing : new boolean[] {true, false}) {
            ModelSettings s = ModelSettings.of("audio-dim", 5, "text-dim", 7, "batching.bucketing", bucketing);
            List<Example> examples = TestData.examples(13, 150, s, 4, 9, 600, 0, 20);
            Batcher batcher = new Batcher(s, Normalizer.fit(examples, 5));
            List<Example> reordered = new ArrayList<>(examples);
            Collections.shuffle(reordered, new Random(99));
            assertNotEquals(ids(Collections.singletonList(examples)), ids(Collections.singletonList(reordered)));
            for (long seed = 0; seed < 3; seed++) {
                assertEquals(
                        ids(batcher.epoch(examples, 16, seed)),
                        ids(batcher.epoch(reordered, 16, seed)),
                        "bucketing " + bucketing + ", seed " + seed);
            }
        }
    }

    /**
     * The jitter gives up little of bucketing's padding saving: on an utterance-like (log-normal)
     * length distribution, padded frames per real frame stay much nearer to exact-length bucketing
     * than to unbucketed batches.
     */
    @Test
    void jitteredBucketingKeepsMostOfThePaddingSaving() {
        ModelSettings jittered = ModelSettings.of("audio-dim", 1, "text-dim", 1, "batching.bucketing", true);
        ModelSettings exact = ModelSettings.of(
                "audio-dim", 1, "text-dim", 1, "batching.bucketing", true, "batching.length-jitter", 0.0);
        ModelSettings plain = ModelSettings.of("audio-dim", 1, "text-dim", 1, "batching.bucketing", false);
        assertTrue(jittered.lengthJitter > 0, "the default jitters when bucketing is on");
        // Roughly IEMOCAP's utterances at 100 frames/s: median 3 s, long tail.
        Random r = new Random(21);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int frames = (int) Math.max(9, Math.round(Math.exp(Math.log(300) + 0.6 * r.nextGaussian())));
            examples.add(new Example("u" + i, i % 4, new float[frames], frames, new float[10], 10));
        }
        Normalizer n = Normalizer.fit(examples, 1);
        double withJitter = paddingRatio(new Batcher(jittered, n), examples);
        double sorted = paddingRatio(new Batcher(exact, n), examples);
        double none = paddingRatio(new Batcher(plain, n), examples);
        String measured = "padded/real frames: exact sort " + sorted + ", jittered " + withJitter + ", none " + none;
        assertTrue(sorted <= withJitter && withJitter < none, measured);
        // "Much closer": at most a quarter of the way from exact sorting to no bucketing.
        assertTrue(withJitter - sorted < (none - sorted) / 4, measured);
    }

    /** Padded audio frames per real frame over a few epochs of batches of 64. */
    private static double paddingRatio(Batcher batcher, List<Example> examples) {
        long padded = 0;
        long real = 0;
        for (long seed = 0; seed < 5; seed++) {
            for (List<Example> b : batcher.epoch(examples, 64, seed)) {
                int steps = 0;
                for (Example e : b) {
                    steps = Math.max(steps, batcher.audioSteps(e));
                }
                for (Example e : b) {
                    padded += steps - batcher.audioSteps(e);
                    real += batcher.audioSteps(e);
                }
            }
        }
        return (double) padded / real;
    }

    private static Set<Set<String>> batchSets(List<List<Example>> batches) {
        Set<Set<String>> sets = new HashSet<>();
        for (List<Example> b : batches) {
            Set<String> ids = new HashSet<>();
            for (Example e : b) {
                ids.add(e.id);
            }
            sets.add(ids);
        }
        return sets;
    }

    /** Predictions do not depend on how the examples were grouped into batches. */
    @Test
    void predictionsDoNotDependOnBucketing() {
        ModelSettings bucketed = ModelSettings.of(
                "variant",
                "full",
                "audio-dim",
                5,
                "text-dim",
                7,
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
                "batching.bucketing",
                true,
                "batching.bucket-pool",
                2);
        List<Example> examples = TestData.examples(9, 40, bucketed, 3, 3, 90, 0, 9);
        Normalizer n = Normalizer.fit(examples, 5);
        McsanModel model = McsanModel.build(bucketed, 3, 1);
        Map<String, float[]> a =
                predictAll(model, new Batcher(bucketed, n), new Batcher(bucketed, n).inference(examples, 7));
        Map<String, float[]> b =
                predictAll(model, new Batcher(bucketed, n), new Batcher(bucketed, n).epoch(examples, 5, 3));
        assertEquals(a.keySet(), b.keySet());
        for (String id : a.keySet()) {
            assertArrayEquals(a.get(id), b.get(id), 1e-5f, id);
        }
    }

    private static Map<String, float[]> predictAll(McsanModel model, Batcher batcher, List<List<Example>> batches) {
        Map<String, float[]> out = new HashMap<>();
        for (List<Example> b : batches) {
            float[][] p = model.predict(batcher.batch(b));
            for (int i = 0; i < b.size(); i++) {
                out.put(b.get(i).id, p[i]);
            }
        }
        return out;
    }

    private static List<String> ids(List<List<Example>> batches) {
        List<String> ids = new ArrayList<>();
        for (List<Example> b : batches) {
            for (Example e : b) {
                ids.add(e.id);
            }
        }
        return ids;
    }

    private static void assertCoversOnce(List<Example> examples, List<List<Example>> batches) {
        assertCoversOnce(examples, batches, 16);
    }

    private static void assertCoversOnce(List<Example> examples, List<List<Example>> batches, int batchSize) {
        List<String> ids = ids(batches);
        Set<String> unique = new HashSet<>(ids);
        assertEquals(examples.size(), ids.size());
        assertEquals(examples.size(), unique.size());
        for (List<Example> b : batches) {
            assertTrue(b.size() >= 1 && b.size() <= batchSize);
        }
    }

    /** Padded audio frames over all batches. */
    private static long padding(Batcher batcher, List<List<Example>> batches) {
        long padded = 0;
        for (List<Example> b : batches) {
            Batch batch = batcher.batch(b);
            for (Example e : b) {
                padded += batch.audioSteps() - batcher.audioSteps(e);
            }
        }
        return padded;
    }
}
