package org.mcsan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.Trial;
import org.mcsan.evaluation.EvaluationSettings;
import org.mcsan.evaluation.EvaluationSummary;
import org.mcsan.evaluation.Evaluator;
import org.mcsan.model.ModelSettings;
import org.mcsan.training.TrainJob;
import org.mcsan.training.TrainJobSettings;
import org.mcsan.training.TrainSettings;
import org.mcsan.training.TrialSettings;
import org.mcsan.training.UnitOutcome;

/**
 * Scheduling and bookkeeping of a large sweep: trials x folds units whose compute is negligible (a tiny model, one
 * epoch, a few short utterances) go through the real training stage ({@link TrainJob#run}: planning, the run
 * directory's plan files, one Spark task per unit, checkpoints, commits, the progress monitor) and the real
 * evaluation stage ({@link Evaluator#evaluate}) on an embedded {@code local[threads]} session. What a unit costs
 * beyond its own work is then most of the wall time: the part reports it per unit, next to the time spent inside
 * the units, with the driver's heap and the run directory's size per unit. The sweep runs once, without warm-up
 * or repetitions: its many units are the repetitions, and a second sweep would double the part's long run.
 */
public final class SchedulingBench implements BenchPart {
    private static final List<String> CLASSES = Arrays.asList("c0", "c1", "c2", "c3");
    private static final double MIB = 1024.0 * 1024.0;
    /** Feature dimensions of the synthetic dataset, matched by the tiny model. */
    private static final int AUDIO_DIM = 4;

    private static final int TEXT_DIM = 4;
    private static final int WORDS = 3;

    @Override
    public String name() {
        return "scheduling";
    }

    @Override
    public String description() {
        return "scheduling and bookkeeping of a sweep: trials x folds trivially small units through the training "
                + "and evaluation stages, seconds per unit, driver heap, run directory size";
    }

    @Override
    public void run(BenchContext context, PartReport report) throws Exception {
        BenchSettings settings = context.settings();
        SchedulingBenchSettings part = settings.scheduling();
        int threads = settings.threads();
        int units = part.units();
        try (TempDirectory scratch = new TempDirectory("mcsan-bench-scheduling-")) {
            Path dataset = scratch.path().resolve("dataset");
            Path runDir = scratch.path().resolve("run");
            Config mcsan = jobConfig(context.mcsan(), part, dataset, runDir, threads);
            report.info("trials", part.trials());
            report.info("folds", part.folds());
            report.info("units", units);
            report.info("model", ModelSettings.from(mcsan.getConfig("model")).toString());
            SparkSession spark = context.startSpark(mcsan);
            try {
                report.info("spark_master", spark.sparkContext().master());
                int slots = spark.sparkContext().defaultParallelism();
                report.info("slots", slots);
                int utterances = writeDataset(spark, dataset, part);
                report.info("utterances", utterances);
                List<TrialSettings> trials = trials(mcsan, part.trials());
                TrainJobSettings job = TrainJobSettings.from(mcsan, trials);
                // What `mcsan train` records before training; the evaluation reads its settings from it.
                Files.createDirectories(runDir);
                Files.write(
                        runDir.resolve(RunLayout.CONFIG), renderConfig(mcsan).getBytes("UTF-8"));

                context.progress("scheduling: " + part.trials() + " trials x " + part.folds() + " folds = " + units
                        + " units, local[" + threads + "]");
                long baseline = HeapWatch.usedAfterFullGc();
                List<UnitOutcome> outcomes;
                double trainSeconds;
                double evaluateSeconds;
                long cpuTrain;
                // CPU cores the process got in the training stage, the evaluation stage and both; null when unknown
                Double[] cores = {null, null, null};
                long peak;
                try (HeapWatch watch = new HeapWatch()) {
                    long cpuStart = Protocol.processCpuNanos();
                    long start = System.nanoTime();
                    outcomes = TrainJob.run(spark, job);
                    trainSeconds = (System.nanoTime() - start) / 1e9;
                    cpuTrain = Protocol.processCpuNanos();
                    if (outcomes.size() != units) {
                        throw new IllegalStateException(
                                "the training stage trained " + outcomes.size() + " of " + units + " units");
                    }
                    context.progress(String.format(
                            Locale.ROOT, "scheduling: %d units trained in %.1f s, evaluating", units, trainSeconds));
                    long evaluateStart = System.nanoTime();
                    EvaluationSummary summary = Evaluator.evaluate(
                            spark,
                            job.runDir,
                            EvaluationSettings.ofRun(
                                    new String(Files.readAllBytes(runDir.resolve(RunLayout.CONFIG)), "UTF-8"),
                                    runDir.resolve(RunLayout.CONFIG).toString()));
                    evaluateSeconds = (System.nanoTime() - evaluateStart) / 1e9;
                    long cpuEnd = Protocol.processCpuNanos();
                    if (cpuStart >= 0 && cpuEnd >= 0) {
                        cores = new Double[] {
                            (cpuTrain - cpuStart) / 1e9 / trainSeconds,
                            (cpuEnd - cpuTrain) / 1e9 / evaluateSeconds,
                            (cpuEnd - cpuStart) / 1e9 / (trainSeconds + evaluateSeconds)
                        };
                    }
                    if (summary.trials().size() != part.trials()) {
                        throw new IllegalStateException("the evaluation stage evaluated "
                                + summary.trials().size() + " of " + part.trials() + " trials");
                    }
                    peak = watch.peakUsedBytes();
                }
                // Outcomes, plan and summary are what the driver keeps of a sweep; weights stay in the run directory.
                double retained = (HeapWatch.usedAfterFullGc() - baseline) / MIB;
                record(
                        report,
                        settings,
                        part,
                        slots,
                        cores,
                        outcomes,
                        trainSeconds,
                        evaluateSeconds,
                        peak / MIB,
                        retained,
                        runDir);
            } finally {
                spark.stop();
            }
        }
    }

