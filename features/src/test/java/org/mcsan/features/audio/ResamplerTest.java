package org.mcsan.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
    private static final AudioSettings DEFAULTS =
            AudioSettings.from(ConfigFactory.load().getConfig("mcsan.features.audio"));
    private static final Resampler TO_16K = Resampler.from(DEFAULTS);

    /** Samples of a sine of {@code hz} at {@code rate}, starting at t = 0. */
    private static float[] tone(double hz, int rate, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * (double) x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void defaultsComeFromReferenceConf() {
        assertEquals(16000, DEFAULTS.targetSampleRate());
        assertEquals(0.9, DEFAULTS.resamplerPassband());
        assertEquals(80.0, DEFAULTS.resamplerStopbandAttenuationDb());
        assertEquals(16000, TO_16K.targetRate());
    }

    @Test
    void badSettingsNameTheKey() {
        ConfigException.BadValue e = assertThrows(
                ConfigException.BadValue.class,
                () -> AudioSettings.from(ConfigFactory.parseString("resampler.passband = 1.2")
                        .withFallback(ConfigFactory.load().getConfig("mcsan.features.audio"))));
        assertTrue(e.getMessage().contains("resampler.passband"), e.getMessage());
    }

    @Test
    void equalRatesReturnTheInput() {
        float[] x = tone(440, 16000, 1000, 0.5);
        assertSame(x, TO_16K.resample(x, 16000));
    }

    @Test
    void outputLengthIsRoundedNTimesRatio() {
        assertEquals(16000, Resampler.outputLength(44100, 44100, 16000));
        assertEquals(333, Resampler.outputLength(1000, 48000, 16000)); // 333.33
        assertEquals(334, Resampler.outputLength(1001, 48000, 16000)); // 333.67
        assertEquals(1, Resampler.outputLength(2, 44100, 16000)); // 0.73
        assertEquals(0, Resampler.outputLength(1, 44100, 16000)); // 0.36
        assertEquals(10, Resampler.outputLength(5, 8000, 16000));
        assertEquals(4, Resampler.outputLength(7, 32000, 16000)); // 3.5, half up
        assertEquals(4, Resampler.outputLength(5, 22050, 16000)); // 3.63
        assertEquals(334, TO_16K.resample(new float[1001], 48000).length);
        assertEquals(10, TO_16K.resample(new float[5], 8000).length);
        assertEquals(0, TO_16K.resample(new float[0], 44100).length);
    }

    @ParameterizedTest(name = "{0} Hz -> 16000 Hz, {1} Hz tone")
    @CsvSource({
        "8000, 1000",
        "8000, 3500", // up: images at 16k - f must not appear
        "11025, 2000",
        "22050, 1000",
        "22050, 7000",
        "44100, 1000",
        "44100, 7000",
        "48000, 1000",
        "96000, 5000",
        "44101, 1000",
        "44101, 7000" // reduced ratio 16000/44101: interpolated phase table
    })
    void toneKeepsFrequencyPhaseAndAmplitude(int fromRate, double hz) {
        int n = fromRate / 2; // 0.5 s
        float[] out = TO_16K.resample(tone(hz, fromRate, n, 0.5), fromRate);
        assertEquals(Resampler.outputLength(n, fromRate, 16000), out.length);
        // The filter is zero-phase, so away from the ends (where the input stops abruptly) the output must
        // be the same tone sampled at 16 kHz: same frequency, phase and amplitude.
        float[] ideal = tone(hz, 16000, out.length, 0.5);
        int margin = 16000 / 25; // 40 ms, longer than the filter's half length
        double maxError = 0;
        for (int i = margin; i < out.length - margin; i++) {
            maxError = Math.max(maxError, Math.abs(out[i] - ideal[i]));
        }
        assertTrue(maxError < 1e-4, "max deviation from the ideal tone " + maxError);
    }

    @Test
    void upsampledToneHasItsFrequencyByZeroCrossings() {
        // Independent of the ideal-tone comparison: count sign changes of a 1 kHz tone taken 8k -> 16k.
        float[] out = TO_16K.resample(tone(1000, 8000, 8000, 0.5), 8000);
        int crossings = 0;
        for (int i = 1601; i < 14400; i++) { // 0.8 s in the middle
            if ((out[i - 1] < 0) != (out[i] < 0)) {
                crossings++;
            }
        }
        assertEquals(1600, crossings, 2); // 2 per period, 800 periods
    }

    @ParameterizedTest(name = "{1} Hz tone at {0} Hz is suppressed")
    @CsvSource({"44100, 10000", "44100, 8500", "48000, 9000", "48000, 20000", "22050, 10000", "44101, 12000"})
    void contentAboveTheNewNyquistIsSuppressed(int fromRate, double hz) {
        int n = fromRate / 2;
        float[] in = tone(hz, fromRate, n, 0.5);
        float[] out = TO_16K.resample(in, fromRate);
        int margin = 16000 / 25;
        double inRms = rms(in, 0, in.length);
        double outRms = rms(out, margin, out.length - margin);
        double attenuationDb = 20 * Math.log10(inRms / outRms);
        assertTrue(attenuationDb >= 75, hz + " Hz at " + fromRate + " Hz attenuated by only " + attenuationDb + " dB");
    }

    @Test
    void constantSignalStaysConstant() {
        float[] dc = new float[4410];
        Arrays.fill(dc, 0.25f);
        float[] out = TO_16K.resample(dc, 44100);
        for (int i = 640; i < out.length - 640; i++) {
            assertEquals(0.25, out[i], 1e-4, "sample " + i);
        }
    }

    @Test
    void otherTargetRates() {
        Resampler to8k = new Resampler(8000, 0.9, 80);
        float[] out = to8k.resample(tone(440, 16000, 16000, 0.5), 16000);
        assertEquals(8000, out.length);
        float[] ideal = tone(440, 8000, 8000, 0.5);
        for (int i = 400; i < 7600; i++) {
            assertEquals(ideal[i], out[i], 1e-4, "sample " + i);
        }
    }
}
