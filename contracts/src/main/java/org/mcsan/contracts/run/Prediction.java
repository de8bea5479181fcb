package org.mcsan.contracts.run;

/** One scored utterance of a (trial, fold) unit: a row of the run's {@code predictions} table. */
public final class Prediction {
    public final String utteranceId;
    /** "val" or "test". */
    public final String split;

    public final int labelIndex;
    public final int predIndex;
    public final float[] probabilities;

    public Prediction(String utteranceId, String split, int labelIndex, int predIndex, float[] probabilities) {
        this.utteranceId = utteranceId;
        this.split = split;
        this.labelIndex = labelIndex;
        this.predIndex = predIndex;
        this.probabilities = probabilities;
    }
}