    private static void record(
            PartReport report,
            BenchSettings settings,
            SchedulingBenchSettings part,
            int slots,
            Double[] cores,
            List<UnitOutcome> outcomes,
            double trainSeconds,
            double evaluateSeconds,
            double peakMib,
            double retainedMib,
            Path runDir)
            throws IOException {
        int units = part.units();
        double inside = 0;
        for (UnitOutcome o : outcomes) {
            inside += o.seconds;
        }
        double total = trainSeconds + evaluateSeconds;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("units", units);
        details.put("trials", part.trials());
        details.put("folds", part.folds());
        details.put("slots", slots);
        report.add(new Measurement(
                "scheduling.seconds-per-unit",
                "sweep of " + units + " units: training + evaluation stage wall / unit",
                "s",
                Stats.of(total / units),
                cores[2],
                Target.atMost(settings.targets().schedulingSecondsPerUnit),
                details));
        report.add(new Measurement(
                "scheduling.train-seconds-per-unit",
                "training stage (plan, " + units + " tasks, commits) wall / unit",
                "s",
                Stats.of(trainSeconds / units),
                cores[0],
                null,
                details));
        Map<String, Object> insideDetails = new LinkedHashMap<>(details);
        insideDetails.put("definition", "mean of the units' own seconds (UnitOutcome.seconds: read, train, commit)");
        report.add(new Measurement(
                "scheduling.unit-seconds",
                "inside a unit (read fold, 1 epoch, commit), mean",
                "s",
                Stats.of(inside / units),
                cores[0],
                null,
                insideDetails));
        double epochs = epochSeconds(runDir, outcomes);
        Map<String, Object> epochDetails = new LinkedHashMap<>(details);
        epochDetails.put(
                "definition",
                "mean of the units' epoch seconds (history.json: training steps and validation); the rest of a unit "
                        + "is reading its fold, building the model, checkpoints, test scoring and the commit");
        report.add(new Measurement(
                "scheduling.epoch-seconds",
                "inside a unit: its epoch (train + validate), mean",
                "s",
                Stats.of(epochs / units),
                cores[0],
                null,
                epochDetails));
        Map<String, Object> overheadDetails = new LinkedHashMap<>(details);
        overheadDetails.put(
                "definition",
                "(training stage wall x slots - seconds inside units) / units: slot time spent outside the units "
                        + "(planning, scheduling, task launch, result collection, idle slots)");
        report.add(new Measurement(
                "scheduling.overhead-per-unit",
                "outside the units, slot-seconds / unit",
                "s",
                Stats.of((trainSeconds * slots - inside) / units),
                cores[0],
                null,
                overheadDetails));
        report.add(new Measurement(
                "scheduling.evaluate-seconds-per-unit",
                "evaluation stage wall / unit",
                "s",
                Stats.of(evaluateSeconds / units),
                cores[1],
                null,
                details));
        Map<String, Object> heapDetails = new LinkedHashMap<>(details);
        heapDetails.put(
                "note", "local mode: the driver's JVM also runs the units, so the peak includes their training");
        report.add(new Measurement(
                "scheduling.driver-peak-heap",
                "driver peak heap, both stages",
                "MiB",
                Stats.of(peakMib),
                null,
                heapDetails));
        Map<String, Object> retainedDetails = new LinkedHashMap<>(details);
        retainedDetails.put(
                "definition",
                "heap after a full collection once both stages are done, less the heap after one before: what the "
                        + "driver keeps of the sweep (a peak under -Xmx16g mostly shows how lazily the collector ran)");
        report.add(new Measurement(
                "scheduling.driver-retained-heap",
                "driver heap retained after the sweep",
                "MiB",
                Stats.of(retainedMib),
                null,
                retainedDetails));

        double[] halves = halves(runDir, outcomes);
        // Seconds per unit early and late in the stage: a cost that grows with the units done (a quadratic loop,
        // a listing of everything so far) makes the second half slower than the first.
        if (halves != null) {
            report.info("seconds_per_unit_first_half", halves[0]);
            report.info("seconds_per_unit_second_half", halves[1]);
        }
        RunDirectoryShape shape = RunDirectoryShape.of(runDir);
        report.info("train_seconds", trainSeconds);
        report.info("evaluate_seconds", evaluateSeconds);
        report.info("unit_seconds_sum", inside);
        report.info("run_dir_files", shape.files);
        report.info("run_dir_bytes", shape.bytes);
        report.info("run_dir_largest_directory_entries", shape.largestDirectory);
        report.info(
                "run_dir_largest_directory",
                runDir.relativize(shape.largestDirectoryPath).toString());
        report.add(new Measurement(
                "scheduling.run-dir-files-per-unit",
                "run directory files / unit",
                "files",
                Stats.of((double) shape.files / units),
                null,
                details));
        report.add(new Measurement(
                "scheduling.run-dir-bytes-per-unit",
                "run directory size / unit",
                "KiB",
                Stats.of(shape.bytes / 1024.0 / units),
                null,
                details));
    }

