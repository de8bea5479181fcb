package org.mcsan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Central finite differences of the scalar loss {@code L = Σ w ⊙ f(input)} (w fixed and random,
 * accumulated in double) against the module's backward pass. The modules compute in float, so
 * the step is 1e-2 and the tolerance is {@code 2e-3 + 2e-2·|numeric|}: a wrong gradient misses
 * by far more.
 */
final class GradientCheck {
    static final double STEP = 1e-2;

    private GradientCheck() {}

    /** Random projection weights shaped like the module's output for {@code input}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Tensor<Object> projection(AbstractModule module, Activity input, long seed) {
        Tensor<Object> out = (Tensor<Object>) module.forward(input);
        Tensor<Object> w = Bigdl.zeros(out.size());
        Random r = new Random(seed);
        float[] data = Bigdl.data(w);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        return w;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static double loss(AbstractModule module, Activity input, Tensor<Object> w) {
        float[] y = Bigdl.toArray((Tensor<Object>) module.forward(input));
        float[] wv = Bigdl.toArray(w);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += (double) y[i] * wv[i];
        }
        return sum;
    }

    /**
     * Checks the analytic gradient {@code analytic} (computed by the caller after one backward pass
     * with gradOutput {@code w}) of the entries of {@code variable} against finite differences.
     * {@code variable} is perturbed in place and restored.
     *
     * @return the number of entries checked
     */
    @SuppressWarnings("rawtypes")
    static int check(
            String what,
            AbstractModule module,
            Supplier<Activity> input,
            Tensor<Object> w,
            Tensor<Object> variable,
            float[] analytic,
            double step) {
        float[] data = Bigdl.data(variable);
        int base = Bigdl.offset(variable);
        int n = (int) variable.nElement();
        for (int i = 0; i < n; i++) {
            float saved = data[base + i];
            data[base + i] = (float) (saved + step);
            double plus = loss(module, input.get(), w);
            data[base + i] = (float) (saved - step);
            double minus = loss(module, input.get(), w);
            data[base + i] = saved;
            double numeric = (plus - minus) / (2 * step);
            assertEquals(numeric, analytic[i], 2e-3 + 2e-2 * Math.abs(numeric), what + ": entry " + i);
        }
        return n;
    }
}
