package org.mcsan.contracts.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The metrics of one set of predictions (one trial, fold and split, or a pooled union of them).
 *
 * <p>Definitions, all over the utterances of the set:
 * <ul>
 *   <li>WA (weighted accuracy) = correct / total.</li>
 *   <li>UA (unweighted accuracy) = mean of per-class recall over the classes PRESENT in the set
 *       (support &gt; 0). Absent classes have no recall and are left out of the mean; they are listed
 *       in {@link #absentClasses()} so that reports can say so.</li>
 *   <li>Weighted F1 = sum over classes of support × F1, divided by total (absent classes weigh 0).</li>
 *   <li>Macro F1 = mean of per-class F1 over the present classes (the same classes as UA). This differs
 *       from scikit-learn's default only when a class is predicted but absent: scikit-learn then
 *       averages in an F1 of 0 for it; here those wrong predictions already lower the recall of the
 *       true classes they were taken from.</li>
 * </ul>
 * Per class: precision = TP / predicted, and 0 for a class never predicted (the 0/0 convention);
 * recall = TP / support, NaN for an absent class; F1 = 2PR / (P + R), 0 when P + R = 0, NaN for an
 * absent class.
 *
 * <p>Edge cases: a single-class set has UA = recall of that class = WA, and macro F1 = weighted F1 =
 * that class' F1. An empty set (no predictions) has every metric NaN and every class absent.
 */
public final class ClassificationMetrics {

    private final ConfusionMatrix confusion;
    private final List<ClassMetrics> perClass;
    private final double wa;
    private final double ua;
    private final double weightedF1;
    private final double macroF1;

    private ClassificationMetrics(ConfusionMatrix confusion) {
        this.confusion = confusion;
        List<ClassMetrics> classes = new ArrayList<>();
        for (int c = 0; c < confusion.classCount(); c++) {
            classes.add(new ClassMetrics(
                    c,
                    confusion.classes().get(c),
                    confusion.support(c),
                    confusion.predicted(c),
                    confusion.count(c, c)));
        }
        this.perClass = Collections.unmodifiableList(classes);

        long total = confusion.total();
        double recallSum = 0;
        double f1Sum = 0;
        double supportWeightedF1 = 0;
        int present = 0;
        for (ClassMetrics m : perClass) {
            if (!m.isAbsent()) {
                present++;
                recallSum += m.recall();
                f1Sum += m.f1();
                supportWeightedF1 += m.support() * m.f1();
            }
        }
        this.wa = total == 0 ? Double.NaN : (double) confusion.correct() / total;
        this.ua = present == 0 ? Double.NaN : recallSum / present;
        this.macroF1 = present == 0 ? Double.NaN : f1Sum / present;
        this.weightedF1 = total == 0 ? Double.NaN : supportWeightedF1 / total;
    }

    public static ClassificationMetrics of(ConfusionMatrix confusion) {
        return new ClassificationMetrics(confusion);
    }

    public ConfusionMatrix confusion() {
        return confusion;
    }

    public List<String> classes() {
        return confusion.classes();
    }

    /** Number of utterances. */
    public long total() {
        return confusion.total();
    }

    public boolean isEmpty() {
        return total() == 0;
    }

    public double wa() {
        return wa;
    }

    public double ua() {
        return ua;
    }

    public double weightedF1() {
        return weightedF1;
    }

    public double macroF1() {
        return macroF1;
    }

    public double get(Metric metric) {
        switch (metric) {
            case WA:
                return wa;
            case UA:
                return ua;
            case WEIGHTED_F1:
                return weightedF1;
            case MACRO_F1:
                return macroF1;
            default:
                throw new IllegalArgumentException("unknown metric " + metric);
        }
    }

    /** Per-class metrics in class-index order. */
    public List<ClassMetrics> perClass() {
        return perClass;
    }

    /** Classes with no utterance in this set, left out of UA and macro F1. */
    public List<String> absentClasses() {
        List<String> absent = new ArrayList<>();
        for (ClassMetrics m : perClass) {
            if (m.isAbsent()) {
                absent.add(m.className());
            }
        }
        return absent;
    }

    /** Classes never predicted in this set (precision 0 by convention). */
    public List<String> neverPredictedClasses() {
        List<String> never = new ArrayList<>();
        for (ClassMetrics m : perClass) {
            if (m.isNeverPredicted()) {
                never.add(m.className());
            }
        }
        return never;
    }
}
