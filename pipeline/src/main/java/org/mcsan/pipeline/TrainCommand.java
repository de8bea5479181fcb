package org.mcsan.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.training.UnitOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Plan speaker-independent folds over a feature dataset and train every (trial, fold) unit as one "
                + "Spark task, in parallel. Rerunning the same run directory skips complete units and resumes interrupted "
                + "ones from their last checkpoint.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--features", paramLabel = "DIR", description = "Shortcut for mcsan.run.features.")
    String features;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Shortcut for mcsan.run.dir.")
    String runDir;

    @Override
    public Integer call() throws Exception {
        Map<String, String> shortcuts = new LinkedHashMap<>();
        shortcuts.put("mcsan.run.features", features);
        shortcuts.put("mcsan.run.dir", runDir);
        Settings settings = options.load(shortcuts);
        SparkSession spark = SparkSessions.start(settings.mcsan());
        try {
            List<UnitOutcome> outcomes = Stages.train(
                    spark, Stages.withAbsolutePaths(spark.sparkContext().hadoopConfiguration(), settings));
            return Stages.exitCode(settings, outcomes);
        } finally {
            spark.stop();
        }
    }
}
