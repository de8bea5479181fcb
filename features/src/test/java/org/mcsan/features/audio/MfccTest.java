package org.mcsan.features.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MfccTest {
    private static final Config DEFAULT_SECTION = ConfigFactory.load().getConfig("mcsan.features.mfcc");
    private static final Mfcc DEFAULT = new Mfcc(MfccSettings.from(DEFAULT_SECTION));

    private static MfccSettings settings(String overrides) {
        return MfccSettings.from(ConfigFactory.parseString(overrides).withFallback(DEFAULT_SECTION));
    }

    /** A deterministic mix of tones plus a little pseudo-random noise, so that every mel band has energy. */
    static float[] fixedSignal(int n) {
        float[] x = new float[n];
        long state = 12345;
        for (int i = 0; i < n; i++) {
            state = state * 6364136223846793005L + 1442695040888963407L;
            double noise = ((state >>> 11) / (double) (1L << 53)) * 2 - 1;
            double t = i / 16000.0;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * t)
                    + 0.2 * Math.sin(2 * Math.PI * 1250 * t + 0.3)
                    + 0.1 * Math.sin(2 * Math.PI * 3700 * t)
                    + 0.05 * Math.sin(2 * Math.PI * 6100 * t + 1.0)
                    + 0.02 * noise);
        }
        return x;
    }

    // ---- independent reference: the definition in Mfcc's class comment written out directly, in double precision ----

    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Centre frequency of mel filter m (0-based) of 40 over 0–8000 Hz. */
    private static double filterCentre(int m) {
        return hz(mel(8000) * (m + 1) / 41.0);
    }

    /** Log-mel energies per frame: naive DFT, direct triangular filters, natural log of (E + 1e-6). */
    private static double[][] referenceLogMel(float[] x) {
        int win = 400;
        int hop = 160;
        int nfft = 512;
        int frames = x.length < win ? 0 : 1 + (x.length - win) / hop;
        double[][] out = new double[frames][40];
        for (int t = 0; t < frames; t++) {
            double[] power = new double[nfft / 2 + 1];
            for (int k = 0; k <= nfft / 2; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < win; n++) {
                    double v = x[t * hop + n] * (0.54 - 0.46 * Math.cos(2 * Math.PI * n / win));
                    re += v * Math.cos(2 * Math.PI * k * n / nfft);
                    im -= v * Math.sin(2 * Math.PI * k * n / nfft);
                }
                power[k] = re * re + im * im;
            }
            for (int m = 0; m < 40; m++) {
                double left = filterCentre(m - 1); // corner 0 is 0 Hz
                double centre = filterCentre(m);
                double right = filterCentre(m + 1);
                double energy = 0;
                for (int k = 0; k <= nfft / 2; k++) {
                    double f = k * 16000.0 / nfft;
                    double weight = f <= left || f >= right
                            ? 0
                            : f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre);
                    energy += weight * power[k];
                }
                out[t][m] = Math.log(energy + 1e-6);
            }
        }
        return out;
    }

    /** Orthonormal DCT-II of each frame's log-mel energies. */
    private static double[][] referenceMfcc(double[][] logMel) {
        int numMels = 40;
        double[][] out = new double[logMel.length][40];
        for (int t = 0; t < logMel.length; t++) {
            for (int c = 0; c < 40; c++) {
                double sum = 0;
                for (int m = 0; m < numMels; m++) {
                    sum += logMel[t][m] * Math.cos(Math.PI * c * (2 * m + 1) / (2.0 * numMels));
                }
                out[t][c] = sum * (c == 0 ? Math.sqrt(1.0 / numMels) : Math.sqrt(2.0 / numMels));
            }
        }
        return out;
    }

    // ---- tests ----

    @Test
    void defaultsAreTheDocumentedMfccDefinition() {
        MfccSettings s = DEFAULT.settings();
        assertEquals(16000, s.sampleRate());
        assertEquals(400, s.windowLength());
        assertEquals(160, s.hopLength());
        assertEquals(512, s.fftSize());
        assertEquals(40, s.numMelFilters());
        assertEquals(0.0, s.lowFrequency());
        assertEquals(8000.0, s.highFrequency());
        assertEquals(40, s.numCoefficients());
        assertEquals(1e-6, s.logOffset());
        assertEquals(MfccSettings.Window.HAMMING, s.window());
        assertEquals(1000, s.maxFrames());
    }

    @Test
    void frameCountDropsTheLastPartialFrame() {
        assertEquals(0, DEFAULT.frameCount(0));
        assertEquals(0, DEFAULT.frameCount(399));
        assertEquals(1, DEFAULT.frameCount(400));
        assertEquals(1, DEFAULT.frameCount(559));
        assertEquals(2, DEFAULT.frameCount(560));
        assertEquals(98, DEFAULT.frameCount(16000)); // 1 + 15600 / 160 = 1 + 97
        assertEquals(1001, DEFAULT.frameCount(160400));

        MfccFeatures none = DEFAULT.compute(new float[399]);
        assertEquals(0, none.numFrames());
        assertEquals(0, none.origFrames());
        assertEquals(0, none.values().length);

        MfccFeatures some = DEFAULT.compute(fixedSignal(16000));
        assertEquals(98, some.numFrames());
        assertEquals(98, some.origFrames());
        assertEquals(98 * 40, some.values().length);
    }

    @Test
    void matchesAnIndependentDirectImplementation() {
        float[] x = fixedSignal(1200); // 6 frames
        double[][] expectedLogMel = referenceLogMel(x);
        double[][] expected = referenceMfcc(expectedLogMel);
        assertEquals(6, expected.length);

        float[] logMel = DEFAULT.logMel(x);
        MfccFeatures actual = DEFAULT.compute(x);
        assertEquals(6, actual.numFrames());
        assertEquals(6, actual.origFrames());
        assertEquals(40, actual.numCoefficients());
        double worstLogMel = 0;
        double worstMfcc = 0;
        for (int t = 0; t < 6; t++) {
            for (int i = 0; i < 40; i++) {
                worstLogMel = Math.max(worstLogMel, Math.abs(logMel[t * 40 + i] - expectedLogMel[t][i]));
                worstMfcc = Math.max(worstMfcc, Math.abs(actual.get(t, i) - expected[t][i]));
            }
        }
        assertTrue(worstLogMel < 1e-4, "log-mel deviates by " + worstLogMel);
        assertTrue(worstMfcc < 1e-4, "MFCC deviates by " + worstMfcc);
        // The values are not trivially small: c0 carries the overall log energy.
        assertTrue(Math.abs(expected[0][0]) > 1, "c0 = " + expected[0][0]);
    }

    @Test
    void silenceGivesTheLogOffset() {
        float[] logMel = DEFAULT.logMel(new float[800]);
        for (float v : logMel) {
            assertEquals(Math.log(1e-6), v, 1e-6);
        }
        // DCT of a constant vector: only c0 = sqrt(40) * log(1e-6).
        MfccFeatures mfcc = DEFAULT.compute(new float[800]);
        assertEquals(Math.sqrt(40) * Math.log(1e-6), mfcc.get(0, 0), 1e-4);
        for (int c = 1; c < 40; c++) {
            assertEquals(0, mfcc.get(0, c), 1e-4);
        }
    }

    @ParameterizedTest(name = "tone at the centre of mel filter {0}")
    @ValueSource(ints = {10, 20, 30, 38})
    void toneEnergyLandsInItsMelBand(int band) {
        double f = filterCentre(band);
        float[] x = new float[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * f * i / 16000));
        }
        float[] logMel = DEFAULT.logMel(x);
        int frames = logMel.length / 40;
        for (int t = 0; t < frames; t++) {
            int argmax = 0;
            for (int m = 1; m < 40; m++) {
                if (logMel[t * 40 + m] > logMel[t * 40 + argmax]) {
                    argmax = m;
                }
            }
            assertEquals(band, argmax, "frame " + t + " of a " + f + " Hz tone");
            // Bands three or more filters away only see window side lobes: at least 30 dB below.
            for (int m = 0; m < 40; m++) {
                if (Math.abs(m - band) >= 3) {
                    assertTrue(
                            logMel[t * 40 + band] - logMel[t * 40 + m] > Math.log(1e3),
                            "band " + m + " too close to band " + band);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} coefficients")
    @ValueSource(ints = {40, 13})
    void dctRowsAreOrthonormal(int numCoefficients) {
        double[][] d = new Mfcc(settings("num-coefficients = " + numCoefficients)).dctMatrix();
        assertEquals(numCoefficients, d.length);
        for (int i = 0; i < numCoefficients; i++) {
            assertEquals(40, d[i].length);
            for (int j = 0; j < numCoefficients; j++) {
                double dot = 0;
                for (int m = 0; m < 40; m++) {
                    dot += d[i][m] * d[j][m];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-12, "row " + i + " · row " + j);
            }
        }
    }

    @Test
    void truncationKeepsTheFirstFramesAndTheOriginalCount() {
        float[] x = fixedSignal(400 + 19 * 160); // 20 frames
        MfccFeatures full = DEFAULT.compute(x);
        MfccFeatures cut = new Mfcc(settings("max-frames = 5")).compute(x);
        assertEquals(20, full.numFrames());
        assertEquals(5, cut.numFrames());
        assertEquals(20, cut.origFrames());
        assertEquals(5 * 40, cut.values().length);
        for (int i = 0; i < cut.values().length; i++) {
            assertEquals(full.values()[i], cut.values()[i], 0f);
        }
        assertEquals(5 * 40, new Mfcc(settings("max-frames = 5")).logMel(x).length);
    }

    @Test
    void otherSettingsAreHonoured() {
        // 8 kHz, 200-sample window, 80 hop, 256-point FFT, 23 filters up to 3800 Hz, 13 coefficients.
        Mfcc small = new Mfcc(settings("sample-rate = 8000, window-length = 200, hop-length = 80, fft-size = 256,"
                + " num-mel-filters = 23, high-frequency = 3800, num-coefficients = 13"));
        MfccFeatures out = small.compute(fixedSignal(8000));
        assertEquals(1 + (8000 - 200) / 80, out.numFrames());
        assertEquals(13, out.numCoefficients());
        assertEquals(out.numFrames() * 23, small.logMel(fixedSignal(8000)).length);
        for (float v : out.values()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void sharedInstanceGivesTheSameResultOnManyThreads() throws Exception {
        float[] x = fixedSignal(48000);
        float[] expected = DEFAULT.compute(x).values();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?>[] futures = new Future<?>[8];
            for (int i = 0; i < futures.length; i++) {
                futures[i] = pool.submit(
                        () -> assertArrayEquals(expected, DEFAULT.compute(x).values()));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void inconsistentSettingsNameTheKey() {
        assertBad("fft-size = 256", "fft-size");
        assertBad("fft-size = 511", "fft-size");
        assertBad("high-frequency = 9000", "high-frequency");
        assertBad("low-frequency = 8000", "high-frequency");
        assertBad("num-coefficients = 41", "num-coefficients");
        assertBad("window = blackman", "window");
        assertBad("hop-length = 0", "hop-length");
        assertBad("log-offset = 0", "log-offset");
        assertEquals(MfccSettings.Window.HANN, settings("window = hann").window());
    }

    private static void assertBad(String override, String key) {
        ConfigException.BadValue e = assertThrows(ConfigException.BadValue.class, () -> settings(override));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
