package org.mcsan.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prosodic statistics of one decoded utterance: overall level, median F0 of voiced frames (normalised
 * autocorrelation) and zero-crossing rate of the active frames.
 */
final class AudioStats {

    private static final int FRAME = 512; // 32 ms at 16 kHz
    private static final int HOP = 256;

    /** RMS of the whole file in dBFS. */
    final double levelDb;
    /** Median F0 over voiced frames in Hz (NaN if no frame is voiced). */
    final double f0;
    /** Zero crossings per sample over frames within 20 dB of the loudest frame. */
    final double zeroCrossingRate;

    private AudioStats(double levelDb, double f0, double zeroCrossingRate) {
        this.levelDb = levelDb;
        this.f0 = f0;
        this.zeroCrossingRate = zeroCrossingRate;
    }

    static AudioStats of(TestWav wav) {
        float[] x = wav.samples;
        double energy = 0;
        for (float sample : x) {
            energy += sample * sample;
        }
        double levelDb = 10 * Math.log10(energy / x.length + 1e-20);

        int frames = (x.length - FRAME) / HOP + 1;
        double[] frameRms = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * HOP; i < f * HOP + FRAME; i++) {
                sum += x[i] * x[i];
            }
            frameRms[f] = Math.sqrt(sum / FRAME);
            loudest = Math.max(loudest, frameRms[f]);
        }
        List<Double> pitches = new ArrayList<>();
        long crossings = 0, activeSamples = 0;
        for (int f = 0; f < frames; f++) {
            if (frameRms[f] < 0.1 * loudest) {
                continue;
            }
            int start = f * HOP;
            for (int i = start + 1; i < start + FRAME; i++) {
                if ((x[i - 1] >= 0) != (x[i] >= 0)) {
                    crossings++;
                }
            }
            activeSamples += FRAME - 1;
            // Pitch on every other frame (frames overlap by half): as good a median at half the cost.
            double pitch = f % 2 == 0 ? autocorrelationPitch(x, start, wav.sampleRate) : Double.NaN;
            if (!Double.isNaN(pitch)) {
                pitches.add(pitch);
            }
        }
        Collections.sort(pitches);
        double f0 = pitches.isEmpty() ? Double.NaN : pitches.get(pitches.size() / 2);
        return new AudioStats(levelDb, f0, crossings / (double) Math.max(1, activeSamples));
    }

    /**
     * F0 of one frame from the normalised autocorrelation over lags for 70-500 Hz: the shortest lag whose
     * correlation is within 10 % of the best (avoids octave-down errors); NaN if the best is below 0.5 (unvoiced).
     */
    private static double autocorrelationPitch(float[] x, int start, int sampleRate) {
        int minLag = sampleRate / 500;
        int maxLag = sampleRate / 70;
        int window = FRAME - maxLag;
        double[] correlation = new double[maxLag + 1];
        double best = 0;
        for (int lag = minLag; lag <= maxLag; lag++) {
            double cross = 0, energyA = 0, energyB = 0;
            for (int i = start; i < start + window; i++) {
                cross += x[i] * x[i + lag];
                energyA += x[i] * x[i];
                energyB += x[i + lag] * x[i + lag];
            }
            correlation[lag] = cross / Math.sqrt(energyA * energyB + 1e-20);
            best = Math.max(best, correlation[lag]);
        }
        if (best < 0.5) {
            return Double.NaN;
        }
        for (int lag = minLag + 1; lag < maxLag; lag++) {
            boolean peak = correlation[lag] >= correlation[lag - 1] && correlation[lag] >= correlation[lag + 1];
            if (peak && correlation[lag] >= 0.9 * best) {
                return sampleRate / (double) lag;
            }
        }
        return Double.NaN;
    }
}
