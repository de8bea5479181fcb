package org.mcsan.model;

import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.utils.Table;
import java.util.Collections;
import java.util.List;

/**
 * Padded network inputs for a list of examples (made by {@link Batcher}). The data live in plain
 * arrays; every call to {@link #inputs} wraps them in fresh tensors, so a batch stays usable even
 * after BigDL clears a network's cached activations (which {@code saveModule} does).
 */
public final class Batch {
    private final List<Example> examples;
    /** [B, audioSteps, audioDim] normalised MFCC, zero-padded; null when the variant has no audio. */
    final float[] audio;

    final int audioSteps;
    final int audioDim;
    /** [B, 4]: steps after conv1, pool1, conv2, pool2 for each utterance. */
    final float[] audioLengths;
    /** [B]: frames each utterance occupies (its frames, at least the minimum the encoder needs). */
    final int[] audioFrames;
    /** [B, textSteps, textDim] word vectors, zero-padded; null when the variant has no text. */
    final float[] text;

    final int textSteps;
    final int textDim;
    /** [B]: words per transcript (at least 1: an empty transcript is one zero vector). */
    final float[] textLengths;

    Batch(
            List<Example> examples,
            float[] audio,
            int audioSteps,
            int audioDim,
            float[] audioLengths,
            int[] audioFrames,
            float[] text,
            int textSteps,
            int textDim,
            float[] textLengths) {
        this.examples = Collections.unmodifiableList(examples);
        this.audio = audio;
        this.audioSteps = audioSteps;
        this.audioDim = audioDim;
        this.audioLengths = audioLengths;
        this.audioFrames = audioFrames;
        this.text = text;
        this.textSteps = textSteps;
        this.textDim = textDim;
        this.textLengths = textLengths;
    }

    public int size() {
        return examples.size();
    }

    public List<Example> examples() {
        return examples;
    }

    /** Padded audio steps (frames) of this batch, 0 without audio. */
    public int audioSteps() {
        return audioSteps;
    }

    /** Padded text steps (words) of this batch, 0 without text. */
    public int textSteps() {
        return textSteps;
    }

    /** The network's input table for {@code variant} (see {@link McsanNetwork} for the layout). */
    public Table inputs(Variant variant) {
        Table t = Bigdl.table();
        int b = size();
        if (variant.usesAudio()) {
            if (audio == null) {
                throw new IllegalStateException(
                        "this batch was made without audio, the " + variant.key() + " variant needs it");
            }
            t.insert(Bigdl.tensor(audio, b, audioSteps, audioDim));
            t.insert(Bigdl.tensor(audioLengths, b, 4));
        }
        if (variant.usesText()) {
            if (text == null) {
                throw new IllegalStateException(
                        "this batch was made without text, the " + variant.key() + " variant needs it");
            }
            t.insert(Bigdl.tensor(text, b, textSteps, textDim));
            t.insert(Bigdl.tensor(textLengths, b));
        }
        return t;
    }

    /**
     * Examples {@code from} (inclusive) to {@code to} (exclusive) as a batch of their own, padded
     * only to their own longest sequences. Its inputs are the corresponding rows of this batch's.
     */
    public Batch slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("cannot slice [" + from + ", " + to + ") out of a batch of " + size());
        }
        int n = to - from;
        float[] a = null;
        float[] aLengths = null;
        int[] aFrames = null;
        int aSteps = 0;
        if (audio != null) {
            for (int i = from; i < to; i++) {
                aSteps = Math.max(aSteps, audioFrames[i]);
            }
            a = new float[n * aSteps * audioDim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(
                        audio, (from + i) * audioSteps * audioDim, a, i * aSteps * audioDim, aSteps * audioDim);
            }
            aLengths = java.util.Arrays.copyOfRange(audioLengths, from * 4, to * 4);
            aFrames = java.util.Arrays.copyOfRange(audioFrames, from, to);
        }
        float[] t = null;
        float[] tLengths = null;
        int tSteps = 0;
        if (text != null) {
            for (int i = from; i < to; i++) {
                tSteps = Math.max(tSteps, (int) textLengths[i]);
            }
            t = new float[n * tSteps * textDim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(text, (from + i) * textSteps * textDim, t, i * tSteps * textDim, tSteps * textDim);
            }
            tLengths = java.util.Arrays.copyOfRange(textLengths, from, to);
        }
        return new Batch(
                new java.util.ArrayList<>(examples.subList(from, to)),
                a,
                aSteps,
                audioDim,
                aLengths,
                aFrames,
                t,
                tSteps,
                textDim,
                tLengths);
    }

    /** Class indices as BigDL's 1-based float targets [B]; every example must be labelled. */
    public Tensor<Object> targets() {
        float[] y = new float[size()];
        for (int i = 0; i < y.length; i++) {
            Example e = examples.get(i);
            if (e.label == Example.UNLABELLED) {
                throw new IllegalStateException("utterance " + e.id + " has no label");
            }
            y[i] = e.label + 1;
        }
        return Bigdl.tensor(y, y.length);
    }
}
