package org.mcsan.model;

import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.nn.abstractnn.Activity;
import com.intel.analytics.bigdl.optim.OptimMethod;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileUtil;

/**
 * An MCSAN network with its training step: what the fold trainer works with.
 *
 * <p>Not thread-safe: one model is used by one thread at a time. The weights and gradients are
 * flattened once ({@link #weights()}, {@link #gradients()}), as BigDL's optimisers expect.
 *
 * <p>With {@link #setThreads(int) n threads}, a training step or prediction splits the batch
 * into n parts that this network and n − 1 copies of it sharing its weights process in parallel
 * ({@link DataParallelReplicas}); the gradients are combined with the parts' weights in the loss,
 * so a step computes the same as on one thread up to float rounding. BigDL's layers otherwise run on the calling thread
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
    private double gradientClipNorm;
    private int[] lastPartSizes;
    private int microBatchSize;
    private Tensor<Object> accumulated;
    /** Runs the parts of a batch on this network and its copies; holds the loss criteria. */
    private final DataParallelReplicas parallel;

    private McsanModel(ModelSettings settings, int numClasses, AbstractModule<Activity, Activity, Object> network) {
        this.settings = settings;
        this.numClasses = numClasses;
        this.network = network;
        Bigdl.Parameters flat = Bigdl.flatParameters(network);
        this.weights = flat.weights;
        this.gradients = flat.gradients;
        this.parallel = new DataParallelReplicas(settings, numClasses, network);
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
     * Rebuilds a network from {@link #toBytes}, checking that it has the structure {@code settings} and
     * {@code numClasses} describe ({@code source}, e.g. the file it was read from, names it in errors). Starts in
     * evaluation mode.
     */
    public static McsanModel fromBytes(byte[] module, String source, ModelSettings settings, int numClasses)
            throws IOException {
        AbstractModule<Activity, Activity, Object> loaded = inLocalFile(file -> {
            Files.write(file, module);
            return Bigdl.loadModule(file.toString());
        });
        Tensor<Object>[] expected = Bigdl.layerWeights(McsanNetwork.build(settings, numClasses));
        Tensor<Object>[] actual = Bigdl.layerWeights(loaded);
        boolean same = expected.length == actual.length;
        for (int i = 0; same && i < expected.length; i++) {
            same = Arrays.equals(expected[i].size(), actual[i].size());
        }
        if (!same) {
            throw new IllegalArgumentException("the model at " + source + " does not have the structure of " + settings
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
        parallel.setClassWeights(classWeights);
        return this;
    }

    /**
     * Number of threads (network copies) a training step or prediction uses; 1 by default.
     * Each further thread holds one more copy of the network's activations.
     */
    public McsanModel setThreads(int threads) {
        parallel.setThreads(threads);
        lastPartSizes = null; // the parts of a batch change size, and with them the convolution buffers
        return this;
    }

    public int threads() {
        return parallel.threads();
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
        Tensor<Object> output = (Tensor<Object>) network.forward(batch.inputs(settings.variant));
        Bigdl.releaseClonedPreTopologies(network);
        return output;
    }

    /**
     * One optimisation step in training mode: forward, mean negative log-likelihood (class-weighted
     * if set), backward, optional gradient clipping, then {@code optimizer}'s update of the weights.
     *
     * @return the batch loss before the update
     * @throws ArithmeticException if the loss is not finite (the weights are left unchanged)
     */
    public float trainStep(Batch batch, OptimMethod<Object> optimizer) {
        for (Example e : batch.examples()) {
            if (e.label < 0 || e.label >= numClasses) {
                throw new IllegalArgumentException(
                        "utterance " + e.id + " has label " + e.label + ", the model has " + numClasses + " classes");
            }
        }
        List<List<Batch>> rounds = rounds(batch);
        double total = 0;
        for (List<Batch> round : rounds) {
            for (Batch part : round) total += lossWeight(part);
        }
        double loss = 0;
        for (int r = 0; r < rounds.size(); r++) {
            List<Batch> parts = rounds.get(r);
            resetConvolutionBuffersIfSizesChange(parts);
            final double[] losses = new double[parts.size()];
            final double[] shares = new double[parts.size()];
            parallel.run(parts, true, (index, part, net, crit) -> {
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
            for (int i = 0; i < parts.size(); i++) {
                if (Double.isNaN(losses[i]) || Double.isInfinite(losses[i])) {
                    throw new ArithmeticException("loss is " + losses[i] + " on the batch starting with utterance "
                            + parts.get(i).examples().get(0).id);
                }
                // Each part's loss is a (class-weighted) mean over its examples: weigh them by their shares.
                loss += losses[i] * shares[i] / total;
            }
            parallel.sumGradients(gradients, shares, total);
            if (rounds.size() > 1) {
                if (r == 0) {
                    accumulated().copy(gradients);
                } else {
                    accumulated().add(gradients);
                }
            }
        }
        // Once per step: every round of a step has the same number of time steps, so only the first clones cells.
        parallel.forEachNetwork(Bigdl::releaseClonedPreTopologies);
        if (rounds.size() > 1) {
            gradients.copy(accumulated);
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

    /**
     * How a training batch is processed: without micro-batching in one round of one part per thread; with it in
     * slices of at most {@code microBatchSize} examples (sizes differing by at most one), {@code threads} slices per
     * round. Every layer keeps activations and gradient buffers sized for the part it processes, so the slices bound
     * the memory a step needs while the update stays that of the whole batch.
     */
    List<List<Batch>> rounds(Batch batch) {
        List<List<Batch>> rounds = new ArrayList<>();
        int threads = parallel.threads();
        if (microBatchSize == 0 || batch.size() <= microBatchSize * threads) {
            rounds.add(parallel.split(batch));
            return rounds;
        }
        int slices = (batch.size() + microBatchSize - 1) / microBatchSize;
        List<Batch> round = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            round.add(batch.slice(i * batch.size() / slices, (i + 1) * batch.size() / slices));
            if (round.size() == threads || i == slices - 1) {
                rounds.add(round);
                round = new ArrayList<>();
            }
        }
        return rounds;
    }

    /** BigDL 0.13's SpatialConvolution keeps gradient buffers sized for the first part each network trained on. */
    private void resetConvolutionBuffersIfSizesChange(List<Batch> parts) {
        int[] sizes = new int[parts.size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = parts.get(i).size();
        if (!Arrays.equals(sizes, lastPartSizes)) {
            parallel.forEachNetwork(Bigdl::resetConvolutionBuffers);
            lastPartSizes = sizes;
        }
    }

    /** The gradient summed over a micro-batched step's rounds; allocated at the first such step. */
    private Tensor<Object> accumulated() {
        if (accumulated == null) {
            accumulated = gradients.clone();
        }
        return accumulated;
    }

    /**
     * Processes a training batch in slices of at most this many examples per network, summing their gradients into
     * one update (the same update, up to float rounding); 0 processes it in one part per thread.
     */
    public McsanModel setMicroBatchSize(int examples) {
        if (examples < 0) {
            throw new IllegalArgumentException("micro-batch size must be at least 0, got " + examples);
        }
        microBatchSize = examples;
        return this;
    }

    /** The weight of a part's mean loss in the batch's: its examples, or their class weights. */
    private double lossWeight(Batch part) {
        double w = 0;
        for (Example e : part.examples()) {
            w += classWeights == null ? 1.0 : classWeights[e.label];
        }
        return w;
    }

    /** Class probabilities [B][classes], computed in evaluation mode (the mode is restored afterwards). */
    public float[][] predict(Batch batch) {
        boolean wasTraining = network.isTraining();
        List<Batch> parts = parallel.split(batch);
        final float[][][] partProbabilities = new float[parts.size()][][];
        try {
            parallel.run(parts, false, (index, part, net, crit) -> {
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
            parallel.forEachNetwork(Bigdl::releaseClonedPreTopologies);
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
     * The network in BigDL's module format (protobuf), for {@link #fromBytes}; the caller writes it with its own
     * file system. BigDL clears the network's cached activations while saving.
     */
    public byte[] toBytes() throws IOException {
        return inLocalFile(file -> {
            network.saveModule(file.toString(), null, true);
            releaseReflectionUndoLog();
            return Files.readAllBytes(file);
        });
    }

    /**
     * BigDL's serializer goes through Scala runtime reflection, whose type-constraint undo log keeps what each
     * save inferred (scala/bug#8302): measured 0.56 MiB retained per unit, 0.56 GB per executor after 1000
     * units. The runtime universe keeps one log per thread and this thread is in no type check now (the save has
     * returned), so nothing is left to undo: emptying it only lets those entries go.
     */
    static void releaseReflectionUndoLog() {
        reflectionUndoLog().clear();
    }

    /** This thread's undo log of Scala's runtime reflection universe. */
    static scala.reflect.internal.tpe.TypeConstraints.UndoLog reflectionUndoLog() {
        return ((scala.reflect.internal.SymbolTable) scala.reflect.runtime.package$.MODULE$.universe()).undoLog();
    }

    private interface LocalFileWork<T> {
        T apply(java.nio.file.Path file) throws IOException;
    }

    /**
     * BigDL reads and writes modules only by path, and on a Hadoop path it closes the JVM-wide cached FileSystem
     * afterwards (breaking every other user of that HDFS client in the executor); so it only ever sees a local
     * scratch file, removed afterwards with its checksum side file.
     */
    private static <T> T inLocalFile(LocalFileWork<T> work) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("mcsan-model-");
        try {
            return work.apply(dir.resolve("model.bigdl"));
        } finally {
            FileUtil.fullyDelete(dir.toFile());
        }
    }

    /** Writes every weight to a .safetensors file in the PyTorch layout of model/SAFETENSORS.md. */
    public void exportSafetensors(String path) throws IOException {
        Safetensors.write(path, WeightExport.tensors(network, settings), WeightExport.metadata(settings, numClasses));
    }

    /** The .safetensors file of {@link #exportSafetensors(String)}, for the caller to write with its file system. */
    public byte[] safetensorsBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.write(out, WeightExport.tensors(network, settings), WeightExport.metadata(settings, numClasses));
        return out.toByteArray();
    }
}
