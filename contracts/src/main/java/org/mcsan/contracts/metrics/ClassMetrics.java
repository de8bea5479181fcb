package org.mcsan.contracts.metrics;

/**
 * Precision, recall and F1 of one class. See {@link ClassificationMetrics} for the conventions on
 * zero denominators.
 */
public final class ClassMetrics {

    private final int classIndex;
    private final String className;
    private final long support;
    private final long predicted;
    private final long truePositives;
    private final double precision;
    private final double recall;
    private final double f1;

    ClassMetrics(int classIndex, String className, long support, long predicted, long truePositives) {
        this.classIndex = classIndex;
        this.className = className;
        this.support = support;
        this.predicted = predicted;
        this.truePositives = truePositives;
        // Never predicted: precision is 0/0; by convention 0 (as scikit-learn's zero_division default).
        this.precision = predicted == 0 ? 0.0 : (double) truePositives / predicted;
        // Absent from the data: recall is undefined and the class is left out of UA and macro F1.
        this.recall = support == 0 ? Double.NaN : (double) truePositives / support;
        if (support == 0) {
            this.f1 = Double.NaN;
        } else if (precision + recall == 0.0) {
            this.f1 = 0.0;
        } else {
            this.f1 = 2.0 * precision * recall / (precision + recall);
        }
    }

    public int classIndex() {
        return classIndex;
    }

    public String className() {
        return className;
    }

    /** Number of utterances of this class. */
    public long support() {
        return support;
    }

    /** Number of utterances predicted as this class. */
    public long predicted() {
        return predicted;
    }

    public long truePositives() {
        return truePositives;
    }

    /** TP / predicted; 0 when the class is never predicted. */
    public double precision() {
        return precision;
    }

    /** TP / support; NaN when the class is absent (support 0). */
    public double recall() {
        return recall;
    }

    /** Harmonic mean of precision and recall; 0 when both are 0; NaN when the class is absent. */
    public double f1() {
        return f1;
    }

    public boolean isAbsent() {
        return support == 0;
    }

    public boolean isNeverPredicted() {
        return predicted == 0;
    }
}
