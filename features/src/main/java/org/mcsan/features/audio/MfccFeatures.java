package org.mcsan.features.audio;

/**
 * MFCC of one utterance: {@code numFrames × numCoefficients} values flattened row-major (frame by
 * frame), at most {@code max-frames} frames, and the number of frames before that truncation.
 */
public final class MfccFeatures {
    private final float[] values;
    private final int numFrames;
    private final int origFrames;
    private final int numCoefficients;

    public MfccFeatures(float[] values, int numFrames, int origFrames, int numCoefficients) {
        if (values.length != numFrames * numCoefficients) {
            throw new IllegalArgumentException(
                    values.length + " values for " + numFrames + " frames × " + numCoefficients + " coefficients");
        }
        if (origFrames < numFrames) {
            throw new IllegalArgumentException("original frame count " + origFrames + " below kept count " + numFrames);
        }
        this.values = values;
        this.numFrames = numFrames;
        this.origFrames = origFrames;
        this.numCoefficients = numCoefficients;
    }

    /** Row-major frames × coefficients; not a copy, do not modify. */
    public float[] values() {
        return values;
    }

    /** Frames kept (≤ max-frames). */
    public int numFrames() {
        return numFrames;
    }

    /** Frames the whole signal has, before truncation to max-frames. */
    public int origFrames() {
        return origFrames;
    }

    public int numCoefficients() {
        return numCoefficients;
    }

    /** Coefficient {@code c} of frame {@code frame}. */
    public float get(int frame, int c) {
        return values[frame * numCoefficients + c];
    }
}
