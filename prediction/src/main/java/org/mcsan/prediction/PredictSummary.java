package org.mcsan.prediction;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.mcsan.contracts.metrics.ClassificationMetrics;

/** What a prediction run wrote: where, how many utterances, with which units, and the metrics when labels were known. */
public final class PredictSummary {
    public final String output;
    public final int utterances;
    public final List<String> units;
    /** Null when the input had no labels in the run's classes. */
    public final ClassificationMetrics metrics;
    /** The input is the dataset the run was trained on: its metrics are not held-out scores. */
    public final boolean inputIsTrainingData;

    PredictSummary(
            String output,
            int utterances,
            List<String> units,
            ClassificationMetrics metrics,
            boolean inputIsTrainingData) {
        this.output = output;
        this.utterances = utterances;
        this.units = Collections.unmodifiableList(units);
        this.metrics = metrics;
        this.inputIsTrainingData = inputIsTrainingData;
    }

    @Override
    public String toString() {
        String line = String.format(
                Locale.ROOT,
                "predicted %d utterance(s) with %d unit(s) (%s) into %s",
                utterances,
                units.size(),
                String.join(", ", units),
                output);
        if (metrics == null) {
            return line;
        }
        return line
                + String.format(
                        Locale.ROOT,
                        "; against the input's labels: WA %.2f%%, UA %.2f%%, weighted F1 %.2f%%, macro F1 %.2f%%%s",
                        100 * metrics.wa(),
                        100 * metrics.ua(),
                        100 * metrics.weightedF1(),
                        100 * metrics.macroF1(),
                        inputIsTrainingData
                                ? " (NOT held-out: the input is the run's own training dataset, and the units trained"
                                        + " on most of it; the run's held-out test scores are in its report)"
                                : "");
    }
}
