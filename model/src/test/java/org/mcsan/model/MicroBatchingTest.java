package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A batch processed in micro-batches gives the update of the whole batch, up to float rounding. */
class MicroBatchingTest {

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    /** The weights after {@code steps} Adam steps on the same batches, with the given threads and micro-batch size. */
    private static float[] train(ModelSettings s, Batch[] batches, int threads, int microBatch, float[] classWeights) {
        McsanModel model = McsanModel.build(s, 3, 11).setThreads(threads).setMicroBatchSize(microBatch);
        if (classWeights != null) model.setClassWeights(classWeights);
        com.intel.analytics.bigdl.optim.OptimMethod<Object> adam = Bigdl.adam(1e-2);
        for (Batch b : batches) model.trainStep(b, adam);
        return Bigdl.toArray(model.weights());
    }

    private static double maxRelativeDifference(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        double scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / scale);
        }
        return worst;
    }

    @Test
    void microBatchedStepsGiveTheWholeBatchUpdate() {
        ModelSettings s = TestData.tiny("full");
        List<Example> examples = TestData.examples(3, 45, s, 3, 6, 40, 2, 9);
        Batcher batcher = new Batcher(s, TestData.normalizer(examples, s));
        // three steps: 45 examples each, lengths differ, so slices are padded differently from the whole batch
        Batch[] batches = {batcher.batch(examples), batcher.batch(examples), batcher.batch(examples)};
        float[] initial = Bigdl.toArray(McsanModel.build(s, 3, 11).weights());
        for (int threads : new int[] {1, 2}) {
            float[] whole = train(s, batches, threads, 0, null);
            assertTrue(maxRelativeDifference(initial, whole) > 1e-3, "the steps moved the weights");
            for (int micro : new int[] {4, 7, 16}) {
                double d = maxRelativeDifference(whole, train(s, batches, threads, micro, null));
                assertTrue(d <= 1e-5, threads + " thread(s), micro-batches of " + micro + ": " + d);
            }
        }
        float[] weighted = {0.5f, 1.0f, 2.0f};
        double d = maxRelativeDifference(train(s, batches, 2, 0, weighted), train(s, batches, 2, 5, weighted));
        assertTrue(d <= 1e-5, "class-weighted loss: " + d);
    }

    @Test
    void slicesCoverTheBatchOnceInRoundsOfOneSlicePerThread() {
        ModelSettings s = TestData.tiny("full");
        List<Example> examples = TestData.examples(4, 45, s, 3, 6, 20, 2, 5);
        Batch batch = new Batcher(s, TestData.normalizer(examples, s)).batch(examples);
        McsanModel model = McsanModel.build(s, 3, 1).setThreads(2).setMicroBatchSize(7);
        List<List<Batch>> rounds = model.rounds(batch);
        assertEquals(4, rounds.size()); // 45 / 7 -> 7 slices of 6 or 7, 2 per round
        int next = 0;
        for (List<Batch> round : rounds) {
            assertTrue(round.size() <= 2);
            for (Batch slice : round) {
                assertTrue(slice.size() <= 7 && slice.size() >= 6, "slice of " + slice.size());
                for (Example e : slice.examples()) assertEquals(examples.get(next++).id, e.id);
            }
        }
        assertEquals(45, next);
        // a batch that fits in one part per thread is not sliced further
        assertEquals(1, model.setMicroBatchSize(32).rounds(batch).size());
    }
}
