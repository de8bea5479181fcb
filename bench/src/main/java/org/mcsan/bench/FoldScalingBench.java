package org.mcsan.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.mcsan.model.Example;
import org.mcsan.model.ModelSettings;
import org.mcsan.training.FoldData;
import org.mcsan.training.FoldResult;
import org.mcsan.training.FoldTrainer;
import org.mcsan.training.TrainSettings;

/**
 * Fold-parallel scaling: the wall time of k folds trained at once, each a Spark task on one core of a
 * {@code local[k]} session (as {@code mcsan train} runs its units with {@code cores-per-unit = 1}), against one
 * fold alone in the same session. Every fold trains the same synthetic examples with {@link FoldTrainer} (its own
 * seed, checkpoints every epoch, validation, test scoring), so the k folds do k times the work of one and the ideal
 * is equal wall times: efficiency = one fold's time / k folds' time. Each repetition times one fold and then k
 * folds, so that both see the same background load.
 */
public final class FoldScalingBench implements BenchPart {
    private static final List<String> CLASSES = Arrays.asList("c0", "c1", "c2", "c3");

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public String description() {
        return "fold-parallel scaling: k folds on k one-core Spark slots vs one fold on one slot, wall time and "
                + "efficiency";
    }

    @Override
    public void run(BenchContext context, PartReport report) throws Exception {
        BenchSettings settings = context.settings();
        ScalingBenchSettings part = settings.scaling();
        int k = part.folds();
        Config mcsan = context.mcsan();
        LengthDistribution lengths = TrainingBenchSettings.realistic(mcsan.getConfig("bench.training"));
        ModelSettings model = ModelSettings.from(mcsan.getConfig("model"));
        int maxFrames = mcsan.getInt("features.mfcc.max-frames");
        int maxWords = mcsan.getInt("features.text.max-words");
        long seed = settings.training().seed();
        FoldExamples examples = new FoldExamples(
                SyntheticExamples.generate(
                        part.trainUtterances(),
                        lengths,
                        maxFrames,
                        maxWords,
                        model.audioDim,
                        model.textDim,
                        CLASSES.size(),
                        seed),
                SyntheticExamples.generate(
                        part.evalUtterances(),
                        lengths,
                        maxFrames,
                        maxWords,
                        model.audioDim,
                        model.textDim,
                        CLASSES.size(),
                        seed + 1),
                SyntheticExamples.generate(
                        part.evalUtterances(),
                        lengths,
                        maxFrames,
                        maxWords,
                        model.audioDim,
                        model.textDim,
                        CLASSES.size(),
                        seed + 2));
        TrainSettings train = TrainSettings.from(mcsan.getConfig("train")
                .withValue("epochs", ConfigValueFactory.fromAnyRef(part.epochs()))
                .withValue("batch-size", ConfigValueFactory.fromAnyRef(part.batchSize()))
                .withValue("early-stopping-patience", ConfigValueFactory.fromAnyRef(0)));
        report.info("folds", k);
        report.info("model", model.toString());
        report.info("fold_train_utterances", part.trainUtterances());
        report.info("fold_eval_utterances", part.evalUtterances());
        report.info("epochs", part.epochs());
        report.info("mean_frames", SyntheticExamples.meanLengths(examples.train)[0]);

        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("spark.master", "local[" + k + "]");
        overrides.put("run.cores-per-unit", 1);
        SparkSession spark =
                context.startSpark(ConfigFactory.parseMap(overrides).withFallback(mcsan));
        try (TempDirectory scratch = new TempDirectory("mcsan-bench-scaling-")) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            report.info("spark_master", jsc.master());
            report.info("spark_task_cpus", jsc.getConf().get("spark.task.cpus"));
            Broadcast<FoldExamples> data = jsc.broadcast(examples);
            Folds folds = new Folds(jsc, data, model, train, seed, scratch.path());
            Protocol protocol = context.protocol();
            context.progress("scaling: 1 fold, then " + k + " folds at once, " + part.epochs() + " epochs of "
                    + part.trainUtterances() + " examples each");
            for (int i = 0; i < protocol.warmup(); i++) {
                folds.time(1);
                folds.time(k);
            }
            double[] one = new double[protocol.repetitions()];
            double[] many = new double[protocol.repetitions()];
            double[] efficiency = new double[protocol.repetitions()];
            long oneCpu = 0;
            long manyCpu = 0;
            for (int i = 0; i < one.length; i++) {
                long cpu = Protocol.processCpuNanos();
                one[i] = folds.time(1);
                long between = Protocol.processCpuNanos();
                many[i] = folds.time(k);
                long end = Protocol.processCpuNanos();
                oneCpu += between - cpu;
                manyCpu += end - between;
                efficiency[i] = 100 * one[i] / many[i];
                context.progress(String.format(
                        java.util.Locale.ROOT, "scaling: 1 fold %.1f s, %d folds %.1f s", one[i], k, many[i]));
            }
            boolean haveCpu = Protocol.processCpuNanos() >= 0;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("folds", k);
            details.put("cores_per_fold", 1);
            report.add(new Measurement(
                    "scaling.one-fold",
                    "1 fold on 1 slot, wall time",
                    "s",
                    Stats.of(one),
                    haveCpu ? oneCpu / 1e9 / sum(one) : null,
                    null,
                    details));
            report.add(new Measurement(
                    "scaling.k-folds",
                    k + " folds on " + k + " slots, wall time",
                    "s",
                    Stats.of(many),
                    haveCpu ? manyCpu / 1e9 / sum(many) : null,
                    null,
                    details));
            Map<String, Object> effDetails = new LinkedHashMap<>(details);
            effDetails.put(
                    "definition",
                    "100 x (wall time of 1 fold alone) / (wall time of " + k + " folds at once), " + "per repetition");
            report.add(new Measurement(
                    "scaling.efficiency",
                    "fold-parallel scaling efficiency, " + k + " folds",
                    "%",
                    Stats.of(efficiency),
                    null,
                    Target.atLeast(settings.targets().scalingEfficiencyPercent),
                    effDetails));
            data.destroy();
        } finally {
            spark.stop();
        }
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** A fold's examples, as they travel to the tasks. */
    static final class FoldExamples implements Serializable {
        private static final long serialVersionUID = 1L;
        final ArrayList<Example> train;
        final ArrayList<Example> validation;
        final ArrayList<Example> test;

