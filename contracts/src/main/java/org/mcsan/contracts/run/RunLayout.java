package org.mcsan.contracts.run;

/**
 * The layout of a run directory: every file and directory name that the training job writes and the evaluation
 * (and anything else) reads is defined here and nowhere else.
 *
 * <pre>
 * config.conf                           the resolved configuration the run was trained with
 * folds.json                            {@link FoldPlan}
 * trials.json                           the {@link Trial}s
 * dataset-manifest.json                 the manifest of the feature dataset the units were trained on
 * data-quality.json                     {@link DataQuality}: the corpus' records per fold and role, and their fate
 * units/trial-T/fold-F/                 a complete unit (its existence marks it complete):
 *     model.bigdl, model.safetensors,   the selected weights (BigDL module; safetensors export)
 *     normalizer.json, history.json     the fold's normalisation statistics; {@link UnitHistory}
 *     unit.json                         the classes and model settings the network was built with
 * checkpoints/trial-T/fold-F/           an unfinished unit's checkpoints and progress.json
 * failures/trial-T/fold-F.json          {@link UnitFailure}: a unit its configuration made fail (not retried)
 * halving.json                          {@link HalvingRecord}: successive halving's rung plan and decisions
 * predictions/trial=T/fold=F/           {@link PredictionTable} rows of the unit (Parquet, partitioned)
 * tensorboard/trial-T/fold-F/           TensorBoard event logs
 * metrics/, class_metrics/, confusion/  evaluation tables (Parquet), and the same as .csv
 * summary.json, comparison.csv          aggregates; the trial comparison when there are several trials
 * report.md, report.html, plots/        the report
 * </pre>
 */
public final class RunLayout {
    public static final String CONFIG = "config.conf";
    public static final String FOLDS = "folds.json";
    public static final String TRIALS = "trials.json";
    /** A copy of the manifest.json of the feature dataset the units were trained on. */
    public static final String DATASET_MANIFEST = "dataset-manifest.json";
    /** {@link DataQuality}: per fold and role, the records that have features, were excluded or were rejected. */
    public static final String DATA_QUALITY = "data-quality.json";

    public static final String PREDICTIONS = "predictions";
    /**
     * In an exported bundle (a run directory without checkpoints, predictions or reports): how the training features
     * were made, so that the bundle predicts without the training dataset.
     */
    public static final String BUNDLE = "bundle.json";

    /** Files of a unit directory. */
    public static final String MODEL_BIGDL = "model.bigdl";

    public static final String MODEL_SAFETENSORS = "model.safetensors";
    public static final String NORMALIZER = "normalizer.json";
    public static final String HISTORY = "history.json";
    public static final String UNIT_DESCRIPTION = "unit.json";

    public static final String FAILURES = "failures";
    public static final String HALVING = "halving.json";

    /** The file of a checkpoint directory that the driver's progress display reads. */
    public static final String PROGRESS = "progress.json";

    /** Evaluation outputs. */
    public static final String METRICS = "metrics";

    public static final String CLASS_METRICS = "class_metrics";
    public static final String CONFUSION = "confusion";
    public static final String SUMMARY = "summary.json";
    public static final String COMPARISON = "comparison.csv";
    /** The configurations ranked on the validation split (columns: evaluation's {@code Leaderboard.table}). */
    public static final String LEADERBOARD = "leaderboard.csv";

    public static final String REPORT_MD = "report.md";
    public static final String REPORT_HTML = "report.html";
    public static final String PLOTS = "plots";

    private RunLayout() {}

    /** {@code trial-T/fold-F}: how a unit is named under units/, checkpoints/ and tensorboard/. */
    public static String unitName(int trial, int fold) {
        return "trial-" + trial + "/fold-" + fold;
    }

    /** Where a unit's committed outputs live; its existence marks the unit complete. */
    public static String unitDir(int trial, int fold) {
        return "units/" + unitName(trial, fold);
    }

    /** A file of a unit directory, e.g. {@code unitFile(0, 3, HISTORY)}. */
    public static String unitFile(int trial, int fold, String file) {
        return unitDir(trial, fold) + "/" + file;
    }

    public static String checkpointDir(int trial, int fold) {
        return "checkpoints/" + unitName(trial, fold);
    }

    /** A file of a unit's checkpoint directory, e.g. {@code checkpointFile(0, 3, PROGRESS)}. */
    public static String checkpointFile(int trial, int fold, String file) {
        return checkpointDir(trial, fold) + "/" + file;
    }

    /** Where a unit that failed because of its configuration records why ({@link UnitFailure}). */
    public static String failureFile(int trial, int fold) {
        return FAILURES + "/" + unitName(trial, fold) + ".json";
    }

    public static String tensorboardDir(int trial, int fold) {
        return "tensorboard/" + unitName(trial, fold);
    }

    /** The unit's partition of the predictions table (Spark's partition naming, so the table reads as one). */
    public static String predictionsPartition(int trial, int fold) {
        return PREDICTIONS + "/trial=" + trial + "/fold=" + fold;
    }
}
