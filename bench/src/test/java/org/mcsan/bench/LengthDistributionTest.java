package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mcsan.model.Example;

class LengthDistributionTest {
    @Test
    void logNormalFramesHaveTheConfiguredMeanAndVariation() {
        LengthDistribution d = new LengthDistribution(450, 11, 0.7);
        Random random = new Random(1);
        int n = 200_000;
        double sum = 0;
        double sumSquares = 0;
        double words = 0;
        for (int i = 0; i < n; i++) {
            int[] size = d.draw(random, Integer.MAX_VALUE, Integer.MAX_VALUE);
            assertTrue(size[0] >= 1 && size[1] >= 1);
            sum += size[0];
            sumSquares += (double) size[0] * size[0];
            words += size[1];
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSquares / n - mean * mean);
        assertEquals(450, mean, 450 * 0.01);
        assertEquals(0.7, sd / mean, 0.02);
        assertEquals(11, words / n, 11 * 0.02); // words follow the frames, mean factor 1
    }

    @Test
    void capsAndEqualLengths() {
        Random random = new Random(2);
        LengthDistribution wide = new LengthDistribution(900, 30, 1.5);
        for (int i = 0; i < 10_000; i++) {
            int[] size = wide.draw(random, 1000, 40);
            assertTrue(size[0] <= 1000 && size[1] <= 40);
        }
        LengthDistribution equal = new LengthDistribution(1000, 30, 0);
        assertTrue(equal.equalLengths());
        assertArrayEquals(new int[] {1000, 30}, equal.draw(random, 1000, 100));
        assertArrayEquals(new int[] {800, 20}, equal.draw(random, 800, 20));
        assertThrows(IllegalArgumentException.class, () -> new LengthDistribution(0, 11, 0.7));
    }

    @Test
    void syntheticExamplesHaveTheDrawnShapes() {
        List<Example> examples =
                SyntheticExamples.generate(50, new LengthDistribution(40, 5, 0.5), 60, 8, 40, 300, 4, 3);
        assertEquals(50, examples.size());
        for (Example e : examples) {
            assertEquals(e.frames * 40, e.mfcc.length);
            assertEquals(e.words * 300, e.text.length);
            assertTrue(e.frames <= 60 && e.words <= 8);
            assertTrue(e.label >= 0 && e.label < 4);
        }
        double[] mean = SyntheticExamples.meanLengths(examples);
        double frames = 0;
        for (Example e : examples) {
            frames += e.frames;
        }
        assertEquals(frames / 50, mean[0], 1e-12);
    }
}
