package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.intel.analytics.bigdl.nn.ReLU$;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mcsan.model.nn.Relu;

/** The in-place Relu gives BigDL's ReLU results bit for bit, NaN, -0 and +0 included. */
class ReluTest {
    @BeforeAll
    static void engine() {
        Bigdl.initLocalEngine(1);
    }

    private static float[] values(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        v[0] = 0f;
        v[1] = -0f;
        v[2] = Float.NaN;
        v[3] = Float.MIN_VALUE;
        v[4] = -Float.MIN_VALUE;
        v[5] = Float.POSITIVE_INFINITY;
        v[6] = Float.NEGATIVE_INFINITY;
        return v;
    }

    private static int[] bits(Tensor<Object> t) {
        float[] v = Bigdl.toArray(t);
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Float.floatToRawIntBits(v[i]);
        return b;
    }

    @Test
    void forwardAndBackwardEqualBigDlsReluBitForBit() {
        int n = 4 * 7 * 33;
        AbstractModule<Tensor<Object>, Tensor<Object>, Object> reference =
                ReLU$.MODULE$.apply(false, Bigdl.FLOAT, Bigdl.NUMERIC);
        Tensor<Object> referenceInput = Bigdl.tensor(values(1, n), 4, 7, 33);
        int[] expectedOutput = bits(reference.forward(referenceInput));
        int[] expectedGrad = bits(reference.backward(referenceInput, Bigdl.tensor(values(2, n), 4, 7, 33)));

        Relu relu = new Relu();
        Tensor<Object> input = Bigdl.tensor(values(1, n), 4, 7, 33);
        Tensor<Object> output = relu.forward(input);
        assertSame(input, output, "in place");
        assertArrayEquals(expectedOutput, bits(output));
        Tensor<Object> gradOutput = Bigdl.tensor(values(2, n), 4, 7, 33);
        Tensor<Object> grad = relu.backward(input, gradOutput);
        assertSame(gradOutput, grad, "in place");
        int[] actualGrad = bits(grad);
        // BigDL passes the gradient of a NaN input (index 2); the in-place output there is +0, which does not.
        assertEquals(Float.floatToRawIntBits(values(2, n)[2]), expectedGrad[2]);
        assertEquals(0, actualGrad[2]);
        expectedGrad[2] = 0;
        assertArrayEquals(expectedGrad, actualGrad);
    }
}
