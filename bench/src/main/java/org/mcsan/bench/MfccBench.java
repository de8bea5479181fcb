package org.mcsan.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mcsan.features.audio.Audio;
import org.mcsan.features.audio.Mfcc;
import org.mcsan.features.audio.MfccSettings;
import org.mcsan.features.audio.WavReader;
import org.mcsan.synth.WavWriter;

/**
 * MFCC throughput in seconds of audio per second of wall time ("x real time"), on one thread and on all cores
 * (a fixed pool sharing one thread-safe {@link Mfcc}), from float samples and from 16-bit WAV bytes in memory
 * (decode + MFCC, the per-file work of the feature job). The utterances are {@link SpeechLikeSignals} at the
 * configured MFCC sample rate; {@code max-frames} is lifted so that every frame of every utterance is computed
 * and the audio seconds counted are the seconds analysed.
 */
public final class MfccBench implements BenchPart {
    private static final String UNIT = "x real time";

    @Override
    public String name() {
        return "mfcc";
    }

    @Override
    public String description() {
        return "MFCC of speech-like utterances (1-15 s), from samples and from 16-bit WAV bytes, 1 thread and all cores";
    }

    @Override
    public void run(BenchContext context, PartReport report) throws Exception {
        BenchSettings settings = context.settings();
        Config section = context.mcsan().getConfig("features.mfcc");
        MfccSettings configured = MfccSettings.from(section);
        int sampleRate = configured.sampleRate();
        context.progress("mfcc: generating " + settings.mfccUtterances() + " speech-like utterances");
        List<float[]> utterances = new ArrayList<>(SpeechLikeSignals.corpus(
                settings.mfccUtterances(),
                settings.mfccMinSeconds(),
                settings.mfccMaxSeconds(),
                sampleRate,
                settings.mfccSeed()));
        // Longest first: a pool that takes them in this order finishes with short tasks and balances well.
        Collections.sort(utterances, (a, b) -> Integer.compare(b.length, a.length));
        int longest = utterances.get(0).length;
        long totalSamples = 0;
        for (float[] u : utterances) {
            totalSamples += u.length;
        }
        int longestFrames = new Mfcc(configured).frameCount(longest);
        Mfcc mfcc = new Mfcc(MfccSettings.from(section.withValue(
                "max-frames", ConfigValueFactory.fromAnyRef(Math.max(configured.maxFrames(), longestFrames)))));
        long totalFrames = 0;
        for (float[] u : utterances) {
            totalFrames += mfcc.frameCount(u.length);
        }
        List<byte[]> wavs = new ArrayList<>();
        for (float[] u : utterances) {
            wavs.add(WavWriter.encodeMono(u, sampleRate));
        }
        double audioSeconds = totalSamples / (double) sampleRate;
        report.info("utterances", utterances.size());
        report.info("audio_seconds", audioSeconds);
        report.info("shortest_seconds", utterances.get(utterances.size() - 1).length / (double) sampleRate);
        report.info("longest_seconds", longest / (double) sampleRate);
        report.info("frames", totalFrames);
        report.info("mfcc_settings", mfcc.settings().toString());

        int allCores = settings.threads();
        for (boolean fromWav : new boolean[] {false, true}) {
            for (boolean onAllCores : new boolean[] {false, true}) {
                int threads = onAllCores ? allCores : 1;
                String label = (fromWav ? "WAV decode + MFCC" : "MFCC") + ", "
                        + (onAllCores
                                ? "all cores (" + threads + (threads == 1 ? " thread)" : " threads)")
                                : "1 thread");
                context.progress("mfcc: " + label);
                Work work = new Work(mfcc, utterances, wavs, fromWav, totalFrames);
                ExecutorService pool = onAllCores ? Executors.newFixedThreadPool(threads) : null;
                Protocol.Rates rates;
                try {
                    rates = context.protocol().rate(() -> {
                        work.run(pool);
                        return audioSeconds;
                    });
                } finally {
                    if (pool != null) {
                        pool.shutdownNow();
                    }
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("threads", threads);
                details.put("input", fromWav ? "16-bit PCM WAV bytes in memory" : "float samples");
                String id = (fromWav ? "wav-mfcc" : "mfcc") + (onAllCores ? ".all-cores" : ".1-thread");
                // The project's target is for MFCC itself on all cores; decoding has none of its own.
                Target target = onAllCores && !fromWav ? Target.atLeast(settings.mfccRealtimeTarget()) : null;
                report.add(new Measurement(id, label, UNIT, rates, target, details));
            }
        }
    }

    /** One pass over every utterance; checks that every frame was computed. */
    private static final class Work {
        private final Mfcc mfcc;
        private final List<float[]> utterances;
        private final List<byte[]> wavs;
        private final boolean fromWav;
        private final long expectedFrames;

        Work(Mfcc mfcc, List<float[]> utterances, List<byte[]> wavs, boolean fromWav, long expectedFrames) {
            this.mfcc = mfcc;
            this.utterances = utterances;
            this.wavs = wavs;
            this.fromWav = fromWav;
            this.expectedFrames = expectedFrames;
        }

        void run(ExecutorService pool) throws Exception {
            long frames = 0;
            if (pool == null) {
                for (int i = 0; i < utterances.size(); i++) {
                    frames += one(i);
                }
            } else {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int i = 0; i < utterances.size(); i++) {
                    final int index = i;
                    futures.add(pool.submit(() -> one(index)));
                }
                for (Future<Integer> f : futures) {
                    frames += f.get();
                }
            }
            if (frames != expectedFrames) {
                throw new IllegalStateException("MFCC produced " + frames + " frames, expected " + expectedFrames);
            }
        }

        private int one(int index) throws Exception {
            float[] samples;
            if (fromWav) {
                Audio audio = WavReader.read(wavs.get(index), "utterance " + index);
                samples = audio.samples();
            } else {
                samples = utterances.get(index);
            }
            return mfcc.compute(samples).numFrames();
        }
    }
}
