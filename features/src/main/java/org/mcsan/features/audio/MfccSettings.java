package org.mcsan.features.audio;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.util.Locale;

/**
 * Settings of the {@code mcsan.features.mfcc} section; {@link Mfcc} states the definition they parameterise.
 * Lengths are in samples, frequencies in Hz. {@link #from(Config)} checks the constraints between keys and names
 * the offending key.
 */
public final class MfccSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Periodic analysis windows (period = window length, as for spectral analysis). */
    public enum Window {
        HAMMING,
        HANN,
        RECTANGULAR
    }

    private final int sampleRate;
    private final int windowLength;
    private final int hopLength;
    private final int fftSize;
    private final int numMelFilters;
    private final double lowFrequency;
    private final double highFrequency;
    private final int numCoefficients;
    private final double logOffset;
    private final Window window;
    private final int maxFrames;

    private MfccSettings(
            int sampleRate,
            int windowLength,
            int hopLength,
            int fftSize,
            int numMelFilters,
            double lowFrequency,
            double highFrequency,
            int numCoefficients,
            double logOffset,
            Window window,
            int maxFrames) {
        this.sampleRate = sampleRate;
        this.windowLength = windowLength;
        this.hopLength = hopLength;
        this.fftSize = fftSize;
        this.numMelFilters = numMelFilters;
        this.lowFrequency = lowFrequency;
        this.highFrequency = highFrequency;
        this.numCoefficients = numCoefficients;
        this.logOffset = logOffset;
        this.window = window;
        this.maxFrames = maxFrames;
    }

    /** Reads the {@code mcsan.features.mfcc} section. */
    public static MfccSettings from(Config section) {
        int sampleRate = section.getInt("sample-rate");
        int windowLength = section.getInt("window-length");
        int hopLength = section.getInt("hop-length");
        int fftSize = section.getInt("fft-size");
        int numMelFilters = section.getInt("num-mel-filters");
        double lowFrequency = section.getDouble("low-frequency");
        double highFrequency = section.getDouble("high-frequency");
        int numCoefficients = section.getInt("num-coefficients");
        double logOffset = section.getDouble("log-offset");
        String windowName = section.getString("window");
        int maxFrames = section.getInt("max-frames");

        require(section, sampleRate > 0, "sample-rate", "must be positive, got " + sampleRate);
        require(section, windowLength >= 2, "window-length", "must be at least 2 samples, got " + windowLength);
        require(section, hopLength >= 1, "hop-length", "must be at least 1 sample, got " + hopLength);
        require(
                section,
                fftSize >= windowLength && fftSize % 2 == 0,
                "fft-size",
                "must be even and at least window-length (" + windowLength + "), got " + fftSize);
        require(section, numMelFilters >= 1, "num-mel-filters", "must be at least 1, got " + numMelFilters);
        require(section, lowFrequency >= 0, "low-frequency", "must be at least 0 Hz, got " + lowFrequency);
        require(
                section,
                highFrequency > lowFrequency && highFrequency <= sampleRate / 2.0,
                "high-frequency",
                String.format(
                        Locale.ROOT,
                        "must be above low-frequency (%s Hz) and at most half the sample rate " + "(%s Hz), got %s",
                        lowFrequency,
                        sampleRate / 2.0,
                        highFrequency));
        require(
                section,
                numCoefficients >= 1 && numCoefficients <= numMelFilters,
                "num-coefficients",
                "must be between 1 and num-mel-filters (" + numMelFilters + "), got " + numCoefficients);
        require(section, logOffset > 0, "log-offset", "must be positive, got " + logOffset);
        require(section, maxFrames >= 1, "max-frames", "must be at least 1, got " + maxFrames);
        Window window;
        try {
            window = Window.valueOf(windowName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(
                    section.origin(), "window", "must be one of hamming, hann, rectangular, got '" + windowName + "'");
        }
        return new MfccSettings(
                sampleRate,
                windowLength,
                hopLength,
                fftSize,
                numMelFilters,
                lowFrequency,
                highFrequency,
                numCoefficients,
                logOffset,
                window,
                maxFrames);
    }

    private static void require(Config section, boolean ok, String key, String message) {
        if (!ok) {
            throw new ConfigException.BadValue(section.origin(), key, message);
        }
    }

    /** Rate the input samples must have, in Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Samples per analysis frame. */
    public int windowLength() {
        return windowLength;
    }

    /** Samples between the starts of consecutive frames. */
    public int hopLength() {
        return hopLength;
    }

    /** Real FFT length; each windowed frame is zero-padded to it. */
    public int fftSize() {
        return fftSize;
    }

    public int numMelFilters() {
        return numMelFilters;
    }

    /** Lower edge of the lowest mel filter, in Hz. */
    public double lowFrequency() {
        return lowFrequency;
    }

    /** Upper edge of the highest mel filter, in Hz. */
    public double highFrequency() {
        return highFrequency;
    }

    public int numCoefficients() {
        return numCoefficients;
    }

    /** Added to each mel energy before the natural log. */
    public double logOffset() {
        return logOffset;
    }

    public Window window() {
        return window;
    }

    /** Frames kept per utterance; later frames are dropped. */
    public int maxFrames() {
        return maxFrames;
    }

    @Override
    public String toString() {
        return "MfccSettings[sample-rate=" + sampleRate + ", window-length=" + windowLength
                + ", hop-length=" + hopLength + ", fft-size=" + fftSize + ", num-mel-filters=" + numMelFilters
                + ", low-frequency=" + lowFrequency + ", high-frequency=" + highFrequency
                + ", num-coefficients=" + numCoefficients + ", log-offset=" + logOffset
                + ", window=" + window.name().toLowerCase(Locale.ROOT) + ", max-frames=" + maxFrames + "]";
    }
}
