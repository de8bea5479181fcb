package org.mcsan.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.io.SerializableHadoopConf;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.RunLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a set of (trial, fold) units of a planned run as one Spark job, one task per unit, skipping the units
 * already finished: complete (their unit directory exists) or failed because of their configuration (their failure
 * file exists; not retried).
 */
final class UnitScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(UnitScheduler.class);

    private final SparkSession spark;
    private final Directory run;
    private final TrainJobSettings settings;
    private final List<String> classes;
    private final String features;
    private final SerializableHadoopConf taskHadoop;

    UnitScheduler(SparkSession spark, Directory run, TrainJobSettings settings, List<String> classes, String features) {
        this.spark = spark;
        this.run = run;
        this.settings = settings;
        this.classes = classes;
        this.features = features;
        this.taskHadoop = new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    }

    /** Whether the unit failed because of its configuration (a finished unit, like a complete one). */
    boolean failed(int trial, int fold) {
        return run.exists(RunLayout.failureFile(trial, fold));
    }

    /**
     * Trains every unfinished unit of {@code trials} × {@code folds}; returns what the units trained now reported.
     *
     * @param what names the set in the log, e.g. "run …" or "halving rung 1"
     */
    List<UnitOutcome> train(List<TrialSettings> trials, List<Fold> folds, String what) throws IOException {
        List<UnitTask> tasks = new ArrayList<>();
        List<int[]> units = new ArrayList<>();
        int complete = 0;
        int failed = 0;
        for (TrialSettings t : trials) {
            int trial = t.trial.index();
            for (Fold f : folds) {
                units.add(new int[] {trial, f.index()});
                if (failed(trial, f.index())) {
                    failed++;
                } else if (run.exists(RunLayout.unitDir(trial, f.index()))) {
                    complete++;
                } else {
                    long seed = t.train.seed * 1_000_003L + trial * 1009L + f.index();
                    tasks.add(new UnitTask(
                            t,
                            f,
                            classes,
                            features,
                            run.root(),
                            taskHadoop,
                            settings.coresPerUnit,
                            seed,
                            settings.failAfterEpoch));
                }
            }
        }
        LOG.info(String.format(
                Locale.ROOT,
                "%s: %d trial(s) x %d fold(s) = %d unit(s); %d complete, %d failed earlier (not retried; delete"
                        + " their %s/ files to retry), %d to train",
                what,
                trials.size(),
                folds.size(),
                units.size(),
                complete,
                failed,
                RunLayout.FAILURES,
                tasks.size()));
        if (tasks.isEmpty()) {
            return new ArrayList<>();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int cores = spark.sparkContext().defaultParallelism();
        int coresPerUnit = Math.max(1, Integer.parseInt(spark.conf().get("spark.task.cpus", "1")));
        int slots = slots(cores, coresPerUnit);
        LOG.info(concurrency(tasks.size(), cores, coresPerUnit));
        if (slots > tasks.size()) {
            LOG.warn(String.format(
                    Locale.ROOT,
                    "%d slot(s) for %d unit(s): %d slot(s) stay idle; give the executors fewer cores, or raise"
                            + " mcsan.run.cores-per-unit so that each unit splits its batches over more threads",
                    slots,
                    tasks.size(),
                    slots - tasks.size()));
        }
        try (ProgressMonitor progress = new ProgressMonitor(run, units, slots, settings.epochsPerUnit, 10_000)) {
            progress.start();
            List<UnitOutcome> outcomes =
                    jsc.parallelize(tasks, tasks.size()).map(UnitTask::run).collect();
            progress.report();
            for (UnitOutcome o : outcomes) {
                if (o.failure != null) {
                    LOG.warn(String.format(
                            Locale.ROOT,
                            "trial %d fold %d (%s): failed because of its configuration, not retried: %s",
                            o.trial,
                            o.fold,
                            o.foldName,
                            o.failure));
                } else {
                    LOG.info(String.format(
                            Locale.ROOT,
                            "trial %d fold %d (%s): selected epoch %d, %d epoch(s) trained now, %.0f s",
                            o.trial,
                            o.fold,
                            o.foldName,
                            o.selectedEpoch,
                            o.epochsTrainedNow,
                            o.seconds));
                }
            }
            return outcomes;
        }
    }

    private static int slots(int cores, int coresPerUnit) {
        return Math.max(1, cores / coresPerUnit);
    }

    /** How many units train at once: one per slot, a slot being mcsan.run.cores-per-unit of the executors' cores. */
    static String concurrency(int units, int cores, int coresPerUnit) {
        int slots = slots(cores, coresPerUnit);
        return String.format(
                Locale.ROOT,
                "%d unit(s) to train on %d slot(s) (%d executor core(s) / %d per unit, mcsan.run.cores-per-unit):"
                        + " %d at a time",
                units,
                slots,
                cores,
                coresPerUnit,
                Math.min(units, slots));
    }
}
