package org.mcsan.features;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Collections;
import java.util.Map;
import org.mcsan.features.audio.AudioSettings;
import org.mcsan.features.audio.MfccSettings;
import org.mcsan.features.corpus.CorpusSettings;
import org.mcsan.features.text.GloveSettings;
import org.mcsan.features.text.TextSettings;

/**
 * Settings of the feature job: the corpus to read ({@code mcsan.corpus}) and {@code mcsan.features} with its text,
 * glove, audio and mfcc sections.
 */
public final class FeatureJobSettings {
    private final CorpusSettings corpus;
    private final Map<String, Object> featuresAsWritten;
    private final String output;
    private final boolean overwrite;
    private final double maxRejectedFraction;
    private final int partitions;
    private final TextSettings text;
    private final GloveSettings glove;
    private final AudioSettings audio;
    private final MfccSettings mfcc;

    private FeatureJobSettings(
            CorpusSettings corpus,
            Map<String, Object> featuresAsWritten,
            String output,
            boolean overwrite,
            double maxRejectedFraction,
            int partitions,
            TextSettings text,
            GloveSettings glove,
            AudioSettings audio,
            MfccSettings mfcc) {
        this.corpus = corpus;
        this.featuresAsWritten = featuresAsWritten;
        this.output = output;
        this.overwrite = overwrite;
        this.maxRejectedFraction = maxRejectedFraction;
        this.partitions = partitions;
        this.text = text;
        this.glove = glove;
        this.audio = audio;
        this.mfcc = mfcc;
    }

    /** Reads and checks the {@code mcsan.corpus} and {@code mcsan.features} sections of {@code mcsan}. */
    public static FeatureJobSettings from(Config mcsan) {
        Config features = mcsan.getConfig("features");
        String output = features.getString("output").trim();
        if (output.isEmpty()) {
            throw new ConfigException.BadValue(
                    features.origin(),
                    "mcsan.features.output",
                    "the output directory of the feature dataset is not set");
        }
        double maxRejected = features.getDouble("max-rejected-fraction");
        if (!(maxRejected >= 0 && maxRejected <= 1)) {
            throw new ConfigException.BadValue(
                    features.origin(),
                    "mcsan.features.max-rejected-fraction",
                    "expected a fraction in [0, 1], got " + maxRejected);
        }
        int partitions = features.getInt("partitions");
        if (partitions < 0) {
            throw new ConfigException.BadValue(
                    features.origin(),
                    "mcsan.features.partitions",
                    "expected 0 (automatic) or a positive count, got " + partitions);
        }
        GloveSettings glove = GloveSettings.from(features.getConfig("glove"));
        if (glove.path().trim().isEmpty()) {
            throw new ConfigException.BadValue(
                    features.origin(), "mcsan.features.glove.path", "the GloVe embeddings file is not set");
        }
        AudioSettings audio = AudioSettings.from(features.getConfig("audio"));
        MfccSettings mfcc = MfccSettings.from(features.getConfig("mfcc"));
        if (audio.targetSampleRate() != mfcc.sampleRate()) {
            throw new ConfigException.BadValue(
                    features.origin(),
                    "mcsan.features.audio.target-sample-rate",
                    "must equal mcsan.features.mfcc.sample-rate (" + mfcc.sampleRate() + "), got "
                            + audio.targetSampleRate());
        }
        return new FeatureJobSettings(
                CorpusSettings.from(mcsan.getConfig("corpus")),
                Collections.unmodifiableMap(features.root().unwrapped()),
                output,
                features.getBoolean("overwrite"),
                maxRejected,
                partitions,
                TextSettings.from(features.getConfig("text")),
                glove,
                audio,
                mfcc);
    }

    public CorpusSettings corpus() {
        return corpus;
    }
    /** The {@code mcsan.features} section as the configuration gave it, for the dataset's manifest. */
    public Map<String, Object> featuresAsWritten() {
        return featuresAsWritten;
    }

    public String output() {
        return output;
    }

    public boolean overwrite() {
        return overwrite;
    }

    public double maxRejectedFraction() {
        return maxRejectedFraction;
    }
    /** Partition count; 0 = automatic. */
    public int partitions() {
        return partitions;
    }

    public TextSettings text() {
        return text;
    }

    public GloveSettings glove() {
        return glove;
    }

    public AudioSettings audio() {
        return audio;
    }

    public MfccSettings mfcc() {
        return mfcc;
    }
}
