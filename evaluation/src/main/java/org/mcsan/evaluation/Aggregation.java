package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitHistory;

/** Turns per-(trial, fold, split) confusion matrices into per-trial aggregates. */
public final class Aggregation {

    /** The splits the trainer predicts on. */
    public static final List<String> SPLITS = Collections.unmodifiableList(Arrays.asList(Fold.VAL, Fold.TEST));

    private Aggregation() {}

    /**
     * @param matrices  confusion matrix per (trial, fold, split), over the plan's classes
     * @param histories training history by trial, then fold (may be incomplete)
     * @throws IllegalArgumentException if the predictions name a trial, fold or split that the run's
     *                                  trials.json / folds.json do not know
     */
    public static List<TrialEvaluation> aggregate(
            FoldPlan plan,
            List<Trial> trials,
            Map<PredictionKey, ConfusionMatrix> matrices,
            Map<Integer, Map<Integer, UnitHistory>> histories,
            EvaluationSettings settings) {
        Set<Integer> trialIndices = new TreeSet<>();
        for (Trial t : trials) {
            trialIndices.add(t.index());
        }
        for (Map.Entry<PredictionKey, ConfusionMatrix> e : matrices.entrySet()) {
            PredictionKey k = e.getKey();
            if (!trialIndices.contains(k.trial())) {
                throw new IllegalArgumentException("predictions hold trial " + k.trial()
                        + ", which trials.json does not list (it lists trials " + trialIndices + ")");
            }
            if (plan.fold(k.fold()) == null) {
                throw new IllegalArgumentException("predictions hold fold " + k.fold() + " (trial " + k.trial()
                        + "), which folds.json does not list");
            }
            if (!SPLITS.contains(k.split())) {
                throw new IllegalArgumentException("predictions of trial " + k.trial() + " fold " + k.fold()
                        + " have split '" + k.split() + "'; expected one of " + SPLITS);
            }
            if (!e.getValue().classes().equals(plan.classes())) {
                throw new IllegalArgumentException("confusion matrix of " + k + " is over classes "
                        + e.getValue().classes() + ", not the plan's " + plan.classes());
            }
        }

        Metric headline = settings.headlineMetric(plan.folds().size());
        List<TrialEvaluation> result = new ArrayList<>();
        for (Trial t : trials) {
            Map<Integer, UnitHistory> trialHistories = histories.get(t.index());
            result.add(new TrialEvaluation(
                    t,
                    aggregateSplit(plan, t.index(), "val", matrices),
                    aggregateSplit(plan, t.index(), "test", matrices),
                    settings.split(),
                    headline,
                    trialHistories == null ? Collections.<Integer, UnitHistory>emptyMap() : trialHistories));
        }
        return result;
    }

    private static SplitAggregate aggregateSplit(
            FoldPlan plan, int trial, String split, Map<PredictionKey, ConfusionMatrix> matrices) {
        List<FoldEvaluation> folds = new ArrayList<>();
        List<Fold> missing = new ArrayList<>();
        for (Fold f : plan.folds()) {
            ConfusionMatrix cm = matrices.get(new PredictionKey(trial, f.index(), split));
            if (cm == null || cm.total() == 0) {
                missing.add(f);
            } else {
                folds.add(new FoldEvaluation(f, split, ClassificationMetrics.of(cm)));
            }
        }
        return new SplitAggregate(split, folds, missing, plan.classes());
    }
}
