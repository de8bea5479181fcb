package org.mcsan.evaluation;

import java.util.List;
import org.mcsan.contracts.metrics.ClassMetrics;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.metrics.Metric;

/**
 * The evaluator's tables, built from the summary:
 * <ul>
 *   <li>{@code metrics}: one row per trial × fold × split (row_type "fold"), plus per trial × split
 *       the aggregate rows "mean", "std" (sample, n − 1) and "pooled";</li>
 *   <li>{@code class_metrics}: per-class precision / recall / F1 / support for the same fold and
 *       pooled rows;</li>
 *   <li>{@code confusion}: the confusion matrices in long form (one row per true × predicted class),
 *       with counts and row-normalised shares;</li>
 *   <li>{@code comparison}: one row per trial on the reported split (mean, std, pooled, headline).</li>
 * </ul>
 * Metric values are fractions in [0, 1]; NaN marks an undefined value (empty cell in CSV).
 */
final class MetricsTables {

    static final String FOLD = "fold";
    static final String MEAN = "mean";
    static final String STD = "std";
    static final String POOLED = "pooled";

    private MetricsTables() {}

    static Table metrics(EvaluationSummary summary) {
        Table t = new Table()
                .intColumn("trial")
                .stringColumn("trial_name")
                .intColumn("fold")
                .stringColumn("fold_name")
                .stringColumn("split")
                .stringColumn("row_type")
                .intColumn("folds")
                .longColumn("utterances");
        for (Metric m : Metric.values()) {
            t.doubleColumn(m.column());
        }
        t.stringColumn("classes_absent").stringColumn("classes_never_predicted");
        for (TrialEvaluation trial : summary.trials()) {
            for (SplitAggregate s : trial.splits()) {
                for (FoldEvaluation f : s.folds()) {
                    metricsRow(t, trial, f.fold().index(), f.fold().name(), s.split(), FOLD, 1, f.metrics());
                }
            }
            for (SplitAggregate s : trial.splits()) {
                for (String kind : new String[] {MEAN, STD}) {
                    Object[] row = new Object[t.columnNames().size()];
                    int i = 0;
                    row[i++] = trial.trial().index();
                    row[i++] = trial.trial().name();
                    row[i++] = null;
                    row[i++] = null;
                    row[i++] = s.split();
                    row[i++] = kind;
                    row[i++] = s.folds().size();
                    row[i++] = null;
                    for (Metric m : Metric.values()) {
                        MeanStd ms = s.overFolds(m);
                        row[i++] = MEAN.equals(kind) ? ms.mean() : ms.std();
                    }
                    row[i++] = null;
                    row[i] = null;
                    t.row(row);
                }
                metricsRow(t, trial, null, null, s.split(), POOLED, s.folds().size(), s.pooled());
            }
        }
        return t;
    }

    private static void metricsRow(
            Table t,
            TrialEvaluation trial,
            Integer fold,
            String foldName,
            String split,
            String kind,
            int folds,
            ClassificationMetrics m) {
        t.row(
                trial.trial().index(),
                trial.trial().name(),
                fold,
                foldName,
                split,
                kind,
                folds,
                m.total(),
                m.wa(),
                m.ua(),
                m.weightedF1(),
                m.macroF1(),
                String.join(";", m.absentClasses()),
                String.join(";", m.neverPredictedClasses()));
    }

    static Table classMetrics(EvaluationSummary summary) {
        Table t = new Table()
                .intColumn("trial")
                .stringColumn("trial_name")
                .intColumn("fold")
                .stringColumn("fold_name")
                .stringColumn("split")
                .stringColumn("row_type")
                .intColumn("class_index")
                .stringColumn("class")
                .longColumn("support")
                .longColumn("predicted")
                .doubleColumn("precision")
                .doubleColumn("recall")
                .doubleColumn("f1");
        forEachMatrix(summary, (trial, fold, foldName, split, kind, m) -> {
            for (ClassMetrics c : m.perClass()) {
                t.row(
                        trial.trial().index(),
                        trial.trial().name(),
                        fold,
                        foldName,
                        split,
                        kind,
                        c.classIndex(),
                        c.className(),
                        c.support(),
                        c.predicted(),
                        c.precision(),
                        c.recall(),
                        c.f1());
            }
        });
        return t;
    }

    static Table confusion(EvaluationSummary summary) {
        Table t = new Table()
                .intColumn("trial")
                .stringColumn("trial_name")
                .intColumn("fold")
                .stringColumn("fold_name")
                .stringColumn("split")
                .stringColumn("row_type")
                .intColumn("true_index")
                .stringColumn("true_class")
                .intColumn("pred_index")
                .stringColumn("pred_class")
                .longColumn("count")
                .doubleColumn("row_share");
        forEachMatrix(summary, (trial, fold, foldName, split, kind, m) -> {
            ConfusionMatrix cm = m.confusion();
            double[][] shares = cm.rowNormalised();
            List<String> classes = cm.classes();
            for (int a = 0; a < cm.classCount(); a++) {
                for (int p = 0; p < cm.classCount(); p++) {
                    t.row(
                            trial.trial().index(),
                            trial.trial().name(),
                            fold,
                            foldName,
                            split,
                            kind,
                            a,
                            classes.get(a),
                            p,
                            classes.get(p),
                            cm.count(a, p),
                            shares[a][p]);
                }
            }
        });
        return t;
    }

    static Table comparison(EvaluationSummary summary) {
        Table t = new Table()
                .intColumn("trial")
                .stringColumn("trial_name")
                .stringColumn("overrides")
                .stringColumn("split")
                .intColumn("folds");
        for (Metric m : Metric.values()) {
            t.doubleColumn(m.column() + "_mean").doubleColumn(m.column() + "_std");
        }
        for (Metric m : Metric.values()) {
            t.doubleColumn("pooled_" + m.column());
        }
        t.stringColumn("headline_metric").doubleColumn("headline_value");
        for (TrialEvaluation trial : summary.trials()) {
            SplitAggregate s = trial.reported();
            Object[] row = new Object[t.columnNames().size()];
            int i = 0;
            row[i++] = trial.trial().index();
            row[i++] = trial.trial().name();
            row[i++] = trial.trial().overridesText();
            row[i++] = s.split();
            row[i++] = s.folds().size();
            for (Metric m : Metric.values()) {
                row[i++] = s.overFolds(m).mean();
                row[i++] = s.overFolds(m).std();
            }
            for (Metric m : Metric.values()) {
                row[i++] = s.pooled().get(m);
            }
            row[i++] = trial.headlineMetric().column();
            row[i] = trial.headlineValue();
            t.row(row);
        }
        return t;
    }

    private interface MatrixVisitor {
        void visit(
                TrialEvaluation trial,
                Integer fold,
                String foldName,
                String split,
                String kind,
                ClassificationMetrics m);
    }

    /** Every fold matrix and every pooled matrix, in trial, split, fold order. */
    private static void forEachMatrix(EvaluationSummary summary, MatrixVisitor visitor) {
        for (TrialEvaluation trial : summary.trials()) {
            for (SplitAggregate s : trial.splits()) {
                for (FoldEvaluation f : s.folds()) {
                    visitor.visit(trial, f.fold().index(), f.fold().name(), s.split(), FOLD, f.metrics());
                }
                visitor.visit(trial, null, null, s.split(), POOLED, s.pooled());
            }
        }
    }
}
