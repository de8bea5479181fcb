package org.mcsan.prediction;

/** What to predict with and on: a run's trained units, a feature dataset, where the predictions go. */
public final class PredictSettings {
    /** Every fold of the trial: the fold ensemble. */
    public static final int ALL_FOLDS = -1;
    /** The run's only trial (an error when it has several). */
    public static final int ONLY_TRIAL = -1;

    /** The run directory whose units predict. */
    public final String runDir;
    /** How the features the run was trained on were made (the settings an input must match). */
    public final TrainingFeatures training;
    /** The feature dataset to predict. */
    public final String dataset;
    /** Where the predictions go (created; must not exist unless {@link #overwrite}). */
    public final String output;

    public final int trial;
    public final int fold;
    public final int batchSize;
    public final boolean overwrite;

    public PredictSettings(
            String runDir,
            TrainingFeatures training,
            String dataset,
            String output,
            int trial,
            int fold,
            int batchSize,
            boolean overwrite) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        this.runDir = runDir;
        this.training = training;
        this.dataset = dataset;
        this.output = output;
        this.trial = trial;
        this.fold = fold;
        this.batchSize = batchSize;
        this.overwrite = overwrite;
    }
}