        FoldExamples(List<Example> train, List<Example> validation, List<Example> test) {
            this.train = new ArrayList<>(train);
            this.validation = new ArrayList<>(validation);
            this.test = new ArrayList<>(test);
        }
    }

    /** Runs n folds as n tasks of one Spark job and times the job. */
    private static final class Folds {
        private final JavaSparkContext jsc;
        private final Broadcast<FoldExamples> data;
        private final ModelSettings model;
        private final TrainSettings train;
        private final long seed;
        private final Path scratch;
        private int jobs;

        Folds(
                JavaSparkContext jsc,
                Broadcast<FoldExamples> data,
                ModelSettings model,
                TrainSettings train,
                long seed,
                Path scratch) {
            this.jsc = jsc;
            this.data = data;
            this.model = model;
            this.train = train;
            this.seed = seed;
            this.scratch = scratch;
        }

        /** Wall time in seconds of training {@code n} folds at once. */
        double time(int n) throws IOException {
            List<Integer> folds = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                folds.add(i);
            }
            String checkpoints =
                    Files.createDirectory(scratch.resolve("job-" + jobs++)).toString();
            Broadcast<FoldExamples> examples = data;
            ModelSettings modelSettings = model;
            TrainSettings trainSettings = train;
            long unitSeed = seed;
            long start = System.nanoTime();
            List<Integer> epochs = jsc.parallelize(folds, n)
                    .map(fold -> {
                        FoldExamples e = examples.value();
                        FoldResult result = new FoldTrainer(modelSettings, trainSettings, new Configuration(), 1)
                                .train(
                                        new FoldData(CLASSES, e.train, e.validation, e.test),
                                        unitSeed + fold,
                                        checkpoints + "/fold-" + fold,
                                        null,
                                        (record, improved, m) -> {});
                        return result.history.size();
                    })
                    .collect();
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int trained : epochs) {
                if (trained != train.epochs) {
                    throw new IllegalStateException("a fold trained " + trained + " epochs, expected " + train.epochs);
                }
            }
            return seconds;
        }
    }
}
