package org.mcsan.evaluation;

import java.util.Collections;
import java.util.List;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;

/** The result of evaluating a run: per trial aggregates, and where the outputs were written. */
public final class EvaluationSummary {

    private final String runDir;
    private final FoldPlan plan;
    private final List<TrialEvaluation> trials;
    private final String split;

    public EvaluationSummary(String runDir, FoldPlan plan, List<TrialEvaluation> trials, String split) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one trial");
        }
        this.runDir = runDir;
        this.plan = plan;
        this.trials = Collections.unmodifiableList(trials);
        this.split = split;
    }

    public String runDir() {
        return runDir;
    }

    public FoldPlan plan() {
        return plan;
    }

    public List<TrialEvaluation> trials() {
        return trials;
    }

    /** The trial with this index; an error if the run has no such trial. */
    public TrialEvaluation trial(int index) {
        for (TrialEvaluation t : trials) {
            if (t.trial().index() == index) {
                return t;
            }
        }
        throw new IllegalArgumentException("the run has no trial " + index);
    }

    /** The split the summary reports on, "val" or "test". */
    public String split() {
        return split;
    }

    /** Whether the run compares several trials (an ablation or a sweep). */
    public boolean isComparison() {
        return trials.size() > 1;
    }

    /** The trial with the highest headline value, or null when no trial has one (no predictions). */
    public TrialEvaluation best() {
        TrialEvaluation best = null;
        for (TrialEvaluation t : trials) {
            if (!Double.isNaN(t.headlineValue()) && (best == null || t.headlineValue() > best.headlineValue())) {
                best = t;
            }
        }
        return best;
    }

    /**
     * A console table: per trial the mean ± sample std over folds of WA, UA, weighted and macro F1,
     * the pooled metrics and the headline, in percent.
     */
    public String formatSummaryTable() {
        TrialEvaluation first = trials.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append("Evaluation of ").append(runDir).append('\n');
        sb.append("corpus ")
                .append(plan.corpus())
                .append(", ")
                .append(plan.folds().size())
                .append(plan.folds().size() == 1 ? " fold" : " folds")
                .append(", ")
                .append(trials.size())
                .append(trials.size() == 1 ? " trial" : " trials")
                .append("; ")
                .append(split)
                .append(" split, in %: mean +/- sample std over folds;")
                .append(" pooled = all folds' predictions together\n");
        sb.append("headline: ").append(first.headlineLabel()).append("\n\n");
        TextTable table = new TextTable(
                ">trial",
                "name",
                ">folds",
                ">WA",
                ">UA",
                ">weighted F1",
                ">macro F1",
                ">pooled WA",
                ">pooled UA",
                ">pooled WF1",
                ">headline");
        for (TrialEvaluation t : trials) {
            SplitAggregate s = t.reported();
            ClassificationMetrics pooled = s.pooled();
            table.row(
                    Integer.toString(t.trial().index()),
                    t.trial().name(),
                    s.folds().size() + "/" + plan.folds().size(),
                    Format.meanStd(s.overFolds(Metric.WA), "+/-"),
                    Format.meanStd(s.overFolds(Metric.UA), "+/-"),
                    Format.meanStd(s.overFolds(Metric.WEIGHTED_F1), "+/-"),
                    Format.meanStd(s.overFolds(Metric.MACRO_F1), "+/-"),
                    Format.pct(pooled.wa()),
                    Format.pct(pooled.ua()),
                    Format.pct(pooled.weightedF1()),
                    Format.pct(t.headlineValue()));
        }
        sb.append(table.render());
        TrialEvaluation best = best();
        if (isComparison() && best != null) {
            sb.append("best: trial ")
                    .append(best.trial().index())
                    .append(" (")
                    .append(best.trial().name())
                    .append("), ")
                    .append(best.headlineLabel())
                    .append(" = ")
                    .append(Format.pct(best.headlineValue()))
                    .append('\n');
        }
        for (TrialEvaluation t : trials) {
            if (!t.reported().missingFolds().isEmpty()) {
                sb.append("trial ")
                        .append(t.trial().index())
                        .append(": no ")
                        .append(split)
                        .append(" predictions for fold(s) ")
                        .append(foldNames(t.reported().missingFolds()))
                        .append(" (left out of the aggregates)\n");
            }
        }
        return sb.toString();
    }

    static String foldNames(List<Fold> folds) {
        StringBuilder sb = new StringBuilder();
        for (Fold f : folds) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.index()).append(" (").append(f.name()).append(')');
        }
        return sb.toString();
    }
}
