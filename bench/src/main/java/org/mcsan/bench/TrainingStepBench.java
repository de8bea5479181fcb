package org.mcsan.bench;

import com.intel.analytics.bigdl.optim.Adam;
import com.intel.analytics.bigdl.utils.LayerException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcsan.model.Batcher;
import org.mcsan.model.Bigdl;
import org.mcsan.model.Example;
import org.mcsan.model.McsanModel;
import org.mcsan.model.ModelSettings;
import org.mcsan.model.Normalizer;

/**
 * Training steps of the configured network (mcsan.model: the paper's by default), forward + loss + backward +
 * Adam update, as the fold trainer runs them: each timed run is one pass over batch-size x batches-per-run
 * synthetic examples, batched by {@link Batcher#epoch} (with bucketing, these examples are one bucket pool) and
 * padded and normalised by {@link Batcher#batch} for every step. Workload (a) has realistic, varying lengths
 * and is measured with and without bucketing; workload (b) has long inputs of equal length. The model splits each
 * batch over mcsan.bench.threads network copies. Rates are samples per second; the peak heap use of every run
 * is reported beside them.
 */
public final class TrainingStepBench implements BenchPart {
    private static final int CLASSES = 4;
    private static final double MIB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "training";
    }

    @Override
    public String description() {
        return "training steps (forward, backward, Adam) of the configured network, samples/s and peak heap: "
                + "(a) realistic lengths with and without bucketing, (b) long inputs";
    }

    @Override
    public void run(BenchContext context, PartReport report) throws Exception {
        BenchSettings settings = context.settings();
        TrainingBenchSettings part = settings.training();
        int threads = settings.threads();
        BigDlLocal.initEngine(threads);
        Config mcsan = context.mcsan();
        int maxFrames = mcsan.getInt("features.mfcc.max-frames");
        int maxWords = mcsan.getInt("features.text.max-words");
        ModelSettings configured = ModelSettings.from(mcsan.getConfig("model"));
        report.info("model", configured.toString());
        report.info("threads", threads);
        report.info("max_heap_mib", Runtime.getRuntime().maxMemory() / MIB);

        int examples = part.batchSize() * part.batchesPerRun();
        measureWorkload(
                context,
                report,
                "realistic",
                "(a)",
                part.realistic(),
                examples,
                maxFrames,
                maxWords,
                settings.targets().trainingRealisticSamplesPerSecond);
        measureWorkload(
                context,
                report,
                "long",
                "(b)",
                part.longInputs(),
                examples,
                maxFrames,
                maxWords,
                settings.targets().trainingLongSamplesPerSecond);
    }

    private static void measureWorkload(
            BenchContext context,
            PartReport report,
            String id,
            String tag,
            LengthDistribution lengths,
            int count,
            int maxFrames,
            int maxWords,
            double target)
            throws Exception {
        TrainingBenchSettings part = context.settings().training();
        ModelSettings base = ModelSettings.from(context.mcsan().getConfig("model"));
        List<Example> examples = SyntheticExamples.generate(
                count, lengths, maxFrames, maxWords, base.audioDim, base.textDim, CLASSES, part.seed());
        double[] mean = SyntheticExamples.meanLengths(examples);
        String workload = String.format(java.util.Locale.ROOT, "%s %.0f frames / %.1f words", tag, mean[0], mean[1]);
        // Equal lengths leave bucketing nothing to sort: the batches would be the same.
        boolean[] bucketingModes = lengths.equalLengths() ? new boolean[] {false} : new boolean[] {true, false};
        for (boolean bucketing : bucketingModes) {
            String label = "training step " + workload
                    + (lengths.equalLengths() ? ", equal lengths" : bucketing ? ", bucketing" : ", no bucketing");
            String mode = lengths.equalLengths() ? "" : bucketing ? ".bucketing" : ".no-bucketing";
            context.progress("training: " + label);
            ModelSettings settings = withBucketing(context.mcsan().getConfig("model"), bucketing, part.batchesPerRun());
            Batcher batcher = new Batcher(settings, Normalizer.fit(examples, settings.audioDim));
            long baseline = HeapWatch.usedAfterFullGc();
            McsanModel model = McsanModel.build(settings, CLASSES, part.seed())
                    .setThreads(context.settings().threads())
                    .setMicroBatchSize(context.mcsan().getInt("train.micro-batch-size"));
            Adam<Object> adam = Bigdl.adam(1e-3);
            List<double[]> heap = new ArrayList<>();
            long[] runs = {0};
            long[] paddedFrames = {0};
            Protocol.Rates rates;
            try {
                rates = context.protocol().rate(() -> {
                    int samples = 0;
                    try (HeapWatch watch = new HeapWatch()) {
                        for (List<Example> batch : batcher.epoch(examples, part.batchSize(), part.seed() + runs[0]++)) {
                            model.trainStep(batcher.batch(batch), adam);
                            samples += batch.size();
                            paddedFrames[0] += (long) batch.size() * maxAudioSteps(batcher, batch);
                        }
                        heap.add(new double[] {watch.peakUsedBytes() / MIB, watch.maxUsedAfterGcBytes() / MIB});
                    }
                    return samples;
                });
            } catch (Exception | OutOfMemoryError e) {
                if (causedByOutOfMemory(e)) {
                    throw new IllegalStateException(
                            label + ": out of heap memory (maximum "
                                    + Math.round(Runtime.getRuntime().maxMemory() / MIB)
                                    + " MiB). The network keeps every layer's "
                                    + "activations and gradients of a step, which grow with batch-size x the longest input of a batch; "
                                    + "run the bench with a larger heap (e.g. MCSAN_HEAP=16g bin/mcsan bench) or a smaller "
                                    + "mcsan.bench.training.batch-size",
                            e);
                }
                throw e;
            }
            // What the network keeps between steps (weights, Adam's state, every layer's buffers at the largest shapes
            // it has seen), without garbage: the heap a training loop needs at least, beside its data.
            double retained = (HeapWatch.usedAfterFullGc() - baseline) / MIB;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("threads", model.threads());
            details.put("batch_size", part.batchSize());
            details.put("micro_batch_size", context.mcsan().getInt("train.micro-batch-size"));
            details.put("batches_per_run", part.batchesPerRun());
            details.put("bucketing", bucketing);
            details.put("bucket_pool_batches", settings.bucketPool);
            details.put("mean_frames", mean[0]);
            details.put("mean_words", mean[1]);
            details.put("length_variation", lengths.variation());
            // Padding: the frames the network processed (batch x longest in batch) per real frame.
            details.put("padded_frames_per_frame", paddedFrames[0] / (mean[0] * count * runs[0]));
            report.add(new Measurement(
                    "training." + id + mode, label, "samples/s", rates, Target.atLeast(target), details));

            List<double[]> timed = heap.subList(heap.size() - context.protocol().repetitions(), heap.size());
            double[] peaks = new double[timed.size()];
            double maxAfterGc = -1;
            for (int i = 0; i < peaks.length; i++) {
                peaks[i] = timed.get(i)[0];
                maxAfterGc = Math.max(maxAfterGc, timed.get(i)[1]);
            }
            Map<String, Object> heapDetails = new LinkedHashMap<>();
            heapDetails.put(
                    "what",
                    "largest heap occupancy during each timed run (live objects and garbage), from the "
                            + "collector's reports");
            heapDetails.put("max_heap_after_gc_mib", maxAfterGc < 0 ? null : maxAfterGc);
            heapDetails.put("retained_by_network_mib", retained);
            heapDetails.put("max_heap_mib", Runtime.getRuntime().maxMemory() / MIB);
            report.add(new Measurement(
                    "training." + id + mode + ".peak-heap",
                    "peak heap, " + label,
                    "MiB",
                    Stats.of(peaks),
                    null,
                    heapDetails));
        }
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e;
                t != null;
                t = t instanceof LayerException ? ((LayerException) t).error() : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static int maxAudioSteps(Batcher batcher, List<Example> batch) {
        int longest = 0;
        for (Example e : batch) {
            longest = Math.max(longest, batcher.audioSteps(e));
        }
        return longest;
    }

    private static ModelSettings withBucketing(Config model, boolean bucketing, int pool) {
        return ModelSettings.from(model.withValue("batching.bucketing", ConfigValueFactory.fromAnyRef(bucketing))
                .withValue("batching.bucket-pool", ConfigValueFactory.fromAnyRef(pool)));
    }
}
