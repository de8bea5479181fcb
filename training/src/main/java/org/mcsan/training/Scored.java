package org.mcsan.training;

/** One utterance scored by the selected model. */
public final class Scored {
    public final String id;
    public final int label;
    public final int predicted;
    public final float[] probabilities;

    Scored(String id, int label, float[] probabilities) {
        this.id = id;
        this.label = label;
        this.probabilities = probabilities;
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        this.predicted = best;
    }
}
