package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The length formula against the sizes BigDL's layers actually produce. */
class AudioLengthsTest {

    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(2);
    }

    @ParameterizedTest(name = "conv k{0} s{1} p{2}, pool k{3} s{4}")
    @CsvSource({"3, 1, 1, 3, 3", "4, 2, 2, 3, 2", "5, 3, 0, 2, 1", "1, 1, 0, 2, 2", "3, 1, 0, 3, 3"})
    void stagesMatchTheLayersOutputSizes(int ck, int cs, int cp, int pk, int ps) {
        AudioLengths lengths = new AudioLengths(ck, cs, cp, pk, ps);
        AbstractModule<Tensor<Object>, Tensor<Object>, Object> conv1 = Bigdl.conv1d(2, 3, ck, cs, cp);
        AbstractModule<Tensor<Object>, Tensor<Object>, Object> pool1 = Bigdl.maxPool1d(pk, ps);
        AbstractModule<Tensor<Object>, Tensor<Object>, Object> conv2 = Bigdl.conv1d(3, 3, ck, cs, cp);
        AbstractModule<Tensor<Object>, Tensor<Object>, Object> pool2 = Bigdl.maxPool1d(pk, ps);
        int min = lengths.minimumFrames();
        for (int frames = min; frames <= min + 40; frames++) {
            Tensor<Object> x = Bigdl.zeros(1, 1, frames, 2).rand(-1.0, 1.0);
            int[] actual = new int[4];
            Tensor<Object> h = conv1.forward(x);
            actual[0] = h.size(3);
            h = pool1.forward(h);
            actual[1] = h.size(3);
            h = conv2.forward(h);
            actual[2] = h.size(3);
            h = pool2.forward(h);
            actual[3] = h.size(3);
            assertArrayEquals(actual, lengths.stages(frames), "frames " + frames);
        }
        // One frame fewer than the minimum leaves the last stage empty: the layers refuse it.
        assertEquals(0, lengths.encoded(min - 1));
        if (min > 1) {
            Tensor<Object> x = Bigdl.zeros(1, 1, min - 1, 2);
            assertThrows(RuntimeException.class, () -> pool2.forward(conv2.forward(pool1.forward(conv1.forward(x)))));
        }
    }

    @Test
    void paperConfigurationNeedsNineFramesAndDividesByNine() {
        AudioLengths lengths = new AudioLengths(ModelSettings.defaults());
        assertEquals(9, lengths.minimumFrames());
        assertEquals(50, lengths.encoded(450));
        assertArrayEquals(new int[] {1000, 333, 333, 111}, lengths.stages(1000));
    }
}
