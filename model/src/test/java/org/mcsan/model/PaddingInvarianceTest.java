package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A sample's prediction must not depend on the padding its batch adds. */
class PaddingInvarianceTest {

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "audio", "text", "cross", "self"})
    void aSampleAloneEqualsTheSameSampleInAPaddedBatch(String variant) {
        check(ModelSettings.of(
                "variant",
                variant,
                "audio-dim",
                5,
                "text-dim",
                7,
                "hidden-size",
                8,
                "heads",
                2,
                "layers",
                2,
                "ffn-size",
                12,
                "conv-channels",
                6,
                "classifier-hidden-size",
                10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "audio"})
    void holdsForStridedPaddedConvolutionsAndOverlappingPools(String variant) {
        check(ModelSettings.of(
                "variant",
                variant,
                "audio-dim",
                5,
                "text-dim",
                7,
                "hidden-size",
                8,
                "heads",
                4,
                "ffn-size",
                12,
                "conv-channels",
                6,
                "conv-kernel",
                4,
                "conv-stride",
                2,
                "conv-padding",
                2,
                "conv-activation",
                "tanh",
                "pool-kernel",
                3,
                "pool-stride",
                2,
                "classifier-layers",
                0));
    }

    private static void check(ModelSettings s) {
        Random r = new Random(5);
        List<Example> examples = new ArrayList<>();
        int[][] lengths = {{23, 4}, {61, 9}, {5, 0}, {40, 1}, {9, 7}, {2, 3}, {58, 2}};
        for (int i = 0; i < lengths.length; i++) {
            examples.add(TestData.example(r, "u" + i, 0, lengths[i][0], s.audioDim, lengths[i][1], s.textDim));
        }
        McsanModel model = McsanModel.build(s, 3, 17).evaluate();
        Batcher batcher = new Batcher(s, TestData.normalizer(examples, s));

        float[][] together = model.predict(batcher.batch(examples));
        List<Example> reversed = new ArrayList<>(examples);
        Collections.reverse(reversed);
        float[][] reversedOrder = model.predict(batcher.batch(reversed));
        for (int i = 0; i < examples.size(); i++) {
            float[] alone = logits(model, batcher, examples.get(i));
            float[] inBatch = log(together[i]);
            float[] inOtherBatch = log(reversedOrder[examples.size() - 1 - i]);
            for (int c = 0; c < alone.length; c++) {
                assertEquals(
                        alone[c], inBatch[c], 1e-5, s.variant.key() + " example " + examples.get(i) + " class " + c);
                assertEquals(
                        alone[c],
                        inOtherBatch[c],
                        1e-5,
                        s.variant.key() + " example " + examples.get(i) + " class " + c);
            }
        }
        // The batch really was padded for the examples compared.
        Batch batch = batcher.batch(examples);
        assertTrue(!s.variant.usesAudio() || batch.audioSteps() == 61);
        assertTrue(!s.variant.usesText() || batch.textSteps() == 9);
    }

    private static float[] logits(McsanModel model, Batcher batcher, Example e) {
        return log(model.predict(batcher.batch(Collections.singletonList(e)))[0]);
    }

    private static float[] log(float[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) Math.log(p[i]);
        }
        return out;
    }
}
