package org.mcsan.features.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Single-threaded speed of the audio stages on a 10 s utterance, printed (not asserted: the machine is
 * shared). The feature job's target is ≥ 1000× real time for WAV → Parquet on 2 cores.
 */
class AudioThroughputTest {
    private static final int SECONDS = 10;

    @Test
    void printRealTimeFactors() throws Exception {
        Mfcc mfcc = new Mfcc(MfccSettings.from(ConfigFactory.load().getConfig("mcsan.features.mfcc")));
        Resampler resampler =
                Resampler.from(AudioSettings.from(ConfigFactory.load().getConfig("mcsan.features.audio")));
        float[] signal16k = MfccTest.fixedSignal(16000 * SECONDS);
        int[] pcm = new int[16000 * SECONDS];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = Math.round(signal16k[i] * 32767);
        }
        byte[] wav = TestWav.pcm16Mono(16000, pcm);
        float[] signal44k = new float[44100 * SECONDS];
        for (int i = 0; i < signal44k.length; i++) {
            signal44k[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
        }

        double mfccSeconds = time(
                () -> {
                    MfccFeatures f = mfcc.compute(signal16k);
                    assertEquals(998, f.numFrames());
                },
                30);
        double wavSeconds =
                time(() -> assertEquals(pcm.length, WavReader.read(wav, "bench").numSamples()), 30);
        double resampleSeconds = time(() -> resampler.resample(signal44k, 44100), 5);
        System.out.println(String.format(
                Locale.ROOT,
                "10 s utterance, one thread: MFCC %.2f ms (%.0fx real time), WAV 16-bit decode %.3f ms (%.0fx),"
                        + " resample 44.1k->16k %.2f ms (%.0fx)",
                mfccSeconds * 1e3,
                SECONDS / mfccSeconds,
                wavSeconds * 1e3,
                SECONDS / wavSeconds,
                resampleSeconds * 1e3,
                SECONDS / resampleSeconds));
    }

    private interface Work {
        void run() throws Exception;
    }

    /** The best of {@code rounds} timed runs, after as many warm-up runs. */
    private static double time(Work work, int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            work.run();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e9;
    }
}
