package org.mcsan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mcsan.model.Example;

/**
 * Training examples for throughput measurements: lengths from a {@link LengthDistribution}, Gaussian MFCC values
 * (each coefficient with its own offset, so that normalisation has work to do) and word vectors, random labels.
 * The time a training step takes depends on the shapes, not on the values.
 */
final class SyntheticExamples {
    private SyntheticExamples() {}

    static List<Example> generate(
            int count,
            LengthDistribution lengths,
            int maxFrames,
            int maxWords,
            int audioDim,
            int textDim,
            int classes,
            long seed) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] size = lengths.draw(random, maxFrames, maxWords);
            float[] mfcc = new float[size[0] * audioDim];
            for (int j = 0; j < mfcc.length; j++) {
                mfcc[j] = (float) (3 * random.nextGaussian() + j % audioDim);
            }
            float[] text = new float[size[1] * textDim];
            for (int j = 0; j < text.length; j++) {
                text[j] = (float) (0.3 * random.nextGaussian());
            }
            examples.add(new Example("synthetic-" + i, random.nextInt(classes), mfcc, size[0], text, size[1]));
        }
        return examples;
    }

    /** Mean audio frames and words of {@code examples}: {frames, words}. */
    static double[] meanLengths(List<Example> examples) {
        double frames = 0;
        double words = 0;
        for (Example e : examples) {
            frames += e.frames;
            words += e.words;
        }
        return new double[] {frames / examples.size(), words / examples.size()};
    }
}
