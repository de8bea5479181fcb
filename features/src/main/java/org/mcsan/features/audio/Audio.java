package org.mcsan.features.audio;

import java.util.Locale;
import java.util.Optional;

/**
 * Decoded audio: mono samples (source channels averaged) as floats, integer PCM scaled into [-1, 1].
 * Float sources keep their values as stored, so they may lie outside [-1, 1] or be NaN / infinite;
 * {@link #checkFinite()} finds the latter.
 *
 * <p>The sample array is shared, not copied (decoding is on the hot path of the feature job):
 * callers must not modify it.
 */
public final class Audio {
    private final float[] samples;
    private final int sampleRate;
    private final int channels;
    private final int bitsPerSample;
    private final String encoding;

    public Audio(float[] samples, int sampleRate, int channels, int bitsPerSample, String encoding) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.bitsPerSample = bitsPerSample;
        this.encoding = encoding;
    }

    /** Mono samples; not a copy, do not modify. */
    public float[] samples() {
        return samples;
    }

    public int numSamples() {
        return samples.length;
    }

    /** Sample rate of the source, in Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Number of channels in the source (the samples are their average). */
    public int channels() {
        return channels;
    }

    /** Bits per sample of the source container (e.g. 16, 24, 32, 64). */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** Source encoding, e.g. "PCM 16-bit" or "IEEE float 32-bit". */
    public String encoding() {
        return encoding;
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /**
     * Empty when every sample is finite; otherwise a reason fit for a "rejected" table, e.g.
     * "16000 of 16000 samples are NaN or infinite (first at sample 0, 0.000 s)". Features of such
     * audio would be NaN throughout, so the feature job rejects it.
     */
    public Optional<String> checkFinite() {
        int count = 0;
        int first = -1;
        for (int i = 0; i < samples.length; i++) {
            float v = samples[i];
            if (v - v != 0f) { // NaN - NaN and Inf - Inf are NaN; finite - itself is 0
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (count == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "%d of %d samples are NaN or infinite (first at sample %d, %.3f s)",
                count,
                samples.length,
                first,
                first / (double) sampleRate));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "Audio[%d samples, %d Hz, %d ch, %s, %.3f s]",
                samples.length,
                sampleRate,
                channels,
                encoding,
                durationSeconds());
    }
}
