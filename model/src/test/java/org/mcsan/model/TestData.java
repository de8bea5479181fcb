package org.mcsan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random examples and small configurations for the tests. */
final class TestData {
    private TestData() {}

    /** A small configuration of the given variant: d 8, 2 heads, tiny dims, no dropout. */
    static ModelSettings tiny(String variant) {
        return ModelSettings.of(
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
                "ffn-size",
                12,
                "conv-channels",
                6,
                "classifier-hidden-size",
                10,
                "dropout",
                0.0,
                "attention-dropout",
                0.0,
                "classifier-dropout",
                0.0);
    }

    static Example example(Random r, String id, int label, int frames, int audioDim, int words, int textDim) {
        float[] mfcc = new float[frames * audioDim];
        for (int i = 0; i < mfcc.length; i++) {
            mfcc[i] = (float) (r.nextGaussian() * 3 + (i % audioDim));
        }
        float[] text = new float[words * textDim];
        for (int i = 0; i < text.length; i++) {
            text[i] = (float) r.nextGaussian();
        }
        return new Example(id, label, mfcc, frames, text, words);
    }

    /** {@code n} examples with lengths drawn from [minFrames, maxFrames] and [minWords, maxWords]. */
    static List<Example> examples(
            long seed, int n, ModelSettings s, int classes, int minFrames, int maxFrames, int minWords, int maxWords) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int frames = minFrames + r.nextInt(maxFrames - minFrames + 1);
            int words = minWords + r.nextInt(maxWords - minWords + 1);
            out.add(example(r, "utt" + i, r.nextInt(classes), frames, s.audioDim, words, s.textDim));
        }
        return out;
    }

    static Normalizer normalizer(List<Example> examples, ModelSettings s) {
        return Normalizer.fit(examples, s.audioDim);
    }
}
