package org.mcsan.model.nn;

import com.intel.analytics.bigdl.nn.abstractnn.TensorModule;
import com.intel.analytics.bigdl.tensor.Tensor;
import java.util.SplittableRandom;
import org.mcsan.model.Bigdl;

/**
 * Inverted dropout with reproducible masks: {@code y = x ⊙ m / (1 − p)}, {@code m ~ Bernoulli(1 − p)} in training
 * mode, identity in evaluation mode. BigDL's {@code Dropout} draws its masks on the Engine's shared pool threads
 * from their own generators, so two runs with the same seed differ; here the masks come from
 * {@link #setSeed(long)} and a count of forward passes, so a seeded run — and one resumed from a checkpoint —
 * repeats exactly.
 *
 * <p>The drop probability is not kept by BigDL's module format (the loader uses the no-argument constructor):
 * a loaded network is for inference, where dropout is off; training rebuilds the network from its settings.
 */
public class SeededDropout extends TensorModule<Object> {
  private double dropProbability;
  private long seed;
  private long calls;
  private transient float[] mask;

  /** For BigDL's module loader only; use {@link #create(double)}. */
  public SeededDropout() {
    super(Bigdl.FLOAT, Bigdl.NUMERIC);
  }

  public static SeededDropout create(double dropProbability) {
    if (!(dropProbability >= 0 && dropProbability < 1)) {
      throw new IllegalArgumentException("drop probability must be in [0, 1), got " + dropProbability);
    }
    SeededDropout d = new SeededDropout();
    d.dropProbability = dropProbability;
    return d;
  }

  public double dropProbability() {
    return dropProbability;
  }

  /** Restarts the mask sequence: the n-th training forward pass after this uses masks from (seed, n). */
  public void setSeed(long seed) {
    this.seed = seed;
    this.calls = 0;
  }

  @Override
  public Tensor<Object> updateOutput(Tensor<Object> input) {
    Tensor<Object> x = input.isContiguous() ? input : input.contiguous();
    output().resizeAs(x).copy(x);
    if (!isTraining() || dropProbability == 0) {
      mask = null;
      return output();
    }
    int n = (int) x.nElement();
    if (mask == null || mask.length != n) {
      mask = new float[n];
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + calls++);
    float keep = (float) (1 / (1 - dropProbability));
    float[] out = Bigdl.data(output());
    int base = Bigdl.offset(output());
    for (int i = 0; i < n; i++) {
      mask[i] = random.nextDouble() < dropProbability ? 0f : keep;
      out[base + i] *= mask[i];
    }
    return output();
  }

  @Override
  public Tensor<Object> updateGradInput(Tensor<Object> input, Tensor<Object> gradOutput) {
    Tensor<Object> g = gradOutput.isContiguous() ? gradOutput : gradOutput.contiguous();
    gradInput().resizeAs(g).copy(g);
    if (mask != null) {
      float[] gi = Bigdl.data(gradInput());
      int base = Bigdl.offset(gradInput());
      for (int i = 0; i < mask.length; i++) {
        gi[base + i] *= mask[i];
      }
    }
    return gradInput();
  }

  @Override
  public String toString() {
    return "SeededDropout(" + dropProbability + ")";
  }
}
