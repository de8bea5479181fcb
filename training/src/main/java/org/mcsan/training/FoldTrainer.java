package org.mcsan.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.run.EpochRecord;
import org.mcsan.contracts.run.UnitFailure;
import org.mcsan.model.Batcher;
import org.mcsan.model.Bigdl;
import org.mcsan.model.Example;
import org.mcsan.model.McsanModel;
import org.mcsan.model.ModelSettings;
import org.mcsan.model.Normalizer;

/**
 * Trains one fold: z-normalisation fitted on the training examples only, Adam, per-epoch validation,
 * selection of the best epoch by a validation metric (optionally stopping early), and the test examples scored
 * once, with the selected weights. Every epoch draws its shuffling and dropout from (seed, epoch), and each
 * checkpoint holds the weights and Adam's state, so a fold resumed after a crash ends exactly as an uninterrupted
 * one.
 */
public final class FoldTrainer {
    /** Told about every finished epoch (progress lines; tests also look at the epoch's model). */
    public interface Listener {
        void onEpoch(EpochRecord record, boolean improved, McsanModel model);
    }

    private final ModelSettings modelSettings;
    private final TrainSettings settings;
    private final Configuration hadoop;
    private final int threads;

    /** @param threads cores one fold uses: each batch is split across this many copies of the network */
    public FoldTrainer(ModelSettings modelSettings, TrainSettings settings, Configuration hadoop, int threads) {
        this.modelSettings = modelSettings;
        this.settings = settings;
        this.hadoop = hadoop;
        this.threads = threads;
    }

    /**
     * Trains (or resumes) the fold.
     *
     * @param seed the unit's seed (weights, shuffling, dropout)
     * @param checkpointDir where checkpoints and {@code progress.json} go (any Hadoop path)
     * @param tensorboardDir where TensorBoard event logs go, or null for none
     */
    public FoldResult train(FoldData data, long seed, String checkpointDir, String tensorboardDir, Listener listener)
            throws IOException {
        int numClasses = data.classes.size();
        Normalizer normalizer = Normalizer.fit(data.train, modelSettings.audioDim);
        Batcher batcher = new Batcher(modelSettings, normalizer);
        McsanModel model = McsanModel.build(modelSettings, numClasses, seed);
        TrainedUnit unit = new TrainedUnit(model, normalizer, data.classes);
        if (settings.inverseFrequencyClassWeights) {
            model.setClassWeights(inverseFrequencyWeights(data.train, numClasses));
        }
        model.setGradientClipNorm(settings.gradientClipNorm);
        model.setThreads(threads);
        model.setMicroBatchSize(settings.microBatchSize);
        injectFault(model);
        AdamState adam = new AdamState(
                Bigdl.adam(settings.learningRate), (int) model.weights().nElement());

        Checkpoints checkpoints = new Checkpoints(hadoop, checkpointDir);
        Checkpoints.State state = checkpoints.latest();
        List<EpochRecord> history = new ArrayList<>();
        int bestEpoch = 0;
        int startEpoch = 1;
        if (state != null) {
            checkpoints.restore(model, adam);
            history.addAll(state.history);
            bestEpoch = state.bestEpoch;
            startEpoch = state.epoch + 1;
        }

        EventLog events = tensorboardDir == null ? null : new EventLog(hadoop, tensorboardDir);
        int trainedNow = 0;
        try {
            for (int epoch = startEpoch; epoch <= settings.epochs && !stopEarly(history, bestEpoch); epoch++) {
                long start = System.nanoTime();
                model.training();
                Bigdl.seed(mix(seed, epoch)); // dropout draws from this thread's generator (and seeds workers)
                double lossSum = 0;
                int seen = 0;
                int step = 0;
                for (List<Example> b : batcher.epoch(data.train, settings.batchSize, mix(seed, -epoch))) {
                    step++;
                    double loss;
                    try {
                        loss = model.trainStep(batcher.batch(b), adam.adam());
                    } catch (ArithmeticException e) { // the model refuses a non-finite loss before stepping
                        throw new ConfigurationFailure(
                                UnitFailure.NON_FINITE_LOSS,
                                "epoch " + epoch + ", step " + step + ": " + e.getMessage() + " (learning rate "
                                        + settings.learningRate + "); lower mcsan.train.learning-rate or set"
                                        + " mcsan.train.gradient-clip-norm");
                    }
                    lossSum += loss * b.size();
                    seen += b.size();
                }
                List<Scored> val = unit.predict(data.validation, settings.evalBatchSize);
                EpochRecord record =
                        record(epoch, lossSum / seen, val, data.classes, (System.nanoTime() - start) / 1e9);
                history.add(record);
                boolean improved = bestEpoch == 0
                        || record.score(settings.selectionMetric)
                                > history.get(bestEpoch - 1).score(settings.selectionMetric);
                if (improved) {
                    bestEpoch = epoch;
                    checkpoints.saveBest(epoch, model);
                }
                if (epoch % settings.checkpointEvery == 0 || epoch == settings.epochs) {
                    checkpoints.save(new Checkpoints.State(epoch, bestEpoch, history), model, adam);
                }
                checkpoints.writeProgress(epoch, settings.epochs, meanSeconds(history));
                if (events != null) {
                    events.scalar("train/loss", (float) record.trainLoss, epoch);
                    events.scalar("val/loss", (float) record.valLoss, epoch);
                    events.scalar("val/ua", (float) record.valUa, epoch);
                    events.scalar("val/wa", (float) record.valWa, epoch);
                    events.scalar("val/wf1", (float) record.valWf1, epoch);
                }
                trainedNow++;
                listener.onEpoch(record, improved, model);
            }
        } finally {
            if (events != null) {
                events.close();
            }
        }
        // The selected weights; the test examples are scored now, once.
        checkpoints.loadBest(bestEpoch, model);
        model.evaluate();
        List<Scored> val = unit.predict(data.validation, settings.evalBatchSize);
        List<Scored> test = unit.predict(data.test, settings.evalBatchSize);
        return new FoldResult(history, bestEpoch, unit, val, test, trainedNow);
    }