    /**
     * Wall seconds per unit between the commits of the first unit and the middle one, and between the middle one
     * and the last, from the modification times of the units' history.json (written just before the commit);
     * null for fewer than three units.
     */
    private static double[] halves(Path runDir, List<UnitOutcome> outcomes) throws IOException {
        List<Long> times = new ArrayList<>();
        for (UnitOutcome o : outcomes) {
            times.add(Files.getLastModifiedTime(runDir.resolve(RunLayout.unitFile(o.trial, o.fold, RunLayout.HISTORY)))
                    .toMillis());
        }
        Collections.sort(times);
        int last = times.size() - 1;
        int middle = last / 2;
        if (middle == 0 || middle == last) {
            return null;
        }
        return new double[] {
            (times.get(middle) - times.get(0)) / 1000.0 / middle,
            (times.get(last) - times.get(middle)) / 1000.0 / (last - middle)
        };
    }

    /** Sum over the units of their epochs' seconds, from each unit's history.json. */
    private static double epochSeconds(Path runDir, List<UnitOutcome> outcomes) throws IOException {
        ObjectMapper json = new ObjectMapper();
        double sum = 0;
        for (UnitOutcome o : outcomes) {
            Path history = runDir.resolve(RunLayout.unitFile(o.trial, o.fold, RunLayout.HISTORY));
            for (com.fasterxml.jackson.databind.JsonNode epoch :
                    json.readTree(history.toFile()).path("epochs")) {
                sum += epoch.path("seconds").asDouble();
            }
        }
        return sum;
    }

