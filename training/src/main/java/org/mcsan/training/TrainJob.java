package org.mcsan.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.run.DataQuality;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitFailure;
import org.mcsan.contracts.run.UtteranceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training stage: plans the folds over a feature dataset, writes the run directory's plan files, and trains
 * every (trial, fold) unit that is not complete yet as one Spark task each, in parallel across the executors.
 */
public final class TrainJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainJob() {}

    /** Trains what is not trained yet; returns what each unit trained now reported (empty when all were done). */
    public static List<UnitOutcome> run(SparkSession spark, TrainJobSettings settings) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Directory data = Directory.at(hadoop, settings.dataset);
        if (!data.exists(FeatureSchema.MANIFEST_FILE) || !data.exists(FeatureSchema.FEATURES_DIR)) {
            throw new IllegalArgumentException("no feature dataset at " + settings.dataset + " (expected "
                    + FeatureSchema.MANIFEST_FILE + " and " + FeatureSchema.FEATURES_DIR
                    + "/ written by 'mcsan features')");
        }
        JsonNode manifest = JSON.readTree(data.readText(FeatureSchema.MANIFEST_FILE));
        List<String> classes = new ArrayList<>();
        JsonNode corpusNode = manifest.path(FeatureSchema.MANIFEST_CORPUS);
        corpusNode.path(FeatureSchema.MANIFEST_CLASSES).forEach(c -> classes.add(c.asText()));
        String corpus = corpusNode.path(FeatureSchema.MANIFEST_CORPUS_NAME).asText("unknown");
        String features = data.path(FeatureSchema.FEATURES_DIR);

        List<UtteranceInfo> utterances = new ArrayList<>();
        for (Row r : spark.read()
                .parquet(features)
                .select(
                        FeatureSchema.UTTERANCE_ID,
                        FeatureSchema.SPEAKER,
                        FeatureSchema.SESSION,
                        FeatureSchema.SPLIT,
                        FeatureSchema.LABEL_INDEX)
                .collectAsList()) {
            if (r.getInt(4) == FeatureSchema.UNLABELLED) {
                throw new IllegalArgumentException("feature dataset " + settings.dataset + " has unlabelled utterances"
                        + " (e.g. " + r.getString(0) + "; made from a manifest without a label column): training needs"
                        + " a label for every utterance");
            }
            utterances.add(new UtteranceInfo(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
        }
        FoldPlan plan =
                FoldPlanner.plan(corpus, classes, utterances, settings.foldStrategy, settings.foldK, settings.planSeed);
        Directory run = Directory.create(hadoop, settings.runDir);
        writePlan(run, plan, settings.trials);
        recordDataset(run, manifest, data.path(FeatureSchema.MANIFEST_FILE));
        run.write(
                RunLayout.DATA_QUALITY,
                dataQuality(spark, data, plan, utterances).toJson());

        List<Fold> folds = new ArrayList<>();
        for (Fold f : plan.folds()) {
            if (settings.onlyFolds.isEmpty() || settings.onlyFolds.contains(f.index())) folds.add(f);
        }
        recordInvalidTrials(run, settings.trials, folds);
        UnitScheduler scheduler = new UnitScheduler(spark, run, settings, plan.classes(), features);
        if (!settings.halving.enabled) {
            return scheduler.train(settings.trials, folds, "run " + run.root());
        }
        return SuccessiveHalving.run(scheduler, run, settings.trials, folds, settings.halving);
    }

    /**
     * A trial whose network cannot be built from its configuration (found when its settings were read) fails
     * every unit the same way: recorded as failed here, on the driver, and never sent to an executor.
     */
    private static void recordInvalidTrials(Directory run, List<TrialSettings> trials, List<Fold> folds) {
        for (TrialSettings t : trials) {
            if (t.invalid == null) continue;
            for (Fold f : folds) {
                String file = RunLayout.failureFile(t.trial.index(), f.index());
                if (!run.exists(file)) {
                    run.write(
                            file,
                            new UnitFailure(t.trial.index(), f.index(), UnitFailure.INVALID_CONFIGURATION, t.invalid)
                                    .toJson(null));
                }
            }
            LOG.warn(
                    "trial {} ({}): invalid configuration, recorded as failed: {}",
                    t.trial.index(),
                    t.trial.name(),
                    t.invalid);
        }
    }

    /**
     * Keeps the feature dataset's manifest in the run ({@link RunLayout#DATASET_MANIFEST}): what the units were
     * trained on, not only what the configuration asked for. Resuming on a dataset made with other settings, from
     * another corpus or with other counts is refused.
     */
    private static void recordDataset(Directory run, JsonNode manifest, String source) throws IOException {
        if (run.exists(RunLayout.DATASET_MANIFEST)) {
            JsonNode recorded = JSON.readTree(run.readText(RunLayout.DATASET_MANIFEST));
            for (String section : new String[] {"settings", FeatureSchema.MANIFEST_CORPUS, "counts"}) {
                if (!recorded.path(section).equals(manifest.path(section))) {
                    throw new IllegalStateException("run directory " + run.root() + " was trained on a feature dataset"
                            + " with other " + section + " than " + source + " (see " + RunLayout.DATASET_MANIFEST
                            + " in the run); use another mcsan.run.dir");
                }
            }
        }
        run.write(
                RunLayout.DATASET_MANIFEST,
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
    }

    /**
     * Every record of the dataset's three tables counted in its role in each fold: the feature rows, and the rejected
     * and excluded records by the speaker or split they are known to have. A dataset written before the rejected
     * table had those columns, or without an excluded table, counts its records as unassigned or not at all.
     */
    static DataQuality dataQuality(SparkSession spark, Directory data, FoldPlan plan, List<UtteranceInfo> features) {
        DataQuality.Builder quality = new DataQuality.Builder(plan);
        for (UtteranceInfo u : features) quality.features(u);
        if (data.exists(FeatureSchema.REJECTED_DIR)) {
            for (Row r : origins(spark, data.path(FeatureSchema.REJECTED_DIR), FeatureSchema.REJECTED_STAGE)) {
                quality.rejected(info(r), r.getString(4));
            }
        }
        if (data.exists(FeatureSchema.EXCLUDED_DIR)) {
            for (Row r : origins(spark, data.path(FeatureSchema.EXCLUDED_DIR), FeatureSchema.RAW_LABEL)) {
                quality.excluded(info(r));
            }
        }
        return quality.build();
    }

    /** utterance_id, speaker, session, split (null where the table lacks the column) and {@code more}. */
    private static List<Row> origins(SparkSession spark, String table, String more) {
        Dataset<Row> rows = spark.read().parquet(table);
        List<String> columns = java.util.Arrays.asList(rows.columns());
        List<Column> selected = new ArrayList<>();
        for (String c : new String[] {
            FeatureSchema.UTTERANCE_ID, FeatureSchema.SPEAKER, FeatureSchema.SESSION, FeatureSchema.SPLIT, more
        }) {
            selected.add(
                    columns.contains(c)
                            ? functions.col(c)
                            : functions.lit(null).cast("string").as(c));
        }
        return rows.select(selected.toArray(new Column[0])).collectAsList();
    }

    private static UtteranceInfo info(Row r) {
        return new UtteranceInfo(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
    }

    /**
     * Writes folds.json and trials.json; a run directory planned with other folds (the feature dataset changed)
     * is refused, so that resuming cannot mix units trained on different data.
     */
    private static void writePlan(Directory run, FoldPlan plan, List<TrialSettings> trialSettings) {
        String folds = plan.toJson();
        if (run.exists(RunLayout.FOLDS) && !run.readText(RunLayout.FOLDS).equals(folds)) {
            throw new IllegalStateException("run directory " + run.root() + " was planned with other folds (did the "
                    + "feature dataset change?); use another mcsan.run.dir");
        }
        List<Trial> trials = new ArrayList<>();
        for (TrialSettings t : trialSettings) {
            trials.add(t.trial);
        }
        run.write(RunLayout.FOLDS, folds);
        run.write(RunLayout.TRIALS, Trial.toJson(trials));
    }
}
