package org.mcsan.contracts.features;

/** One utterance of the feature dataset as a fold needs it ({@link FeatureSchema} columns, arrays flattened row-major). */
public final class FeatureRow {
    public String utteranceId;
    public String speaker;
    public String session;
    public String split;
    public int labelIndex;
    public int numFrames;
    /** numFrames × 40, not normalised. */
    public float[] mfcc;

    public int numWords;
    /** numWords × 300. */
    public float[] textEmb;
}
