package org.mcsan.model;

import org.mcsan.model.nn.SeededDropout;

import com.intel.analytics.bigdl.nn.ClassNLLCriterion;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.optim.OptimMethod;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import scala.Tuple2;

import java.io.IOException;
import java.util.Arrays;

/**
 * An MCSAN network with its training step: what the fold trainer works with.
 *
 * <p>Not thread-safe: one model is used by one thread at a time. The weights and gradients are
 * flattened once ({@link #weights()}, {@link #gradients()}), as BigDL's optimisers expect.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class McsanModel {
    private final ModelSettings settings;
    private final int numClasses;
    private final AbstractModule<Activity, Activity, Object> network;
    private final Tensor<Object> weights;
    private final Tensor<Object> gradients;
    private ClassNLLCriterion<Object> criterion = Bigdl.nllCriterion(null);
    private double gradientClipNorm;
    private int lastTrainBatchSize = -1;

    private McsanModel(ModelSettings settings, int numClasses, AbstractModule<Activity, Activity, Object> network) {
        this.settings = settings;
        this.numClasses = numClasses;
        this.network = network;
        Tuple2<Tensor<Object>, Tensor<Object>> flat = network.getParameters();
        this.weights = flat._1();
        this.gradients = flat._2();
    }

    /**
     * A freshly initialised network. The same settings and seed give identical weights (BigDL's
     * random generator is per thread; this seeds the calling thread's). Starts in training mode.
     */
    public static McsanModel build(ModelSettings settings, int numClasses, long seed) {
        Bigdl.seed(seed);
        AbstractModule network = McsanNetwork.build(settings, numClasses);
        network.training();
        return new McsanModel(settings, numClasses, network);
    }

    /**
     * Loads a network written by {@link #save}, checking that it has the structure {@code settings}
     * and {@code numClasses} describe. Starts in evaluation mode.
     */
    public static McsanModel load(String path, ModelSettings settings, int numClasses) {
        AbstractModule<Activity, Activity, Object> loaded = Bigdl.loadModule(path);
        Tensor<Object>[] expected = McsanNetwork.build(settings, numClasses).parameters()._1();
        Tensor<Object>[] actual = loaded.parameters()._1();
        boolean same = expected.length == actual.length;
        for (int i = 0; same && i < expected.length; i++) {
            same = Arrays.equals(expected[i].size(), actual[i].size());
        }
        if (!same) {
            throw new IllegalArgumentException("the model at " + path + " does not have the structure of " + settings
                    + " with " + numClasses + " classes");
        }
        loaded.evaluate();
        return new McsanModel(settings, numClasses, loaded);
    }

    public ModelSettings settings() {
        return settings;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The BigDL graph (inputs and output as described in {@link McsanNetwork}). */
    public AbstractModule<Activity, Activity, Object> network() {
        return network;
    }

    /** All weights as one flat tensor (views of every layer's parameters). */
    public Tensor<Object> weights() {
        return weights;
    }

    /** All gradients, laid out like {@link #weights()}. */
    public Tensor<Object> gradients() {
        return gradients;
    }

    public long parameterCount() {
        return weights.nElement();
    }

    /** Training mode: dropout on. */
    public McsanModel training() {
        network.training();
        return this;
    }

    /**
     * Restarts every dropout layer's mask sequence from {@code seed} (each layer its own stream), so training from
     * the same weights, data order and seed repeats exactly.
     */
    public McsanModel setDropoutSeed(long seed) {
        int[] index = {0};
        forEachModule(network, m -> {
            if (m instanceof SeededDropout) {
                ((SeededDropout) m).setSeed(seed * 1_000_003L + index[0]++);
            }
        });
        return this;
    }

    private static void forEachModule(AbstractModule<?, ?, Object> module,
                                      java.util.function.Consumer<AbstractModule<?, ?, Object>> action) {
        action.accept(module);
        if (module instanceof com.intel.analytics.bigdl.nn.Container) {
            scala.collection.Iterator<?> it =
                    ((com.intel.analytics.bigdl.nn.Container<?, ?, Object>) module).modules().iterator();
            while (it.hasNext()) {
                forEachModule((AbstractModule<?, ?, Object>) it.next(), action);
            }
        }
    }

    /** Evaluation mode: dropout off, outputs deterministic. */
    public McsanModel evaluate() {
        network.evaluate();
        return this;
    }

    public boolean isTraining() {
        return network.isTraining();
    }

    /** Weights of the classes in the loss (null for none); e.g. inverse class frequencies. */
    public McsanModel setClassWeights(float[] classWeights) {
        if (classWeights != null && classWeights.length != numClasses) {
            throw new IllegalArgumentException(classWeights.length + " class weights for " + numClasses + " classes");
        }
        criterion = Bigdl.nllCriterion(classWeights);
        return this;
    }

    /** Rescales the gradient to at most this global L2 norm before each step; 0 switches clipping off. */
    public McsanModel setGradientClipNorm(double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("gradient clip norm must be at least 0, got " + maxNorm);
        }
        gradientClipNorm = maxNorm;
        return this;
    }

    /**
     * Log-probabilities [B, classes] in the current mode. The tensor belongs to the network and is
     * overwritten by the next forward pass.
     */
    public Tensor<Object> forward(Batch batch) {
        return (Tensor<Object>) network.forward(batch.inputs(settings.variant));
    }

    /**
     * One optimisation step in training mode: forward, mean negative log-likelihood (class-weighted
     * if set), backward, optional gradient clipping, then {@code optimizer}'s update of the weights.
     *
     * @return the batch loss before the update
     * @throws ArithmeticException if the loss is not finite (the weights are left unchanged)
     */
    public float trainStep(Batch batch, OptimMethod<Object> optimizer) {
        if (batch.size() != lastTrainBatchSize) {
            // BigDL 0.13's SpatialConvolution sizes its per-sample gradient buffers for the first batch it sees
            // and never resizes them: a batch larger than an earlier one would fail. Let it allocate afresh.
            forEachModule(network, m -> {
                if (m instanceof com.intel.analytics.bigdl.nn.SpatialConvolution) {
                    com.intel.analytics.bigdl.nn.SpatialConvolution<Object> conv =
                            (com.intel.analytics.bigdl.nn.SpatialConvolution<Object>) m;
                    conv.gradWeightMMInBatch_$eq(null);
                    conv.gradientBiasMT().set();
                    conv.onesBatch().set();
                }
            });
            lastTrainBatchSize = batch.size();
        }
        network.training();
        network.zeroGradParameters();
        Table inputs = batch.inputs(settings.variant);
        Tensor<Object> targets = batch.targets();
        Tensor<Object> output = (Tensor<Object>) network.forward(inputs);
        float loss = ((Number) criterion.forward(output, targets)).floatValue();
        if (Float.isNaN(loss) || Float.isInfinite(loss)) {
            throw new ArithmeticException("loss is " + loss + " on the batch starting with utterance "
                    + batch.examples().get(0).id);
        }
        network.backward(inputs, criterion.backward(output, targets));
        if (gradientClipNorm > 0) {
            double norm = ((Number) gradients.norm(2)).doubleValue();
            if (norm > gradientClipNorm) {
                gradients.mul((Object) (float) (gradientClipNorm / norm));
            }
        }
        optimizer.optimize(Bigdl.constantEvaluation(loss, gradients), weights);
        return loss;
    }

    /** Class probabilities [B][classes], computed in evaluation mode (the mode is restored afterwards). */
    public float[][] predict(Batch batch) {
        boolean wasTraining = network.isTraining();
        network.evaluate();
        try {
            float[] logProbabilities = Bigdl.toArray(forward(batch));
            float[][] p = new float[batch.size()][numClasses];
            for (int i = 0; i < p.length; i++) {
                for (int c = 0; c < numClasses; c++) {
                    p[i][c] = (float) Math.exp(logProbabilities[i * numClasses + c]);
                }
            }
            return p;
        } finally {
            if (wasTraining) {
                network.training();
            }
        }
    }

    /**
     * Writes the network in BigDL's module format (protobuf; local or Hadoop path), overwriting.
     * BigDL clears the network's cached activations while saving.
     */
    public void save(String path) {
        network.saveModule(path, null, true);
    }

    /** Writes every weight to a .safetensors file in the PyTorch layout of model/SAFETENSORS.md. */
    public void exportSafetensors(String path) throws IOException {
        Safetensors.write(path, WeightExport.tensors(network, settings), WeightExport.metadata(settings, numClasses));
    }
}
