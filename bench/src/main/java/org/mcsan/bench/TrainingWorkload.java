package org.mcsan.bench;

import com.intel.analytics.bigdl.optim.Adam;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Locale;
import org.mcsan.model.Batcher;
import org.mcsan.model.Bigdl;
import org.mcsan.model.Example;
import org.mcsan.model.McsanModel;
import org.mcsan.model.ModelSettings;
import org.mcsan.model.Normalizer;

/**
 * One training workload of the bench: batch-size x batches-per-run synthetic examples of a length distribution,
 * the configured network (mcsan.model, with bucketing on or off) on mcsan.bench.threads network copies with
 * mcsan.train.micro-batch-size, and Adam. A pass is one epoch over the examples, batched by {@link Batcher#epoch}
 * (with bucketing, the examples are one bucket pool) and padded and normalised by {@link Batcher#batch} for every
 * step, as the fold trainer does it. The training bench times passes; the unit-heap probe runs them in a heap of a
 * given size.
 */
final class TrainingWorkload {
    static final int CLASSES = 4;

    private final TrainingBenchSettings part;
    private final List<Example> examples;
    private final double[] meanLengths;
    private final ModelSettings settings;
    private final Batcher batcher;
    private final McsanModel model;
    private final Adam<Object> adam = Bigdl.adam(1e-3);
    private final int microBatchSize;
    private long passes;
    private long paddedFrames;

    /**
     * @param mcsan the resolved mcsan configuration (model, features' length caps, train.micro-batch-size)
     * @param threads network copies
     */
    TrainingWorkload(
            Config mcsan, TrainingBenchSettings part, LengthDistribution lengths, boolean bucketing, int threads) {
        this.part = part;
        this.settings = withBucketing(mcsan.getConfig("model"), bucketing, part.batchesPerRun());
        this.examples = SyntheticExamples.generate(
                part.batchSize() * part.batchesPerRun(),
                lengths,
                mcsan.getInt("features.mfcc.max-frames"),
                mcsan.getInt("features.text.max-words"),
                settings.audioDim,
                settings.textDim,
                CLASSES,
                part.seed());
        this.meanLengths = SyntheticExamples.meanLengths(examples);
        this.batcher = new Batcher(settings, Normalizer.fit(examples, settings.audioDim));
        this.microBatchSize = mcsan.getInt("train.micro-batch-size");
        this.model = McsanModel.build(settings, CLASSES, part.seed())
                .setThreads(threads)
                .setMicroBatchSize(microBatchSize);
    }

    /** One epoch over the examples (each pass draws other batches); returns the samples trained. */
    int pass() {
        int samples = 0;
        for (List<Example> batch : batcher.epoch(examples, part.batchSize(), part.seed() + passes)) {
            model.trainStep(batcher.batch(batch), adam);
            samples += batch.size();
            paddedFrames += (long) batch.size() * longestAudio(batch);
        }
        passes++;
        return samples;
    }

    private int longestAudio(List<Example> batch) {
        int longest = 0;
        for (Example e : batch) {
            longest = Math.max(longest, batcher.audioSteps(e));
        }
        return longest;
    }

    /** "(a) 421 frames / 10.7 words": the workload's tag and mean lengths. */
    String describe(String tag) {
        return String.format(Locale.ROOT, "%s %.0f frames / %.1f words", tag, meanLengths[0], meanLengths[1]);
    }

    /** Padding so far: the frames the network processed (batch x longest in batch) per real frame. */
    double paddedFramesPerFrame() {
        return paddedFrames / (meanLengths[0] * examples.size() * passes);
    }

    double[] meanLengths() {
        return meanLengths.clone();
    }

    ModelSettings settings() {
        return settings;
    }

    McsanModel model() {
        return model;
    }

    Adam<Object> optimizer() {
        return adam;
    }

    int microBatchSize() {
        return microBatchSize;
    }

    int exampleCount() {
        return examples.size();
    }

    List<Example> examples() {
        return examples;
    }

    /** Whether {@code e} or one of its causes ({@link Bigdl#causes}) is out of memory. */
    static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t : Bigdl.causes(e)) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static ModelSettings withBucketing(Config model, boolean bucketing, int pool) {
        return ModelSettings.from(model.withValue("batching.bucketing", ConfigValueFactory.fromAnyRef(bucketing))
                .withValue("batching.bucket-pool", ConfigValueFactory.fromAnyRef(pool)));
    }
}
