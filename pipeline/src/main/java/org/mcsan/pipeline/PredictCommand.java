package org.mcsan.pipeline;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.prediction.PredictSettings;
import org.mcsan.prediction.PredictSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Apply a trained run to a feature dataset (written by mcsan features with the run's feature settings): "
                    + "every complete fold of the trial as an ensemble (class probabilities averaged), or one unit "
                    + "with --fold.",
            "Writes <out>/predictions (Parquet) and <out>/predictions.csv: utterance_id, label (when known), "
                    + "predicted, prob_<class> per class, models; and <out>/metrics.json when the input has labels."
        })
final class PredictCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (written by mcsan train).")
    String runDir;

    @Option(names = "--features", paramLabel = "DIR", required = true, description = "The feature dataset to predict.")
    String features;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the predictions go.")
    String out;

    @Option(
            names = "--trial",
            paramLabel = "N",
            description = "The trial whose units predict (needed when the run " + "has several).")
    Integer trial;

    @Option(names = "--fold", paramLabel = "N", description = "Only this fold's unit (default: every complete fold).")
    Integer fold;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "64",
            description = "Utterances per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--overwrite", description = "Replace an existing <out>/predictions.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load();
        SparkSession spark = SparkSessions.start(settings.mcsan());
        try {
            PredictSummary summary = Stages.predict(
                    spark,
                    runDir,
                    features,
                    out,
                    trial == null ? PredictSettings.ONLY_TRIAL : trial,
                    fold == null ? PredictSettings.ALL_FOLDS : fold,
                    batchSize,
                    overwrite);
            System.out.println(summary);
            return Main.OK;
        } finally {
            spark.stop();
        }
    }
}
