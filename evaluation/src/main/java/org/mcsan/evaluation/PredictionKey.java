package org.mcsan.evaluation;

import java.util.Objects;

/** Identifies the predictions of one (trial, fold, split). */
public final class PredictionKey {

    private final int trial;
    private final int fold;
    private final String split;

    public PredictionKey(int trial, int fold, String split) {
        this.trial = trial;
        this.fold = fold;
        this.split = Objects.requireNonNull(split, "split");
    }

    public int trial() {
        return trial;
    }

    public int fold() {
        return fold;
    }

    public String split() {
        return split;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PredictionKey)) {
            return false;
        }
        PredictionKey k = (PredictionKey) o;
        return trial == k.trial && fold == k.fold && split.equals(k.split);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trial, fold, split);
    }

    @Override
    public String toString() {
        return "trial=" + trial + " fold=" + fold + " split=" + split;
    }
}
