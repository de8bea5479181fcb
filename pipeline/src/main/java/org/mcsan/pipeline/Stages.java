package org.mcsan.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.Trial;
import org.mcsan.evaluation.EvaluationSettings;
import org.mcsan.evaluation.EvaluationSummary;
import org.mcsan.evaluation.Evaluator;
import org.mcsan.features.FeatureJob;
import org.mcsan.features.FeatureJobSettings;
import org.mcsan.features.FeatureJobSummary;
import org.mcsan.model.ModelSettings;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.pipeline.config.Trials;
import org.mcsan.prediction.PredictJob;
import org.mcsan.prediction.PredictSettings;
import org.mcsan.prediction.PredictSummary;
import org.mcsan.training.TrainJob;
import org.mcsan.training.TrainJobSettings;
import org.mcsan.training.TrainSettings;
import org.mcsan.training.TrialSettings;
import org.mcsan.training.UnitOutcome;

/**
 * The pipeline's edge: turns the validated configuration into each stage's typed settings and calls the stage's
 * one entry point. The commands go through here; no stage reads the configuration itself.
 */
public final class Stages {
    /** The sections whose values decide what a run computes; a rerun in the same run directory must not change them. */
    private static final String[] RUN_DEFINING = {"corpus", "features", "model", "train", "folds", "trials"};

    private Stages() {}

    /** The feature stage: corpus → Parquet feature dataset. */
    public static FeatureJobSummary features(SparkSession spark, Settings settings) throws IOException {
        return FeatureJob.run(spark, FeatureJobSettings.from(settings.mcsan()));
    }

    /** The training stage, after recording the configuration in the run directory (or checking it against it). */
    public static List<UnitOutcome> train(SparkSession spark, Settings settings) throws IOException {
        List<TrialSettings> trials = new ArrayList<>();
        for (Trial t : Trials.fromSettings(settings)) {
            Config trial = Trials.settings(t, settings).mcsan();
            trials.add(new TrialSettings(
                    t, ModelSettings.from(trial.getConfig("model")), TrainSettings.from(trial.getConfig("train"))));
        }
        TrainJobSettings job = TrainJobSettings.from(settings.mcsan(), trials);
        recordConfiguration(Directory.create(spark.sparkContext().hadoopConfiguration(), job.runDir), settings);
        return TrainJob.run(spark, job);
    }

    /** The evaluation stage, with the evaluation settings the run recorded in its config.conf. */
    public static EvaluationSummary evaluate(SparkSession spark, String runDir) {
        Directory run = Directory.open(spark.sparkContext().hadoopConfiguration(), runDir);
        EvaluationSettings settings =
                EvaluationSettings.ofRun(run.readText(RunLayout.CONFIG), run.path(RunLayout.CONFIG));
        return Evaluator.evaluate(spark, runDir, settings);
    }

    /**
     * The prediction stage: the run's units applied to a feature dataset, which must match the feature settings
     * of the dataset the run was trained on (recorded in the run's config.conf).
     */
    public static PredictSummary predict(
            SparkSession spark,
            String runDir,
            String dataset,
            String output,
            int trial,
            int fold,
            int batchSize,
            boolean overwrite)
            throws IOException {
        Directory run = Directory.open(spark.sparkContext().hadoopConfiguration(), runDir);
        Config recorded =
                ConfigFactory.parseString(run.readText(RunLayout.CONFIG)).getConfig(Settings.NAMESPACE);
        String trainingDataset = TrainJobSettings.datasetOf(recorded);
        return PredictJob.run(
                spark,
                new PredictSettings(runDir, trainingDataset, dataset, output, trial, fold, batchSize, overwrite));
    }

    /**
     * Writes config.conf; for an existing run, first checks that what defines the run is unchanged, so that resuming
     * cannot mix units trained under different settings.
     */
    static void recordConfiguration(Directory run, Settings settings) {
        if (run.exists(RunLayout.CONFIG)) {
            Config previous =
                    ConfigFactory.parseString(run.readText(RunLayout.CONFIG)).getConfig(Settings.NAMESPACE);
            for (String section : RUN_DEFINING) {
                if (!previous.hasPath(section)
                        || !previous.getValue(section).equals(settings.mcsan().getValue(section))) {
                    throw new IllegalStateException("run directory " + run.root() + " holds a run with different mcsan."
                            + section + " settings; use another mcsan.run.dir, or delete it to start over");
                }
            }
        }
        run.write(RunLayout.CONFIG, settings.render(false));
    }
}
