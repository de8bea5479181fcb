package org.mcsan.evaluation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import org.apache.spark.sql.SparkSession;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a run directory: reads folds.json, trials.json, the predictions table and the training
 * histories; computes metrics per (trial, fold, split), aggregates over folds and trials; and writes
 * <ul>
 *   <li>{@code metrics/}, {@code class_metrics/}, {@code confusion/} (Parquet) and the same tables as
 *       {@code metrics.csv}, {@code class_metrics.csv}, {@code confusion.csv};</li>
 *   <li>{@code summary.json}, and {@code comparison.csv} when the run has several trials;</li>
 *   <li>{@code plots/*.png}, {@code report.md} and the self-contained {@code report.html}.</li>
 * </ul>
 * Every output is committed atomically (written under a temporary name, then renamed), so a crash
 * leaves the previous output or the new one, never half of one. All paths go through the Hadoop
 * FileSystem API, so the run directory may be on HDFS.
 */
public final class Evaluator {

    public static final String METRICS = "metrics";
    public static final String CLASS_METRICS = "class_metrics";
    public static final String CONFUSION = "confusion";
    public static final String SUMMARY = "summary.json";
    public static final String COMPARISON = "comparison.csv";

    private Evaluator() {
    }

    /**
     * Evaluates with the {@code mcsan.evaluation} settings of the run's own {@code config.conf}
     * (falling back to the defaults of reference.conf).
     */
    public static EvaluationSummary evaluate(SparkSession spark, String runDir) {
        RunFiles run = RunFiles.open(spark.sparkContext().hadoopConfiguration(), runDir);
        String configText = run.readText("config.conf");
        return evaluate(spark, run, configText, settingsOf(configText, run.path("config.conf")));
    }

    /** Evaluates with explicit settings (e.g. the pipeline's command-line configuration). */
    public static EvaluationSummary evaluate(SparkSession spark, String runDir, EvaluationSettings settings) {
        RunFiles run = RunFiles.open(spark.sparkContext().hadoopConfiguration(), runDir);
        return evaluate(spark, run, run.readText("config.conf"), settings);
    }

    private static EvaluationSummary evaluate(SparkSession spark, RunFiles run, String configText,
                                              EvaluationSettings settings) {
        FoldPlan plan = FoldPlan.parse(run.readText("folds.json"), run.path("folds.json"));
        List<TrialSpec> trials = TrialSpec.parseList(run.readText("trials.json"), run.path("trials.json"));
        if (!run.exists("predictions")) {
            throw new IllegalArgumentException("run directory " + run.root() + " has no predictions table");
        }
        Map<PredictionKey, ConfusionMatrix> matrices =
                PredictionReader.read(spark, run.path("predictions"), plan.classes());
        Map<Integer, Map<Integer, TrainingHistory>> histories = readHistories(run, plan, trials);

        List<TrialEvaluation> evaluated = Aggregation.aggregate(plan, trials, matrices, histories, settings);
        EvaluationSummary summary = new EvaluationSummary(run.root(), plan, evaluated, settings.split());

        writeTable(spark, run, METRICS, MetricsTables.metrics(summary));
        writeTable(spark, run, CLASS_METRICS, MetricsTables.classMetrics(summary));
        writeTable(spark, run, CONFUSION, MetricsTables.confusion(summary));
        run.writeAtomically(SUMMARY, SummaryJson.render(summary));
        if (summary.isComparison()) {
            run.writeAtomically(COMPARISON, MetricsTables.comparison(summary).toCsv());
        }
        new Report(summary, settings, configText).write(run);
        return summary;
    }

    static EvaluationSettings settingsOf(String configText, String source) {
        try {
            Config config = ConfigFactory.parseString(configText, ConfigParseOptions.defaults().setOriginDescription(source))
                    .withFallback(ConfigFactory.defaultReference())
                    .resolve();
            return EvaluationSettings.from(config.getConfig("mcsan.evaluation"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration in " + source + ": " + e.getMessage(), e);
        }
    }

    private static Map<Integer, Map<Integer, TrainingHistory>> readHistories(RunFiles run, FoldPlan plan,
                                                                           List<TrialSpec> trials) {
        Map<Integer, Map<Integer, TrainingHistory>> histories = new HashMap<>();
        for (TrialSpec t : trials) {
            Map<Integer, TrainingHistory> byFold = new TreeMap<>();
            for (FoldSpec f : plan.folds()) {
                String file = "units/trial-" + t.index() + "/fold-" + f.index() + "/history.json";
                if (!run.exists(file)) {
                    continue;
                }
                TrainingHistory h = TrainingHistory.parse(run.readText(file), run.path(file));
                if (h.trial() != t.index() || h.fold() != f.index()) {
                    throw new IllegalArgumentException(run.path(file) + " says trial " + h.trial() + " fold "
                            + h.fold() + ", but lies in the directory of trial " + t.index() + " fold " + f.index());
                }
                byFold.put(f.index(), h);
            }
            histories.put(t.index(), byFold);
        }
        return histories;
    }

    /** Parquet directory and CSV file of one table, each committed atomically. */
    private static void writeTable(SparkSession spark, RunFiles run, String name, Table table) {
        String tmp = run.temporaryPath(name);
        try {
            table.writeParquet(spark, tmp);
        } catch (RuntimeException e) {
            run.deleteQuietly(tmp);
            throw e;
        }
        run.commitDirectory(tmp, name);
        run.writeAtomically(name + ".csv", table.toCsv());
    }
}
