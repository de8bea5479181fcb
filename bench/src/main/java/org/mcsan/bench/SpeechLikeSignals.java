package org.mcsan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic speech-like audio for benchmarks: syllables of a sawtooth voice source at a gliding,
 * slightly wavering pitch, shaped by three formant resonators that move between vowel targets, separated by
 * gaps of near-silence or fricative noise, with occasional longer pauses. It is not intelligible, but it
 * has the spectral and temporal structure of speech (harmonics, formants, onsets, silences), so the code
 * under test sees realistic data.
 */
public final class SpeechLikeSignals {
    /** F1, F2, F3 in Hz of some vowels (adult male averages). */
    private static final double[][] VOWELS = {
        {730, 1090, 2440},
        {270, 2290, 3010},
        {300, 870, 2240},
        {530, 1840, 2480},
        {570, 840, 2410},
        {660, 1720, 2410},
        {440, 1020, 2240}
    };

    private static final double[] BANDWIDTHS_HZ = {80, 110, 150};
    /** Formant resonators are recomputed every this many samples (their targets move slowly). */
    private static final int COEFFICIENT_STEP = 32;

    private static final double PEAK = 0.7;

    private SpeechLikeSignals() {}

    /**
     * {@code count} utterances with durations drawn log-uniformly between {@code minSeconds} and
     * {@code maxSeconds} (short utterances are more common than long ones, as in speech corpora).
     */
    public static List<float[]> corpus(int count, double minSeconds, double maxSeconds, int sampleRate, long seed) {
        if (count < 1 || minSeconds <= 0 || maxSeconds < minSeconds || sampleRate < 1) {
            throw new IllegalArgumentException("need count >= 1, 0 < minSeconds <= maxSeconds and a positive rate; got "
                    + count + ", " + minSeconds + ", " + maxSeconds + ", " + sampleRate);
        }
        Random random = new Random(seed);
        List<float[]> corpus = new ArrayList<>(count);
        double logMin = Math.log(minSeconds);
        double logMax = Math.log(maxSeconds);
        for (int i = 0; i < count; i++) {
            double seconds = Math.exp(logMin + (logMax - logMin) * random.nextDouble());
            corpus.add(utterance((int) Math.round(seconds * sampleRate), sampleRate, random));
        }
        return corpus;
    }

    /** One utterance of {@code numSamples} samples, peak-normalised to 0.7. */
    static float[] utterance(int numSamples, int sampleRate, Random random) {
        float[] voicing = new float[numSamples];
        float[] frication = new float[numSamples];
        int[] vowelAt = new int[numSamples];
        layOutSyllables(voicing, frication, vowelAt, sampleRate, random);

        double f0Start = 90 + 150 * random.nextDouble();
        double f0End = f0Start * (0.75 + 0.5 * random.nextDouble());
        double wobbleHz = 3 + 3 * random.nextDouble();
        double[] formants = VOWELS[vowelAt[0]].clone();
        double formantSmoothing = 1 - Math.exp(-COEFFICIENT_STEP / (0.03 * sampleRate)); // 30 ms time constant
        double[] a1 = new double[3];
        double[] a2 = new double[3];
        double[] y1 = new double[3];
        double[] y2 = new double[3];
        double phase = 0;
        double previousNoise = 0;
        double[] out = new double[numSamples];
        double peak = 0;
        for (int i = 0; i < numSamples; i++) {
            if (i % COEFFICIENT_STEP == 0) {
                double[] target = VOWELS[vowelAt[i]];
                for (int f = 0; f < 3; f++) {
                    formants[f] += formantSmoothing * (target[f] - formants[f]);
                    double r = Math.exp(-Math.PI * BANDWIDTHS_HZ[f] / sampleRate);
                    a1[f] = 2 * r * Math.cos(2 * Math.PI * formants[f] / sampleRate);
                    a2[f] = -r * r;
                }
            }
            double progress = i / (double) numSamples;
            double f0 = (f0Start + (f0End - f0Start) * progress)
                    * (1 + 0.03 * Math.sin(2 * Math.PI * wobbleHz * i / sampleRate));
            phase += f0 / sampleRate;
            phase -= Math.floor(phase);
            double noise = 2 * random.nextDouble() - 1;
            double x = voicing[i] * (2 * phase - 1 + 0.05 * noise);
            for (int f = 0; f < 3; f++) {
                // Klatt's resonator: gain 1 - a1 - a2 gives unit gain at 0 Hz and the formant peak above it.
                double y = (1 - a1[f] - a2[f]) * x + a1[f] * y1[f] + a2[f] * y2[f];
                y2[f] = y1[f];
                y1[f] = y;
                x = y;
            }
            // Fricatives: high-passed (first difference of) noise outside the formants; a faint noise floor.
            double sample = x + frication[i] * 0.05 * (noise - previousNoise) + 1e-4 * noise;
            previousNoise = noise;
            out[i] = sample;
            peak = Math.max(peak, Math.abs(sample));
        }
        float[] samples = new float[numSamples];
        double gain = peak > 0 ? PEAK / peak : 0;
        for (int i = 0; i < numSamples; i++) {
            samples[i] = (float) (out[i] * gain);
        }
        return samples;
    }

    /**
     * Fills the voicing and frication envelopes (0..1, 10 ms raised-cosine ramps) and the vowel of each sample:
     * syllables of 120–320 ms, gaps of 30–150 ms (a third of them fricative), now and then a 250–500 ms pause.
     */
    private static void layOutSyllables(
            float[] voicing, float[] frication, int[] vowelAt, int sampleRate, Random random) {
        int n = voicing.length;
        int ramp = Math.max(1, sampleRate / 100);
        int vowel = random.nextInt(VOWELS.length);
        int pos = (int) (0.05 * sampleRate * random.nextDouble());
        while (pos < n) {
            int syllable = (int) ((0.12 + 0.2 * random.nextDouble()) * sampleRate);
            fillEnvelope(voicing, pos, Math.min(n, pos + syllable), ramp);
            for (int i = pos; i < Math.min(n, pos + syllable); i++) {
                vowelAt[i] = vowel;
            }
            pos += syllable;
            vowel = random.nextInt(VOWELS.length);
            boolean pause = random.nextDouble() < 0.1;
            int gap = (int)
                    ((pause ? 0.25 + 0.25 * random.nextDouble() : 0.03 + 0.12 * random.nextDouble()) * sampleRate);
            if (!pause && random.nextDouble() < 1.0 / 3) {
                fillEnvelope(frication, pos, Math.min(n, pos + gap), ramp);
            }
            for (int i = pos; i < Math.min(n, pos + gap); i++) {
                vowelAt[i] = vowel; // the next syllable's formants are approached during the gap
            }
            pos += gap;
        }
    }

    private static void fillEnvelope(float[] envelope, int start, int end, int ramp) {
        for (int i = start; i < end; i++) {
            int edge = Math.min(i - start, end - 1 - i);
            envelope[i] = edge >= ramp ? 1f : (float) (0.5 - 0.5 * Math.cos(Math.PI * edge / ramp));
        }
    }
}
