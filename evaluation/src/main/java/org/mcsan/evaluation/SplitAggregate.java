package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Fold;

/**
 * One trial's metrics on one split across folds: per fold, mean and sample standard deviation over
 * the folds that have predictions, and the pooled metrics of the union of those folds' predictions.
 */
public final class SplitAggregate {

    private final String split;
    private final List<FoldEvaluation> folds;
    private final List<Fold> missingFolds;
    private final Map<Metric, MeanStd> overFolds;
    private final ClassificationMetrics pooled;

    SplitAggregate(String split, List<FoldEvaluation> folds, List<Fold> missingFolds, List<String> classes) {
        this.split = split;
        this.folds = Collections.unmodifiableList(new ArrayList<>(folds));
        this.missingFolds = Collections.unmodifiableList(new ArrayList<>(missingFolds));
        Map<Metric, MeanStd> stats = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            double[] values = new double[folds.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = folds.get(i).metrics().get(m);
            }
            stats.put(m, MeanStd.of(values));
        }
        this.overFolds = Collections.unmodifiableMap(stats);
        ConfusionMatrix union = ConfusionMatrix.empty(classes);
        for (FoldEvaluation f : folds) {
            union = union.plus(f.metrics().confusion());
        }
        this.pooled = ClassificationMetrics.of(union);
    }

    public String split() {
        return split;
    }

    /** Folds with predictions on this split, in fold order. */
    public List<FoldEvaluation> folds() {
        return folds;
    }

    /** Folds of the plan without predictions on this split (an incomplete run). */
    public List<Fold> missingFolds() {
        return missingFolds;
    }

    /** Mean and sample standard deviation of a metric over the folds. */
    public MeanStd overFolds(Metric metric) {
        return overFolds.get(metric);
    }

    /** Metrics of all folds' predictions taken together. */
    public ClassificationMetrics pooled() {
        return pooled;
    }

    /** The evaluation of one fold, or null if it has no predictions on this split. */
    public FoldEvaluation fold(int foldIndex) {
        for (FoldEvaluation f : folds) {
            if (f.fold().index() == foldIndex) {
                return f;
            }
        }
        return null;
    }
}
