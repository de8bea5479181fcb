package org.mcsan.evaluation;

import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.run.Fold;

/** The metrics of one trial's predictions on one fold and split. */
public final class FoldEvaluation {

    private final Fold fold;
    private final String split;
    private final ClassificationMetrics metrics;

    public FoldEvaluation(Fold fold, String split, ClassificationMetrics metrics) {
        this.fold = fold;
        this.split = split;
        this.metrics = metrics;
    }

    public Fold fold() {
        return fold;
    }

    public String split() {
        return split;
    }

    public ClassificationMetrics metrics() {
        return metrics;
    }
}
