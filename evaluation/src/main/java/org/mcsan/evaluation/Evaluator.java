package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.run.DataQuality;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.HalvingRecord;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitFailure;
import org.mcsan.contracts.run.UnitHistory;

/**
 * Evaluates a run directory: reads folds.json, trials.json, the predictions table, the training
 * histories and data-quality.json (what became of each split's utterances); computes metrics per (trial, fold, split), aggregates over folds and trials; and writes
 * <ul>
 *   <li>{@code metrics/}, {@code class_metrics/}, {@code confusion/} (Parquet) and the same tables as
 *       {@code metrics.csv}, {@code class_metrics.csv}, {@code confusion.csv};</li>
 *   <li>{@code summary.json}, {@code leaderboard.csv} (configurations ranked on validation), and
 *       {@code comparison.csv} when the run has several trials;</li>
 *   <li>{@code plots/*.png}, {@code report.md} and the self-contained {@code report.html}.</li>
 * </ul>
 * Every output is committed atomically (written under a temporary name, then renamed), so a crash
 * leaves the previous output or the new one, never half of one. All paths go through the Hadoop
 * FileSystem API, so the run directory may be on HDFS.
 */
public final class Evaluator {

    private Evaluator() {}

    /**
     * Evaluates a run directory (the settings a run was evaluated with so far are those it recorded:
     * {@link EvaluationSettings#ofRun}).
     */
    public static EvaluationSummary evaluate(SparkSession spark, String runDir, EvaluationSettings settings) {
        Directory run = Directory.open(spark.sparkContext().hadoopConfiguration(), runDir);
        String configText = run.readText(RunLayout.CONFIG);
        FoldPlan plan = FoldPlan.parse(run.readText(RunLayout.FOLDS), run.path(RunLayout.FOLDS));
        List<Trial> trials = Trial.parseList(run.readText(RunLayout.TRIALS), run.path(RunLayout.TRIALS));
        if (!run.exists(RunLayout.PREDICTIONS)) {
            throw new IllegalArgumentException("run directory " + run.root() + " has no predictions table");
        }
        Map<PredictionKey, ConfusionMatrix> matrices =
                PredictionReader.read(spark, run.path(RunLayout.PREDICTIONS), plan.classes());
        Map<Integer, Map<Integer, UnitHistory>> histories = readHistories(run, plan, trials);

        List<TrialEvaluation> evaluated = Aggregation.aggregate(plan, trials, matrices, histories, settings);
        DataQuality quality = run.exists(RunLayout.DATA_QUALITY)
                ? DataQuality.parse(run.readText(RunLayout.DATA_QUALITY), run.path(RunLayout.DATA_QUALITY))
                : null; // a run trained before the file existed: the report says the data is not recorded
        HalvingRecord halving = run.exists(RunLayout.HALVING)
                ? HalvingRecord.parse(run.readText(RunLayout.HALVING), run.path(RunLayout.HALVING))
                : null;
        EvaluationSummary summary = new EvaluationSummary(
                run.root(), plan, evaluated, settings.split(), quality, readFailures(run, plan, trials), halving);

        writeTable(spark, run, RunLayout.METRICS, MetricsTables.metrics(summary));
        writeTable(spark, run, RunLayout.CLASS_METRICS, MetricsTables.classMetrics(summary));
        writeTable(spark, run, RunLayout.CONFUSION, MetricsTables.confusion(summary));
        run.write(RunLayout.SUMMARY, SummaryJson.render(summary));
        if (summary.isComparison()) {
            run.write(RunLayout.COMPARISON, MetricsTables.comparison(summary).toCsv());
        }
        run.write(
                RunLayout.LEADERBOARD,
                summary.leaderboard().table(settings.leaderboardTest()).toCsv());
        new Report(summary, settings, configText).write(run);
        return summary;
    }

    private static Map<Integer, Map<Integer, UnitHistory>> readHistories(
            Directory run, FoldPlan plan, List<Trial> trials) {
        Map<Integer, Map<Integer, UnitHistory>> histories = new HashMap<>();
        for (Trial t : trials) {
            Map<Integer, UnitHistory> byFold = new TreeMap<>();
            for (Fold f : plan.folds()) {
                String file = RunLayout.unitFile(t.index(), f.index(), RunLayout.HISTORY);
                if (!run.exists(file)) {
                    continue;
                }
                UnitHistory h = UnitHistory.parse(run.readText(file), run.path(file));
                if (h.trial() != t.index() || h.fold() != f.index()) {
                    throw new IllegalArgumentException(run.path(file) + " says trial " + h.trial() + " fold " + h.fold()
                            + ", but lies in the directory of trial " + t.index() + " fold " + f.index());
                }
                byFold.put(f.index(), h);
            }
            histories.put(t.index(), byFold);
        }
        return histories;
    }

    /** Per trial index, the units that failed because of their configuration, in fold order. */
    private static Map<Integer, List<UnitFailure>> readFailures(Directory run, FoldPlan plan, List<Trial> trials) {
        Map<Integer, List<UnitFailure>> failures = new HashMap<>();
        if (!run.exists(RunLayout.FAILURES)) return failures;
        for (Trial t : trials) {
            List<UnitFailure> failed = new ArrayList<>();
            for (Fold f : plan.folds()) {
                String file = RunLayout.failureFile(t.index(), f.index());
                if (run.exists(file)) failed.add(UnitFailure.parse(run.readText(file), run.path(file)));
            }
            if (!failed.isEmpty()) failures.put(t.index(), failed);
        }
        return failures;
    }

    /** Parquet directory and CSV file of one table, each committed atomically. */
    private static void writeTable(SparkSession spark, Directory run, String name, Table table) {
        String tmp = run.temporaryPath(name);
        try {
            table.writeParquet(spark, tmp);
        } catch (RuntimeException e) {
            run.deleteQuietly(tmp);
            throw e;
        }
        run.commitDirectory(tmp, name);
        run.write(name + ".csv", table.toCsv());
    }
}
