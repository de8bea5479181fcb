package org.mcsan.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of the feature-job part ({@code mcsan.bench.features}). */
final class FeatureBenchSettings {
    /** The synthetic corpus has 5 sessions of 2 speakers. */
    static final int SPEAKERS = 10;

    private final int utterancesPerSpeaker;
    private final double minSeconds;
    private final double maxSeconds;
    private final long seed;

    private FeatureBenchSettings(int utterancesPerSpeaker, double minSeconds, double maxSeconds, long seed) {
        this.utterancesPerSpeaker = utterancesPerSpeaker;
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
        this.seed = seed;
    }

    static FeatureBenchSettings from(Config section) {
        double min = section.getDouble("min-seconds");
        double max = section.getDouble("max-seconds");
        if (max < min) {
            throw new ConfigException.BadValue(
                    "mcsan.bench.features.max-seconds",
                    "expected at least " + "mcsan.bench.features.min-seconds (" + min + "), got " + max);
        }
        return new FeatureBenchSettings(section.getInt("utterances-per-speaker"), min, max, section.getLong("seed"));
    }

    /** At most 2 utterances per speaker (20 in all) of at most 3 s. */
    FeatureBenchSettings quick() {
        double max = Math.min(maxSeconds, 3.0);
        return new FeatureBenchSettings(Math.min(utterancesPerSpeaker, 2), Math.min(minSeconds, max), max, seed);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("utterances_per_speaker", utterancesPerSpeaker);
        map.put("speakers", SPEAKERS);
        map.put("min_seconds", minSeconds);
        map.put("max_seconds", maxSeconds);
        map.put("seed", seed);
        return map;
    }

    int utterancesPerSpeaker() {
        return utterancesPerSpeaker;
    }

    double minSeconds() {
        return minSeconds;
    }

    double maxSeconds() {
        return maxSeconds;
    }

    long seed() {
        return seed;
    }
}
