package org.mcsan.prediction;

/**
 * How the features of a run's training dataset were made: that dataset's manifest.json (its feature settings and
 * classes), where it was, and for an exported bundle the SHA-256 of the GloVe file it used.
 */
public final class TrainingFeatures {
    /** The text of the training dataset's manifest.json. */
    public final String manifestJson;
    /** Where that manifest was read from, for messages. */
    public final String source;
    /** The training dataset's qualified location. */
    public final String dataset;
    /** The SHA-256 of the GloVe file, or null when not recorded. */
    public final String gloveSha256;

    public TrainingFeatures(String manifestJson, String source, String dataset, String gloveSha256) {
        this.manifestJson = manifestJson;
        this.source = source;
        this.dataset = dataset;
        this.gloveSha256 = gloveSha256;
    }
}
