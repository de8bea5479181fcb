package org.mcsan.features.text;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The GloVe vectors of the words a corpus needs (small enough to broadcast), with the statistics of the read.
 */
public final class GloveTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int dim;
    private final Map<String, float[]> vectors;
    private final int wantedWords;
    private final GloveStats stats;

    /**
     * @param wantedWords the size of the vocabulary that was looked up (0 when every word was read)
     */
    public GloveTable(int dim, Map<String, float[]> vectors, int wantedWords, GloveStats stats) {
        this.dim = dim;
        this.vectors = Collections.unmodifiableMap(new HashMap<>(vectors));
        this.wantedWords = wantedWords;
        this.stats = stats;
    }

    public int dim() {
        return dim;
    }

    /** Word → vector (do not modify the arrays). */
    public Map<String, float[]> vectors() {
        return vectors;
    }

    /** The vector of {@code word}, or null. */
    public float[] get(String word) {
        return vectors.get(word);
    }

    public int size() {
        return vectors.size();
    }

    /** How many words were looked up (including lower-cased variants); 0 when the whole file was read. */
    public int wantedWords() {
        return wantedWords;
    }

    public GloveStats stats() {
        return stats;
    }
}
