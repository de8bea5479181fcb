package org.mcsan.pipeline;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.io.Directory;
import org.mcsan.evaluation.EvaluationSummary;
import org.mcsan.pipeline.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "features -> train -> evaluate from one configuration. An existing feature dataset at "
                        + "mcsan.features.output is reused (mcsan.features.overwrite=true recomputes it); a rerun resumes training.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        return pipeline(options.load());
    }

    /** The whole pipeline in one Spark session; shared with mcsan demo. */
    static int pipeline(Settings given) throws Exception {
        SparkSession spark = SparkSessions.start(given.mcsan());
        try {
            Settings settings = Stages.withAbsolutePaths(spark.sparkContext().hadoopConfiguration(), given);
            String dataset = settings.mcsan().getString("features.output");
            Directory existing = Directory.at(spark.sparkContext().hadoopConfiguration(), dataset);
            if (!settings.mcsan().getBoolean("features.overwrite")
                    && existing.exists(FeatureSchema.MANIFEST_FILE)
                    && existing.exists(FeatureSchema.FEATURES_DIR)) {
                Stages.checkReusable(existing, settings);
                LOG.info(
                        "feature dataset {} exists; reusing it (mcsan.features.overwrite=true recomputes it)", dataset);
            } else {
                LOG.info("{}", Stages.features(spark, settings));
            }
            Stages.train(spark, settings);
            EvaluationSummary summary = Stages.evaluate(spark, settings.mcsan().getString("run.dir"));
            EvaluateCommand.print(summary);
            return Main.OK;
        } finally {
            spark.stop();
        }
    }
}
