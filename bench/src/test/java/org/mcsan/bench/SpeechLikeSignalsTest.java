package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechLikeSignalsTest {
    private static final int RATE = 16000;
    private static final List<float[]> CORPUS = SpeechLikeSignals.corpus(32, 1.0, 15.0, RATE, 42);

    @Test
    void durationsSpreadOverTheRequestedRangeLikeUtterances() {
        assertEquals(32, CORPUS.size());
        int shortOnes = 0;
        int longOnes = 0;
        double total = 0;
        for (float[] u : CORPUS) {
            double seconds = u.length / (double) RATE;
            assertTrue(seconds >= 1.0 - 1e-4 && seconds <= 15.0 + 1e-4, "duration " + seconds);
            shortOnes += seconds < 3 ? 1 : 0;
            longOnes += seconds > 8 ? 1 : 0;
            total += seconds;
        }
        // log-uniform on [1, 15]: 41 % below 3 s, 23 % above 8 s, mean 5.2 s
        assertTrue(shortOnes >= 5 && longOnes >= 3, shortOnes + " short, " + longOnes + " long");
        double mean = total / CORPUS.size();
        assertTrue(mean > 3.5 && mean < 7.5, "mean duration " + mean);
    }

    @Test
    void sameSeedSameAudioOtherSeedOtherAudio() {
        List<float[]> again = SpeechLikeSignals.corpus(3, 1.0, 15.0, RATE, 42);
        for (int i = 0; i < again.size(); i++) {
            assertArrayEquals(CORPUS.get(i), again.get(i));
        }
        assertFalse(Arrays.equals(
                CORPUS.get(0), SpeechLikeSignals.corpus(1, 1.0, 15.0, RATE, 43).get(0)));
    }

    @Test
    void peakNormalisedAndFinite() {
        for (float[] u : CORPUS) {
            float peak = 0;
            for (float v : u) {
                assertTrue(Float.isFinite(v));
                peak = Math.max(peak, Math.abs(v));
            }
            assertEquals(0.7f, peak, 1e-6f);
        }
    }

    @Test
    void hasSyllablesAndSilences() {
        float[] u = longest();
        double[] rms = frameRms(u, 400);
        double max = 0;
        for (double r : rms) {
            max = Math.max(max, r);
        }
        int quiet = 0;
        int loud = 0;
        for (double r : rms) {
            quiet += r < 0.01 * max ? 1 : 0;
            loud += r > 0.1 * max ? 1 : 0;
        }
        assertTrue(quiet > rms.length / 20, quiet + " quiet frames of " + rms.length);
        assertTrue(loud > rms.length * 3 / 10, loud + " loud frames of " + rms.length);
    }

    @Test
    void voicedFramesArePeriodicAtAVoicePitch() {
        float[] u = longest();
        double[] rms = frameRms(u, 640);
        int loudest = 0;
        for (int f = 1; f < rms.length; f++) {
            if (rms[f] > rms[loudest]) {
                loudest = f;
            }
        }
        int start = loudest * 640;
        double best = 0;
        for (int lag = RATE / 400; lag <= RATE / 60; lag++) { // pitch between 60 and 400 Hz
            double xy = 0;
            double xx = 0;
            double yy = 0;
            for (int i = start; i < start + 640 && i + lag < u.length; i++) {
                xy += u[i] * u[i + lag];
                xx += u[i] * u[i];
                yy += u[i + lag] * u[i + lag];
            }
            best = Math.max(best, xy / Math.sqrt(xx * yy));
        }
        assertTrue(best > 0.6, "normalised autocorrelation at the best pitch lag: " + best);
    }

    private static float[] longest() {
        float[] longest = CORPUS.get(0);
        for (float[] u : CORPUS) {
            longest = u.length > longest.length ? u : longest;
        }
        return longest;
    }

    private static double[] frameRms(float[] u, int frame) {
        double[] rms = new double[u.length / frame];
        for (int f = 0; f < rms.length; f++) {
            double sum = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                sum += u[i] * u[i];
            }
            rms[f] = Math.sqrt(sum / frame);
        }
        return rms;
    }
}