    /** mcsan.train.fault: a real NaN through the network, or a real allocation failure. */
    private void injectFault(McsanModel model) {
        if (settings.fault.equals("non-finite-loss")) {
            // NaN weights: NaN inputs would not do, ReLUs and max-pooling drop NaNs on their way to the loss
            model.weights().fill((Object) Float.NaN);
        } else if (settings.fault.equals("out-of-memory")) {
            long[] tooLarge = new long[Integer.MAX_VALUE - 8]; // 16 GiB, more than the heaps this is tested with
            tooLarge[0] = 1;
        }
    }

    private boolean stopEarly(List<EpochRecord> history, int bestEpoch) {
        return settings.earlyStoppingPatience > 0
                && !history.isEmpty()
                && history.get(history.size() - 1).epoch - bestEpoch >= settings.earlyStoppingPatience;
    }

    private static EpochRecord record(
            int epoch, double trainLoss, List<Scored> val, List<String> classes, double seconds) {
        int[] truth = new int[val.size()];
        int[] predicted = new int[val.size()];
        double nll = 0;
        for (int i = 0; i < val.size(); i++) {
            Scored s = val.get(i);
            truth[i] = s.label;
            predicted[i] = s.predicted;
            nll -= Math.log(Math.max(s.probabilities[s.label], 1e-30));
        }
        ClassificationMetrics m = ClassificationMetrics.of(ConfusionMatrix.fromLabels(classes, truth, predicted));
        return new EpochRecord(
                epoch, trainLoss, nll / val.size(), m.wa(), m.ua(), m.weightedF1(), m.macroF1(), seconds);
    }

    /** n / (classes × count_c) over the training labels; a class with no training example gets 1. */
    static float[] inverseFrequencyWeights(List<Example> train, int numClasses) {
        long[] counts = new long[numClasses];
        for (Example e : train) {
            counts[e.label]++;
        }
        float[] w = new float[numClasses];
        for (int c = 0; c < numClasses; c++) {
            w[c] = counts[c] == 0 ? 1f : (float) train.size() / (numClasses * counts[c]);
        }
        return w;
    }

    private static double meanSeconds(List<EpochRecord> history) {
        double s = 0;
        for (EpochRecord r : history) {
            s += r.seconds;
        }
        return s / history.size();
    }

    /** A well-spread 64-bit value from a seed and a counter (SplitMix64's finaliser). */
    static long mix(long seed, long counter) {
        long z = seed * 0x9E3779B97F4A7C15L + counter;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
