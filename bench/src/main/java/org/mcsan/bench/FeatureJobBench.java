package org.mcsan.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.features.FeatureJob;
import org.mcsan.features.FeatureJobSettings;
import org.mcsan.features.FeatureJobSummary;
import org.mcsan.synth.SynthSettings;
import org.mcsan.synth.SynthSummary;
import org.mcsan.synth.SyntheticCorpus;

/**
 * The feature job end to end, WAV files on disk to the Parquet dataset: a synthetic IEMOCAP-shaped corpus is
 * generated once (not timed), then every run is {@link FeatureJob#run} on an embedded {@code local[threads]}
 * Spark, writing the whole dataset again (corpus index, tokenization, GloVe look-up job, decoding, MFCC,
 * embedding, Parquet, manifest). Every label of the corpus is made a class, so every utterance is featurized
 * and the audio seconds counted are the seconds processed.
 */
public final class FeatureJobBench implements BenchPart {
    @Override
    public String name() {
        return "features";
    }

    @Override
    public String description() {
        return "feature job: WAV files of a synthetic corpus to the Parquet dataset on embedded Spark, x real time "
                + "and utterances/s";
    }

    @Override
    public void run(BenchContext context, PartReport report) throws Exception {
        BenchSettings settings = context.settings();
        FeatureBenchSettings part = settings.features();
        int threads = settings.threads();
        try (TempDirectory scratch = new TempDirectory("mcsan-bench-features-")) {
            context.progress("features: generating a synthetic corpus of " + FeatureBenchSettings.SPEAKERS + " x "
                    + part.utterancesPerSpeaker() + " utterances");
            long start = System.nanoTime();
            SynthSummary corpus =
                    SyntheticCorpus.generate(scratch.path().resolve("corpus"), synthSettings(context, part));
            report.info("corpus_generation_seconds", (System.nanoTime() - start) / 1e9);
            report.info("utterances", corpus.utterances());
            report.info("audio_seconds", corpus.audioSeconds());
            report.info("mean_utterance_seconds", corpus.audioSeconds() / corpus.utterances());
            report.info("corpus_bytes", TempDirectory.sizeOf(corpus.corpusRoot()));

            Path output = scratch.path().resolve("features");
            Config job = jobConfig(context.mcsan(), corpus, output, threads);
            report.info("spark_master", job.getString("spark.master"));
            SparkSession spark = context.startSpark(job);
            try {
                List<Double> runSeconds = new ArrayList<>();
                FeatureJobSummary[] last = new FeatureJobSummary[1];
                context.progress("features: " + corpus.utterances() + " utterances, "
                        + Math.round(corpus.audioSeconds()) + " s of audio, local[" + threads + "]");
                Protocol.Rates realTime = context.protocol().rate(() -> {
                    long runStart = System.nanoTime();
                    FeatureJobSummary summary = FeatureJob.run(spark, FeatureJobSettings.from(job));
                    runSeconds.add((System.nanoTime() - runStart) / 1e9);
                    if (summary.written() != corpus.utterances() || summary.rejected() != 0) {
                        throw new IllegalStateException("the feature job wrote " + summary.written() + " and rejected "
                                + summary.rejected() + " of the " + corpus.utterances() + " utterances: " + summary);
                    }
                    last[0] = summary;
                    return corpus.audioSeconds();
                });
                // The first run pays for class loading and JIT compilation, as a fresh `mcsan features` process does.
                report.info("first_run_seconds", runSeconds.get(0));
                report.info("partitions", last[0].partitions());
                report.info("dataset_bytes", TempDirectory.sizeOf(output.resolve(FeatureSchema.FEATURES_DIR)));
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("threads", threads);
                details.put("utterances", corpus.utterances());
                details.put("audio_seconds", corpus.audioSeconds());
                report.add(new Measurement(
                        "features.realtime",
                        "feature job, WAV -> Parquet, local[" + threads + "]",
                        "x real time",
                        realTime,
                        Target.atLeast(settings.targets().featuresRealtimeFactor),
                        details));
                report.add(new Measurement(
                        "features.utterances",
                        "feature job, WAV -> Parquet, local[" + threads + "]",
                        "utterances/s",
                        realTime.convert(corpus.utterances() / corpus.audioSeconds()),
                        null,
                        details));
            } finally {
                spark.stop();
            }
        }
    }

    private static SynthSettings synthSettings(BenchContext context, FeatureBenchSettings part) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("sessions", FeatureBenchSettings.SPEAKERS / 2);
        overrides.put("utterances-per-speaker", part.utterancesPerSpeaker());
        overrides.put(
                "dialogs-per-session",
                Math.min(context.mcsan().getInt("synth.dialogs-per-session"), part.utterancesPerSpeaker()));
        overrides.put("min-duration-s", part.minSeconds());
        overrides.put("max-duration-s", part.maxSeconds());
        overrides.put("seed", part.seed());
        return SynthSettings.from(
                ConfigFactory.parseMap(overrides).withFallback(context.mcsan().getConfig("synth")));
    }

    /** The user's configuration with the corpus, GloVe file, output and Spark master of the benchmark. */
    private static Config jobConfig(Config mcsan, SynthSummary corpus, Path output, int threads) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("corpus.kind", "synthetic");
        overrides.put("corpus.path", corpus.corpusRoot().toString());
        overrides.put(
                "corpus.iemocap.classes",
                new ArrayList<>(corpus.utterancesByLabel().keySet()));
        overrides.put("corpus.iemocap.label-map", new ArrayList<String>());
        overrides.put("corpus.iemocap.excluded", new ArrayList<String>());
        overrides.put("features.glove.path", corpus.embeddingsFile().toString());
        overrides.put("features.output", output.toString());
        overrides.put("features.overwrite", true);
        overrides.put("spark.master", "local[" + threads + "]");
        return ConfigFactory.parseMap(overrides).withFallback(mcsan);
    }
}
