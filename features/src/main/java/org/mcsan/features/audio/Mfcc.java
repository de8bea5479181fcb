package org.mcsan.features.audio;

import java.util.Arrays;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * Mel-frequency cepstral coefficients, defined as follows: frames of {@code window-length} samples
 * every {@code hop-length} samples without centring (the last partial frame dropped), a periodic window,
 * zero padding to {@code fft-size}, power spectrum |X|², triangular HTK-mel filters (mel = 2595 ·
 * log10(1 + f/700)) between {@code low-frequency} and {@code high-frequency} evaluated at the FFT bin
 * frequencies without area normalisation, natural log of (energy + {@code log-offset}), orthonormal
 * DCT-II, first {@code num-coefficients} kept. With the defaults this is frame for frame torchaudio's
 * {@code MFCC(n_mfcc=40, log_mels=True, melkwargs={n_fft: 512, win_length: 400, hop_length: 160,
 * n_mels: 40, mel_scale: 'htk', window_fn: hamming_window, center: False})}.
 *
 * <p>The window, the filterbank (as one contiguous bin range per filter) and the DCT matrix are built
 * once per instance. Instances are immutable and thread-safe: each call allocates its own small work
 * buffers (one FFT frame and one mel vector) and nothing per frame.
 */
public final class Mfcc {
    private final MfccSettings settings;
    private final FloatFFT_1D fft;
    private final float[] window;
    /** First FFT bin of each mel filter. */
    private final int[] filterStart;
    /** Weights of filter m for bins filterStart[m] …, stored from filterOffset[m] to filterOffset[m + 1]. */
    private final int[] filterOffset;

    private final float[] filterWeights;
    /** numCoefficients × numMelFilters, row-major. */
    private final double[] dct;

    public Mfcc(MfccSettings settings) {
        this.settings = settings;
        this.fft = new FloatFFT_1D(settings.fftSize());
        this.window = periodicWindow(settings.window(), settings.windowLength());
        int numMels = settings.numMelFilters();
        float[][] bank = melFilterbank(settings);
        this.filterStart = new int[numMels];
        this.filterOffset = new int[numMels + 1];
        float[] weights = new float[numMels * bank[0].length];
        int used = 0;
        for (int m = 0; m < numMels; m++) {
            int first = 0;
            while (first < bank[m].length && bank[m][first] == 0f) {
                first++;
            }
            int last = bank[m].length - 1;
            while (last >= first && bank[m][last] == 0f) {
                last--;
            }
            filterStart[m] = first;
            filterOffset[m] = used;
            for (int k = first; k <= last; k++) {
                weights[used++] = bank[m][k];
            }
        }
        filterOffset[numMels] = used;
        this.filterWeights = Arrays.copyOf(weights, used);
        this.dct = orthonormalDct(settings.numCoefficients(), numMels);
    }

    public MfccSettings settings() {
        return settings;
    }

    /** Frames a signal of {@code numSamples} samples has: 0 if shorter than a window, else 1 + (n − win) / hop. */
    public int frameCount(int numSamples) {
        if (numSamples < settings.windowLength()) {
            return 0;
        }
        return 1 + (numSamples - settings.windowLength()) / settings.hopLength();
    }

    /**
     * MFCC of {@code samples} (mono, at {@code sample-rate}); only the first {@code max-frames} frames are
     * computed, {@link MfccFeatures#origFrames()} reports how many the signal has.
     */
    public MfccFeatures compute(float[] samples) {
        int origFrames = frameCount(samples.length);
        int frames = Math.min(origFrames, settings.maxFrames());
        int numCoefficients = settings.numCoefficients();
        int numMels = settings.numMelFilters();
        float[] out = new float[frames * numCoefficients];
        float[] frameBuffer = new float[settings.fftSize()];
        double[] logMel = new double[numMels];
        for (int t = 0; t < frames; t++) {
            logMelFrame(samples, t * settings.hopLength(), frameBuffer, logMel);
            int outAt = t * numCoefficients;
            for (int c = 0; c < numCoefficients; c++) {
                int row = c * numMels;
                double sum = 0;
                for (int m = 0; m < numMels; m++) {
                    sum += dct[row + m] * logMel[m];
                }
                out[outAt + c] = (float) sum;
            }
        }
        return new MfccFeatures(out, frames, origFrames, numCoefficients);
    }

