package org.mcsan.model;

import java.io.Serializable;

/**
 * One utterance as the model sees it: MFCC frames and word vectors, both flattened row-major,
 * not yet normalised. The training stage converts feature-table rows into this type (the model
 * module depends on no other stage).
 */
public final class Example implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Label of an example whose class is unknown (prediction on new data). */
    public static final int UNLABELLED = -1;

    public final String id;
    /** Class index, or {@link #UNLABELLED}. */
    public final int label;
    /** frames × audio-dim values, row-major. */
    public final float[] mfcc;

    public final int frames;
    /** words × text-dim values, row-major; empty when there are no words. */
    public final float[] text;

    public final int words;

    public Example(String id, int label, float[] mfcc, int frames, float[] text, int words) {
        if (id == null) {
            throw new IllegalArgumentException("example id must not be null");
        }
        if (label < UNLABELLED) {
            throw new IllegalArgumentException("utterance " + id + ": label " + label + " is negative");
        }
        if (mfcc == null || frames < 1 || mfcc.length == 0 || mfcc.length % frames != 0) {
            throw new IllegalArgumentException("utterance " + id + ": " + (mfcc == null ? "no" : mfcc.length)
                    + " MFCC values do not form " + frames + " frames (at least one frame is needed)");
        }
        if (text == null
                || words < 0
                || (words == 0 ? text.length != 0 : text.length == 0 || text.length % words != 0)) {
            throw new IllegalArgumentException("utterance " + id + ": " + (text == null ? "no" : text.length)
                    + " text values do not form " + words + " word vectors");
        }
        this.id = id;
        this.label = label;
        this.mfcc = mfcc;
        this.frames = frames;
        this.text = text;
        this.words = words;
    }

    /** Values per MFCC frame. */
    public int audioDim() {
        return mfcc.length / frames;
    }

    /** Values per word vector, or 0 when there are no words. */
    public int textDim() {
        return words == 0 ? 0 : text.length / words;
    }

    @Override
    public String toString() {
        return "Example{" + id + ", label=" + label + ", frames=" + frames + ", words=" + words + "}";
    }
}
