package org.mcsan.bench;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcsan.model.Batcher;
import org.mcsan.model.ModelSettings;

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
        ModelSettings configured = ModelSettings.from(mcsan.getConfig("model"));
        report.info("model", configured.toString());
        report.info("threads", threads);
        report.info("max_heap_mib", Runtime.getRuntime().maxMemory() / MIB);

        measureWorkload(
                context,
                report,
                "realistic",
                "(a)",
                part.realistic(),
                settings.targets().trainingRealisticSamplesPerSecond);
        measureWorkload(
                context, report, "long", "(b)", part.longInputs(), settings.targets().trainingLongSamplesPerSecond);
    }

    private static void measureWorkload(
            BenchContext context, PartReport report, String id, String tag, LengthDistribution lengths, double target)
            throws Exception {
        TrainingBenchSettings part = context.settings().training();
        int threads = context.settings().threads();
        boolean configuredBucketing = context.mcsan().getBoolean("model.batching.bucketing");
        // Equal lengths leave bucketing nothing to sort: the batches would be the same.
        boolean[] bucketingModes = lengths.equalLengths() ? new boolean[] {false} : new boolean[] {true, false};
        for (boolean bucketing : bucketingModes) {
            long baseline = HeapWatch.usedAfterFullGc();
            TrainingWorkload workload = new TrainingWorkload(context.mcsan(), part, lengths, bucketing, threads);
            String label = "training step " + workload.describe(tag)
                    + (lengths.equalLengths() ? ", equal lengths" : bucketing ? ", bucketing" : ", no bucketing");
            String mode = lengths.equalLengths() ? "" : bucketing ? ".bucketing" : ".no-bucketing";
            context.progress("training: " + label);
            List<double[]> heap = new ArrayList<>();
            Protocol.Rates rates;
            try {
                rates = context.protocol().rate(() -> {
                    try (HeapWatch watch = new HeapWatch()) {
                        int samples = workload.pass();
                        heap.add(new double[] {watch.peakUsedBytes() / MIB, watch.maxUsedAfterGcBytes() / MIB});
                        return samples;
                    }
                });
            } catch (Exception | OutOfMemoryError e) {
                if (TrainingWorkload.causedByOutOfMemory(e)) {
                    throw new IllegalStateException(
                            label + ": out of heap memory (maximum "
                                    + Math.round(Runtime.getRuntime().maxMemory() / MIB)
                                    + " MiB). The network keeps every layer's activations and gradients of a "
                                    + "micro-batch, which grow with mcsan.train.micro-batch-size x the longest "
                                    + "input of a batch; run the bench with a larger heap (e.g. MCSAN_HEAP=16g "
                                    + "bin/mcsan bench) or a smaller mcsan.train.micro-batch-size",
                            e);
                }
                throw e;
            }
            // What the workload keeps between steps (weights, Adam's state, every layer's buffers at the largest
            // shapes it has seen, the examples), without garbage: the heap a training loop needs at least.
            double retained = (HeapWatch.usedAfterFullGc() - baseline) / MIB;
            double[] mean = workload.meanLengths();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("threads", workload.model().threads());
            details.put("batch_size", part.batchSize());
            details.put("micro_batch_size", workload.microBatchSize());
            details.put("batches_per_run", part.batchesPerRun());
            details.put("bucketing", bucketing);
            details.put("bucket_pool_batches", workload.settings().bucketPool);
            details.put("length_jitter", workload.settings().lengthJitter);
            details.put("mean_frames", mean[0]);
            details.put("mean_words", mean[1]);
            details.put("length_variation", lengths.variation());
            details.put("padded_frames_per_frame", workload.paddedFramesPerFrame());
            report.add(new Measurement(
                    "training." + id + mode,
                    label,
                    "samples/s",
                    rates,
                    bucketing || lengths.equalLengths() ? Target.atLeast(target) : null,
                    details));

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
            heapDetails.put("retained_by_workload_mib", retained);
            heapDetails.put("max_heap_mib", Runtime.getRuntime().maxMemory() / MIB);
            Stats peak = Stats.of(peaks);
            report.add(new Measurement(
                    "training." + id + mode + ".peak-heap", "peak heap, " + label, "MiB", peak, null, heapDetails));
            report.add(held(workload, id + mode, label, retained));

            UnitHeap.Settings search = part.unitHeap();
            if (search.enabled && (bucketing == configuredBucketing || lengths.equalLengths())) {
                context.progress("training: the heap a unit needs, " + label);
                double passSeconds = workload.exampleCount() / rates.stats().median();
                UnitHeap.Result result = UnitHeap.search(
                        context.mcsan(),
                        part,
                        id,
                        bucketing,
                        threads,
                        (int) retained,
                        (int) Math.ceil(peak.max()),
                        60 + 5 * search.passes * passSeconds);
                report.add(unitHeap(context, search, id + mode, label, result));
            }
        }
    }

    /** Where the workload's retained memory sits, by layer and buffer ({@link HeldMemory}). */
    private static Measurement held(TrainingWorkload workload, String id, String label, double retainedMib) {
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("model (weights, gradients)", workload.model());
        roots.put("optimizer (Adam's moments)", workload.optimizer());
        roots.put("examples", workload.examples());
        HeldMemory held = HeldMemory.of(roots);
        double total = held.totalBytes() / MIB;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(
                "what",
                "arrays reachable from the model (its network and the copies for the other threads), the optimiser "
                        + "and the examples after the last timed run, each counted once");
        details.put("retained_by_workload_mib", retainedMib);
        details.put("share_of_retained", total / retainedMib);
        details.put("by_layer_mib", mib(held.byLayer(), Integer.MAX_VALUE));
        details.put("by_buffer_mib", mib(held.byBuffer(), 16));
        details.put("by_layer_and_buffer_mib", mib(held.byLayerAndBuffer(), 24));
        return new Measurement(
                "training." + id + ".held",
                "held between steps (arrays), " + label,
                "MiB",
                Stats.of(new double[] {total}),
                null,
                details);
    }

    private static Measurement unitHeap(
            BenchContext context, UnitHeap.Settings search, String id, String label, UnitHeap.Result result) {
        List<Map<String, Object>> probes = new ArrayList<>();
        for (UnitHeap.Probe p : result.probes) probes.add(p.toMap());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(
                "what",
                "smallest -Xmx (in steps of " + search.stepMib + " MiB, at most " + search.maxMib
                        + ") in which a fresh JVM trains " + search.passes + " passes without running out of "
                        + "memory and with garbage-collection pauses at most " + search.maxGcShare
                        + " of the time: one unit's share of an executor's memory");
        details.put("found", result.heapMib > 0);
        details.put("probes", probes);
        double value = result.heapMib > 0 ? result.heapMib : search.maxMib;
        return new Measurement(
                "training." + id + ".unit-heap",
                "heap a unit needs" + (result.heapMib > 0 ? ", " : " (more than the search's maximum), ") + label,
                "MiB",
                Stats.of(new double[] {value}),
                result.heapMib > 0 ? Target.atMost(context.settings().targets().trainingUnitHeapMib) : null,
                details);
    }

    private static Map<String, Object> mib(Map<String, Long> bytes, int top) {
        Map<String, Object> out = new LinkedHashMap<>();
        long rest = 0;
        int n = 0;
        for (Map.Entry<String, Long> e : bytes.entrySet()) {
            if (n++ < top) {
                out.put(e.getKey(), Math.round(e.getValue() / MIB * 10) / 10.0);
            } else {
                rest += e.getValue();
            }
        }
        if (rest > 0) {
            out.put("(the rest)", Math.round(rest / MIB * 10) / 10.0);
        }
        return out;
    }
}