    /**
     * Log-mel energies (the step before the DCT): {@code min(frames, max-frames) × num-mel-filters},
     * row-major.
     */
    public float[] logMel(float[] samples) {
        int frames = Math.min(frameCount(samples.length), settings.maxFrames());
        int numMels = settings.numMelFilters();
        float[] out = new float[frames * numMels];
        float[] frameBuffer = new float[settings.fftSize()];
        double[] logMel = new double[numMels];
        for (int t = 0; t < frames; t++) {
            logMelFrame(samples, t * settings.hopLength(), frameBuffer, logMel);
            for (int m = 0; m < numMels; m++) {
                out[t * numMels + m] = (float) logMel[m];
            }
        }
        return out;
    }

    /** Windows the frame starting at {@code start}, transforms it and writes its log-mel energies. */
    private void logMelFrame(float[] samples, int start, float[] buffer, double[] logMel) {
        int windowLength = window.length;
        for (int i = 0; i < windowLength; i++) {
            buffer[i] = samples[start + i] * window[i];
        }
        Arrays.fill(buffer, windowLength, buffer.length, 0f);
        fft.realForward(buffer);
        // Packed layout of realForward (even n): [Re0, Re(n/2), Re1, Im1, Re2, Im2, …]. Turn it in place
        // into the power spectrum of bins 0 … n/2: step k reads slots 2k, 2k+1 and writes slot k, which
        // earlier steps have already read.
        int half = buffer.length / 2;
        float nyquist = buffer[1] * buffer[1];
        buffer[0] = buffer[0] * buffer[0];
        for (int k = 1; k < half; k++) {
            float re = buffer[2 * k];
            float im = buffer[2 * k + 1];
            buffer[k] = re * re + im * im;
        }
        buffer[half] = nyquist;
        for (int m = 0; m < logMel.length; m++) {
            int bin = filterStart[m];
            double energy = 0;
            for (int w = filterOffset[m], end = filterOffset[m + 1]; w < end; w++, bin++) {
                energy += filterWeights[w] * buffer[bin];
            }
            logMel[m] = Math.log(energy + settings.logOffset());
        }
    }

    /** Copy of the DCT matrix, numCoefficients rows of numMelFilters. */
    double[][] dctMatrix() {
        int numMels = settings.numMelFilters();
        double[][] matrix = new double[settings.numCoefficients()][];
        for (int c = 0; c < matrix.length; c++) {
            matrix[c] = Arrays.copyOfRange(dct, c * numMels, (c + 1) * numMels);
        }
        return matrix;
    }

    static float[] periodicWindow(MfccSettings.Window kind, int length) {
        float[] w = new float[length];
        for (int n = 0; n < length; n++) {
            double phase = 2 * Math.PI * n / length;
            switch (kind) {
                case HAMMING:
                    w[n] = (float) (0.54 - 0.46 * Math.cos(phase));
                    break;
                case HANN:
                    w[n] = (float) (0.5 - 0.5 * Math.cos(phase));
                    break;
                default:
                    w[n] = 1f;
                    break;
            }
        }
        return w;
    }

    static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /**
     * Dense filterbank, numMelFilters × (fftSize/2 + 1): filter m rises linearly from corner m to corner
     * m + 1 and falls to corner m + 2, corners equally spaced in mel between the low and high frequency.
     */
    static float[][] melFilterbank(MfccSettings s) {
        int numBins = s.fftSize() / 2 + 1;
        int numMels = s.numMelFilters();
        double lowMel = hzToMel(s.lowFrequency());
        double highMel = hzToMel(s.highFrequency());
        double[] corners = new double[numMels + 2];
        for (int i = 0; i < corners.length; i++) {
            corners[i] = melToHz(lowMel + (highMel - lowMel) * i / (numMels + 1));
        }
        float[][] bank = new float[numMels][numBins];
        for (int m = 0; m < numMels; m++) {
            double left = corners[m];
            double centre = corners[m + 1];
            double right = corners[m + 2];
            for (int k = 0; k < numBins; k++) {
                double f = k * (double) s.sampleRate() / s.fftSize();
                double rising = (f - left) / (centre - left);
                double falling = (right - f) / (right - centre);
                bank[m][k] = (float) Math.max(0.0, Math.min(rising, falling));
            }
        }
        return bank;
    }

    /** DCT-II with orthonormal scaling: rows c = 0 … numCoefficients-1 of the numMels-point transform. */
    static double[] orthonormalDct(int numCoefficients, int numMels) {
        double[] matrix = new double[numCoefficients * numMels];
        for (int c = 0; c < numCoefficients; c++) {
            double scale = Math.sqrt((c == 0 ? 1.0 : 2.0) / numMels);
            for (int m = 0; m < numMels; m++) {
                matrix[c * numMels + m] = scale * Math.cos(Math.PI / numMels * (m + 0.5) * c);
            }
        }
        return matrix;
    }
}