    /** The user's configuration with the dataset, run directory, folds, tiny model and one epoch of the part. */
    static Config jobConfig(Config mcsan, SchedulingBenchSettings part, Path dataset, Path runDir, int threads) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("spark.master", "local[" + threads + "]");
        overrides.put("run.cores-per-unit", 1);
        // Qualified, as `mcsan train` makes them: a unit refuses a path without its file system.
        overrides.put("run.dir", "file:" + runDir.toAbsolutePath());
        overrides.put("run.features", "file:" + dataset.toAbsolutePath());
        overrides.put("run.fail-after-epoch", 0);
        overrides.put("folds.strategy", "speaker-kfold");
        overrides.put("folds.k", part.folds());
        overrides.put("folds.only", Collections.emptyList());
        // A model of a few hundred weights: a unit's compute is negligible beside what the stages do around it.
        overrides.put("model.audio-dim", AUDIO_DIM);
        overrides.put("model.text-dim", TEXT_DIM);
        overrides.put("model.hidden-size", 4);
        overrides.put("model.heads", 1);
        overrides.put("model.layers", 1);
        overrides.put("model.ffn-size", 4);
        overrides.put("model.conv-channels", 4);
        overrides.put("model.classifier-layers", 0);
        overrides.put("train.epochs", 1);
        overrides.put("train.batch-size", 8);
        overrides.put("train.eval-batch-size", 8);
        overrides.put("train.early-stopping-patience", 0);
        return ConfigFactory.parseMap(overrides).withFallback(mcsan).resolve();
    }

    /** Trial i sets its own learning rate, as a sweep's sampled configurations do. */
    static List<TrialSettings> trials(Config mcsan, int count) {
        ModelSettings model = ModelSettings.from(mcsan.getConfig("model"));
        double base = mcsan.getDouble("train.learning-rate");
        List<TrialSettings> trials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double rate = base * (1 + (double) i / count);
            Map<String, Object> overrides = Collections.<String, Object>singletonMap("mcsan.train.learning-rate", rate);
            Trial trial = new Trial(i, String.format(Locale.ROOT, "t%04d", i), overrides);
            TrainSettings train = TrainSettings.from(mcsan.getConfig("train")
                    .withValue("learning-rate", com.typesafe.config.ConfigValueFactory.fromAnyRef(rate)));
            trials.add(new TrialSettings(trial, model, train));
        }
        return trials;
    }

    private static String renderConfig(Config mcsan) {
        return mcsan.atKey("mcsan")
                .root()
                .render(ConfigRenderOptions.defaults()
                        .setJson(false)
                        .setComments(false)
                        .setOriginComments(false)
                        .setFormatted(true));
    }

    /**
     * A feature dataset of {@code folds} speakers (one per speaker-kfold group) with the part's utterances each,
     * labels cycling over the classes, as the feature job lays it out: features/ and manifest.json.
     */
    static int writeDataset(SparkSession spark, Path dataset, SchedulingBenchSettings part) throws IOException {
        java.util.Random random = new java.util.Random(13);
        List<Row> rows = new ArrayList<>();
        int frames = part.frames();
        for (int s = 0; s < part.folds(); s++) {
            String speaker = String.format(Locale.ROOT, "spk%03d", s);
            for (int u = 0; u < part.utterancesPerSpeaker(); u++) {
                int label = (s + u) % CLASSES.size();
                List<Float> mfcc = new ArrayList<>();
                for (int j = 0; j < frames * AUDIO_DIM; j++) {
                    mfcc.add((float) (random.nextGaussian() + label));
                }
                List<Float> text = new ArrayList<>();
                for (int j = 0; j < WORDS * TEXT_DIM; j++) {
                    text.add((float) random.nextGaussian());
                }
                String id = speaker + "-" + u;
                rows.add(RowFactory.create(
                        id,
                        "bench",
                        speaker,
                        null,
                        null,
                        CLASSES.get(label),
                        label,
                        "a b c",
                        null,
                        Arrays.asList("a", "b", "c"),
                        WORDS,
                        text,
                        0,
                        frames,
                        frames,
                        mfcc,
                        frames * 0.01,
                        16000,
                        id + ".wav"));
            }
        }
        spark.createDataFrame(rows, FeatureSchema.FEATURES)
                .coalesce(1)
                .write()
                .parquet(dataset.resolve(FeatureSchema.FEATURES_DIR).toString());
        Map<String, Object> corpus = new LinkedHashMap<>();
        corpus.put(FeatureSchema.MANIFEST_CORPUS_NAME, "bench-scheduling");
        corpus.put(FeatureSchema.MANIFEST_CLASSES, CLASSES);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put(FeatureSchema.MANIFEST_CORPUS, corpus);
        manifest.put("counts", Collections.singletonMap("written", rows.size()));
        Files.write(
                dataset.resolve(FeatureSchema.MANIFEST_FILE),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        return rows.size();
    }

    /** Files, bytes and the directory with the most entries (a flat layout degrades listing on any file system). */
    static final class RunDirectoryShape {
        long files;
        long bytes;
        int largestDirectory;
        Path largestDirectoryPath;

        static RunDirectoryShape of(Path root) throws IOException {
            RunDirectoryShape shape = new RunDirectoryShape();
            shape.largestDirectoryPath = root;
            Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    int entries;
                    try (java.util.stream.Stream<Path> list = Files.list(dir)) {
                        entries = (int) list.count();
                    }
                    if (entries > shape.largestDirectory) {
                        shape.largestDirectory = entries;
                        shape.largestDirectoryPath = dir;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    shape.files++;
                    shape.bytes += attributes.size();
                    return FileVisitResult.CONTINUE;
                }
            });
            return shape;
        }
    }
}
