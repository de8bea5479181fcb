package org.mcsan.model;

/**
 * How many time steps the audio encoder's four stages (convolution, pooling, convolution,
 * pooling) produce from a number of frames: written once here, used for the masks of every
 * batch, and tested against the layers' actual output sizes.
 */
public final class AudioLengths {
    private final int convKernel;
    private final int convStride;
    private final int convPadding;
    private final int poolKernel;
    private final int poolStride;

    public AudioLengths(ModelSettings s) {
        this(s.convKernel, s.convStride, s.convPadding, s.poolKernel, s.poolStride);
    }

    public AudioLengths(int convKernel, int convStride, int convPadding, int poolKernel, int poolStride) {
        this.convKernel = convKernel;
        this.convStride = convStride;
        this.convPadding = convPadding;
        this.poolKernel = poolKernel;
        this.poolStride = poolStride;
    }

    /** Output steps of a convolution with zero padding {@code pad} at both ends (0 if the input is too short). */
    public static int convolved(int steps, int kernel, int stride, int pad) {
        int padded = steps + 2 * pad;
        return padded < kernel ? 0 : (padded - kernel) / stride + 1;
    }

    /** Output steps of an unpadded max pooling in floor mode (0 if the input is too short). */
    public static int pooled(int steps, int kernel, int stride) {
        return steps < kernel ? 0 : (steps - kernel) / stride + 1;
    }

    /** Steps after each stage: {conv1, pool1, conv2, pool2}. */
    public int[] stages(int frames) {
        int conv1 = convolved(frames, convKernel, convStride, convPadding);
        int pool1 = pooled(conv1, poolKernel, poolStride);
        int conv2 = convolved(pool1, convKernel, convStride, convPadding);
        int pool2 = pooled(conv2, poolKernel, poolStride);
        return new int[] {conv1, pool1, conv2, pool2};
    }

    /** Steps the audio encoder outputs for {@code frames} input frames. */
    public int encoded(int frames) {
        return stages(frames)[3];
    }

    /**
     * The fewest frames for which every stage yields at least one step. Shorter audio is extended
     * with zero (= mean, after normalisation) frames to this length, alone or in a batch alike.
     */
    public int minimumFrames() {
        int frames = 1;
        while (encoded(frames) < 1) {
            frames++;
        }
        return frames;
    }
}
