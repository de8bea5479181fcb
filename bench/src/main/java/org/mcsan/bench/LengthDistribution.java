package org.mcsan.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Lengths of synthetic training examples: audio frames log-normal with a given mean and coefficient of variation
 * (0: every example has the mean), capped at the feature job's frame limit; words proportional to the frames
 * (speech rate) times a uniform factor in [0.75, 1.25], at least 1.
 */
final class LengthDistribution {
    private final int meanFrames;
    private final int meanWords;
    private final double variation;

    LengthDistribution(int meanFrames, int meanWords, double variation) {
        if (meanFrames < 1 || meanWords < 1 || !(variation >= 0)) {
            throw new IllegalArgumentException("need mean frames and words >= 1 and variation >= 0, got " + meanFrames
                    + ", " + meanWords + ", " + variation);
        }
        this.meanFrames = meanFrames;
        this.meanWords = meanWords;
        this.variation = variation;
    }

    int meanFrames() {
        return meanFrames;
    }

    int meanWords() {
        return meanWords;
    }

    /** Coefficient of variation of the frames (standard deviation / mean); 0 means equal lengths. */
    double variation() {
        return variation;
    }

    boolean equalLengths() {
        return variation == 0;
    }

    /** {frames, words} of one example; frames at most {@code maxFrames}, words at most {@code maxWords}. */
    int[] draw(Random random, int maxFrames, int maxWords) {
        if (equalLengths()) {
            return new int[] {Math.min(meanFrames, maxFrames), Math.min(meanWords, maxWords)};
        }
        // A log-normal with mean m and coefficient of variation v has sigma^2 = ln(1 + v^2), mu = ln(m) - sigma^2 / 2.
        double sigma2 = Math.log1p(variation * variation);
        double mu = Math.log(meanFrames) - sigma2 / 2;
        double frames = Math.exp(mu + Math.sqrt(sigma2) * random.nextGaussian());
        double words = meanWords * frames / meanFrames * (0.75 + 0.5 * random.nextDouble());
        return new int[] {
            (int) Math.max(1, Math.min(maxFrames, Math.round(frames))),
            (int) Math.max(1, Math.min(maxWords, Math.round(words)))
        };
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("mean_frames", meanFrames);
        map.put("mean_words", meanWords);
        map.put("length_variation", variation);
        return map;
    }
}
