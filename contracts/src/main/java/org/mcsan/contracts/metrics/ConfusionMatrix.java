package org.mcsan.contracts.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs. Rows are true classes, columns predicted classes,
 * both in the order of the corpus' class list. Immutable.
 */
public final class ConfusionMatrix {

    private final List<String> classes;
    private final long[][] counts;

    private ConfusionMatrix(List<String> classes, long[][] counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /** A matrix of zeros: the confusion matrix of no predictions. */
    public static ConfusionMatrix empty(List<String> classes) {
        return of(classes, new long[classes.size()][classes.size()]);
    }

    /** A matrix from counts[true][predicted]; the array is copied. */
    public static ConfusionMatrix of(List<String> classes, long[][] counts) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        int k = classes.size();
        if (counts.length != k) {
            throw new IllegalArgumentException("confusion matrix has " + counts.length + " rows, expected " + k
                    + " (one per class " + classes + ")");
        }
        long[][] copy = new long[k][];
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException(
                        "confusion matrix row " + t + " has " + counts[t].length + " columns, expected " + k);
            }
            for (long c : counts[t]) {
                if (c < 0) {
                    throw new IllegalArgumentException("confusion matrix row " + t + " has a negative count " + c);
                }
            }
            copy[t] = counts[t].clone();
        }
        return new ConfusionMatrix(Collections.unmodifiableList(new ArrayList<>(classes)), copy);
    }

    /** A matrix from parallel arrays of true and predicted class indices. */
    public static ConfusionMatrix fromLabels(List<String> classes, int[] trueIndices, int[] predictedIndices) {
        if (trueIndices.length != predictedIndices.length) {
            throw new IllegalArgumentException(
                    trueIndices.length + " true labels but " + predictedIndices.length + " predictions");
        }
        int k = classes.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < trueIndices.length; i++) {
            checkIndex(trueIndices[i], k, "true label", i);
            checkIndex(predictedIndices[i], k, "prediction", i);
            counts[trueIndices[i]][predictedIndices[i]]++;
        }
        return new ConfusionMatrix(Collections.unmodifiableList(new ArrayList<>(classes)), counts);
    }

    private static void checkIndex(int index, int k, String what, int position) {
        if (index < 0 || index >= k) {
            throw new IllegalArgumentException(
                    what + " at position " + position + " is class index " + index + ", outside [0, " + (k - 1) + "]");
        }
    }

    /** Element-wise sum; both matrices must have the same classes. */
    public ConfusionMatrix plus(ConfusionMatrix other) {
        if (!classes.equals(other.classes)) {
            throw new IllegalArgumentException(
                    "cannot add confusion matrices over different classes: " + classes + " and " + other.classes);
        }
        int k = classes.size();
        long[][] sum = new long[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                sum[t][p] = counts[t][p] + other.counts[t][p];
            }
        }
        return new ConfusionMatrix(classes, sum);
    }

    public List<String> classes() {
        return classes;
    }

    public int classCount() {
        return classes.size();
    }

    public long count(int trueIndex, int predictedIndex) {
        return counts[trueIndex][predictedIndex];
    }

    /** A copy of the counts, [true][predicted]. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long c : row) {
                total += c;
            }
        }
        return total;
    }

    /** Number of utterances whose true class is {@code classIndex}. */
    public long support(int classIndex) {
        long s = 0;
        for (long c : counts[classIndex]) {
            s += c;
        }
        return s;
    }

    /** Number of utterances predicted as {@code classIndex}. */
    public long predicted(int classIndex) {
        long s = 0;
        for (long[] row : counts) {
            s += row[classIndex];
        }
        return s;
    }

    public long correct() {
        long s = 0;
        for (int c = 0; c < counts.length; c++) {
            s += counts[c][c];
        }
        return s;
    }

    /**
     * Each row divided by its sum (the share of a true class predicted as each class). A row of a class
     * absent from the data (support 0) has no shares: it is all NaN.
     */
    public double[][] rowNormalised() {
        int k = counts.length;
        double[][] shares = new double[k][k];
        for (int t = 0; t < k; t++) {
            long support = support(t);
            for (int p = 0; p < k; p++) {
                shares[t][p] = support == 0 ? Double.NaN : (double) counts[t][p] / support;
            }
        }
        return shares;
    }
}
