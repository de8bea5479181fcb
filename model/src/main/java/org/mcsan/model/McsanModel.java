package org.mcsan.model;

import com.intel.analytics.bigdl.nn.ClassNLLCriterion;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.optim.OptimMethod;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import scala.Tuple2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An MCSAN network with its training step: what the fold trainer works with.
 *
 * <p>Not thread-safe: one model is used by one thread at a time. The weights and gradients are
 * flattened once ({@link #weights()}, {@link #gradients()}), as BigDL's optimisers expect.
 *
 * <p>With {@link #setThreads(int) n threads}, a training step or prediction splits the batch
 * into n parts that n copies of the network (sharing this one's weights) process in parallel;
 * the gradients are combined with the parts' weights in the loss, so a step computes the same
 * as on one thread up to float rounding. BigDL's layers otherwise run on the calling thread
 * (with MKL's thread count, {@code bigdl.mklNumThreads}, default 1; keep it at 1 with n > 1).
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class McsanModel {
    private final ModelSettings settings;
    private final int numClasses;
    private final AbstractModule<Activity, Activity, Object> network;
    private final Tensor<Object> weights;
    private final Tensor<Object> gradients;
    private float[] classWeights;
    private ClassNLLCriterion<Object> criterion = Bigdl.nllCriterion(null);
    private double gradientClipNorm;
    private int lastTrainBatchSize = -1;
    /** Copies of the network for the parts of a batch after the first, sharing its weights. */
    private final List<Replica> replicas = new ArrayList<>();

    /** Worker threads of all models; idle ones end after a minute. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "mcsan-model-worker");
        t.setDaemon(true);
        return t;
    });

    /** A copy of the network with its own activations and gradients, and this model's weights. */
    private static final class Replica {
        final AbstractModule<Activity, Activity, Object> network;
        final Tensor<Object> gradients;
        ClassNLLCriterion<Object> criterion;

        Replica(AbstractModule<Activity, Activity, Object> network, Tensor<Object> gradients, ClassNLLCriterion<Object> criterion) {
            this.network = network;
            this.gradients = gradients;
            this.criterion = criterion;
        }
    }

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
        this.classWeights = classWeights == null ? null : classWeights.clone();
        criterion = Bigdl.nllCriterion(classWeights);
        for (Replica r : replicas) {
            r.criterion = Bigdl.nllCriterion(classWeights);
        }
        return this;
    }

    /**
     * Number of threads (network copies) a training step or prediction uses; 1 by default.
     * Each further thread holds one more copy of the network's activations.
     */
    public McsanModel setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        while (replicas.size() > threads - 1) {
            replicas.remove(replicas.size() - 1);
        }
        while (replicas.size() < threads - 1) {
            replicas.add(replica());
        }
        return this;
    }

    public int threads() {
        return replicas.size() + 1;
    }

    /**
     * A freshly built copy of the network whose weights are views of this model's weights. Built
     * rather than cloned: BigDL's recurrent layers keep per-step copies of their cell that would
     * not follow re-pointed weights.
     */
    private Replica replica() {
        AbstractModule<Activity, Activity, Object> copy = (AbstractModule) McsanNetwork.build(settings, numClasses);
        Tensor<Object> copyGradients = copy.getParameters()._2();
        Tensor<Object>[] mine = copy.parameters()._1();
        Tensor<Object>[] shared = network.parameters()._1();
        for (int i = 0; i < mine.length; i++) {
            mine[i].set(shared[i]);
        }
        return new Replica(copy, copyGradients, Bigdl.nllCriterion(classWeights));
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
            resetConvolutionBuffers(network);
            for (Replica r : replicas) {
                resetConvolutionBuffers(r.network);
            }
            lastTrainBatchSize = batch.size();
        }
        for (Example e : batch.examples()) {
            if (e.label < 0 || e.label >= numClasses) {
                throw new IllegalArgumentException("utterance " + e.id + " has label " + e.label
                        + ", the model has " + numClasses + " classes");
            }
        }
        List<Batch> parts = split(batch);
        final double[] losses = new double[parts.size()];
        final double[] shares = new double[parts.size()];
        runParts(parts, true, (index, part, net, crit) -> {
            net.zeroGradParameters();
            Table inputs = part.inputs(settings.variant);
            Tensor<Object> targets = part.targets();
            Tensor<Object> output = (Tensor<Object>) net.forward(inputs);
            losses[index] = ((Number) crit.forward(output, targets)).doubleValue();
            shares[index] = lossWeight(part);
            if (Double.isNaN(losses[index]) || Double.isInfinite(losses[index])) {
                return;
            }
            net.backward(inputs, crit.backward(output, targets));
        });
        double total = 0;
        double loss = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (Double.isNaN(losses[i]) || Double.isInfinite(losses[i])) {
                throw new ArithmeticException("loss is " + losses[i] + " on the batch starting with utterance "
                        + parts.get(i).examples().get(0).id);
            }
            total += shares[i];
        }
        // Each part's loss is a (class-weighted) mean over its examples: weigh them by their shares.
        for (int i = 0; i < parts.size(); i++) {
            loss += losses[i] * shares[i] / total;
            if (i == 0) {
                gradients.mul((Object) (float) (shares[0] / total));
            } else {
                gradients.add((Object) (float) (shares[i] / total), replicas.get(i - 1).gradients);
            }
        }
        if (gradientClipNorm > 0) {
            double norm = ((Number) gradients.norm(2)).doubleValue();
            if (norm > gradientClipNorm) {
                gradients.mul((Object) (float) (gradientClipNorm / norm));
            }
        }
        optimizer.optimize(Bigdl.constantEvaluation((float) loss, gradients), weights);
        return (float) loss;
    }

    /** The weight of a part's mean loss in the batch's: its examples, or their class weights. */
    private double lossWeight(Batch part) {
        double w = 0;
        for (Example e : part.examples()) {
            w += classWeights == null ? 1.0 : classWeights[e.label];
        }
        return w;
    }

    /** The batch in (at most) as many contiguous parts as there are threads. */
    private List<Batch> split(Batch batch) {
        int n = Math.min(threads(), batch.size());
        List<Batch> parts = new ArrayList<>();
        if (n == 1) {
            parts.add(batch);
            return parts;
        }
        for (int i = 0; i < n; i++) {
            parts.add(batch.slice(i * batch.size() / n, (i + 1) * batch.size() / n));
        }
        return parts;
    }

    /**
     * BigDL 0.13's SpatialConvolution sizes its per-sample gradient buffers for the first batch it trains on and
     * never resizes them, so a batch larger than an earlier one fails; emptying them makes it allocate afresh.
     */
    private static void resetConvolutionBuffers(AbstractModule<?, ?, Object> module) {
        if (module instanceof com.intel.analytics.bigdl.nn.SpatialConvolution) {
            com.intel.analytics.bigdl.nn.SpatialConvolution<Object> conv =
                    (com.intel.analytics.bigdl.nn.SpatialConvolution<Object>) module;
            conv.gradWeightMMInBatch_$eq(null);
            conv.gradientBiasMT().set();
            conv.onesBatch().set();
        } else if (module instanceof com.intel.analytics.bigdl.nn.Container) {
            scala.collection.Iterator<?> it =
                    ((com.intel.analytics.bigdl.nn.Container<?, ?, Object>) module).modules().iterator();
            while (it.hasNext()) {
                resetConvolutionBuffers((AbstractModule<?, ?, Object>) it.next());
            }
        }
    }

    private interface PartWork {
        void run(int index, Batch part, AbstractModule<Activity, Activity, Object> network, ClassNLLCriterion<Object> criterion);
    }

    /**
     * Runs part 0 on this thread with the main network and part i on a worker with replica i − 1,
     * all in training or all in evaluation mode. Each worker's random generator (dropout) is seeded
     * from this thread's, so a seeded run stays reproducible.
     */
    private void runParts(List<Batch> parts, boolean train, PartWork work) {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            final int index = i;
            final Replica r = replicas.get(i - 1);
            final long seed = com.intel.analytics.bigdl.utils.RandomGenerator$.MODULE$.RNG().random();
            if (train) {
                r.network.training();
            } else {
                r.network.evaluate();
            }
            running.add(WORKERS.submit(() -> {
                Bigdl.seed(seed);
                work.run(index, parts.get(index), r.network, r.criterion);
            }));
        }
        if (train) {
            network.training();
        } else {
            network.evaluate();
        }
        work.run(0, parts.get(0), network, criterion);
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a network copy", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** Class probabilities [B][classes], computed in evaluation mode (the mode is restored afterwards). */
    public float[][] predict(Batch batch) {
        boolean wasTraining = network.isTraining();
        List<Batch> parts = split(batch);
        final float[][][] partProbabilities = new float[parts.size()][][];
        try {
            runParts(parts, false, (index, part, net, crit) -> {
                float[] logProbabilities = Bigdl.toArray((Tensor<Object>) net.forward(part.inputs(settings.variant)));
                float[][] p = new float[part.size()][numClasses];
                for (int i = 0; i < p.length; i++) {
                    for (int c = 0; c < numClasses; c++) {
                        p[i][c] = (float) Math.exp(logProbabilities[i * numClasses + c]);
                    }
                }
                partProbabilities[index] = p;
            });
        } finally {
            if (wasTraining) {
                network.training();
            }
        }
        float[][] all = new float[batch.size()][];
        int next = 0;
        for (float[][] p : partProbabilities) {
            for (float[] row : p) {
                all[next++] = row;
            }
        }
        return all;
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
