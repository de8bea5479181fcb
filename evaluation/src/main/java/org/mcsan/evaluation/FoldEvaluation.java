package org.mcsan.evaluation;

/** The metrics of one trial's predictions on one fold and split. */
public final class FoldEvaluation {

    private final FoldSpec fold;
    private final String split;
    private final ClassificationMetrics metrics;

    public FoldEvaluation(FoldSpec fold, String split, ClassificationMetrics metrics) {
        this.fold = fold;
        this.split = split;
        this.metrics = metrics;
    }

    public FoldSpec fold() {
        return fold;
    }

    public String split() {
        return split;
    }

    public ClassificationMetrics metrics() {
        return metrics;
    }
}
