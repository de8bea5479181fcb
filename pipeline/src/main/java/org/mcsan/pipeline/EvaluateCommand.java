package org.mcsan.pipeline;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.evaluation.EvaluationSummary;
import org.mcsan.pipeline.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Recompute every metric, the aggregates over folds, summary.json and the report with plots from a "
                        + "run directory's predictions (settings: the run's own config.conf).")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (written by mcsan train).")
    String runDir;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.load();
        SparkSession spark = SparkSessions.start(settings.mcsan());
        try {
            print(Stages.evaluate(spark, runDir));
            return Main.OK;
        } finally {
            spark.stop();
        }
    }

    static void print(EvaluationSummary summary) {
        System.out.println();
        System.out.println(summary.formatSummaryTable());
        System.out.println("report: " + new org.apache.hadoop.fs.Path(summary.runDir(), RunLayout.REPORT_HTML));
    }
}
