package org.mcsan.synth;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of the synthetic corpus, read from the {@code mcsan.synth} section (see reference.conf for meanings
 * and defaults): {@code SynthSettings.from(ConfigFactory.load().getConfig("mcsan.synth"))}.
 */
public final class SynthSettings {

    private static final String SECTION = "mcsan.synth.";

    private final int sessions;
    private final int utterancesPerSpeaker;
    private final int dialogsPerSession;
    private final long seed;
    private final double minDurationSeconds;
    private final double maxDurationSeconds;
    private final int minWords;
    private final int maxWords;
    private final double valenceTextFraction;
    private final Map<SynthEmotion, Double> labelProportions;

    private SynthSettings(Config section) {
        sessions = intIn(section, "sessions", 1, 99);
        utterancesPerSpeaker = intIn(section, "utterances-per-speaker", 1, 999);
        dialogsPerSession = intIn(section, "dialogs-per-session", 1, 99);
        seed = section.getLong("seed");
        minDurationSeconds = doubleIn(section, "min-duration-s", 0.5, 60);
        maxDurationSeconds = doubleIn(section, "max-duration-s", 0.5, 60);
        minWords = intIn(section, "min-words", 1, 100);
        maxWords = intIn(section, "max-words", 1, 100);
        valenceTextFraction = doubleIn(section, "valence-text-fraction", 0, 1);
        labelProportions = proportions(section);

        if (minDurationSeconds > maxDurationSeconds) {
            throw bad(
                    section,
                    "min-duration-s",
                    "must not exceed " + SECTION + "max-duration-s (" + maxDurationSeconds + "), was "
                            + minDurationSeconds);
        }
        if (minWords > maxWords) {
            throw bad(
                    section,
                    "min-words",
                    "must not exceed " + SECTION + "max-words (" + maxWords + "), was " + minWords);
        }
        if (dialogsPerSession > utterancesPerSpeaker) {
            throw bad(
                    section,
                    "dialogs-per-session",
                    "must not exceed " + SECTION + "utterances-per-speaker (" + utterancesPerSpeaker
                            + ") so that every dialog has both speakers, was " + dialogsPerSession);
        }
    }

    /** Reads and checks the settings; a missing key or a bad value is a {@link ConfigException} naming the key. */
    public static SynthSettings from(Config section) {
        return new SynthSettings(section);
    }

    /** Number of sessions; each has a female and a male speaker. */
    public int sessions() {
        return sessions;
    }

    /** Utterances of each speaker (so 2 x this per session). */
    public int utterancesPerSpeaker() {
        return utterancesPerSpeaker;
    }

    /** Dialogs per session; each holds utterances of both speakers. */
    public int dialogsPerSession() {
        return dialogsPerSession;
    }

    public long seed() {
        return seed;
    }

    public double minDurationSeconds() {
        return minDurationSeconds;
    }

    public double maxDurationSeconds() {
        return maxDurationSeconds;
    }

    public int minWords() {
        return minWords;
    }

    public int maxWords() {
        return maxWords;
    }

    /** Fraction of utterances whose words carry the emotion's valence; the rest are ambiguous phrases. */
    public double valenceTextFraction() {
        return valenceTextFraction;
    }

    /** Label code to its share of each speaker's utterances (normalised to sum 1), in a fixed order. */
    public Map<String, Double> labelProportions() {
        Map<String, Double> byCode = new LinkedHashMap<>();
        for (Map.Entry<SynthEmotion, Double> entry : labelProportions.entrySet()) {
            byCode.put(entry.getKey().code(), entry.getValue());
        }
        return Collections.unmodifiableMap(byCode);
    }

    Map<SynthEmotion, Double> emotionProportions() {
        return labelProportions;
    }

    private static Map<SynthEmotion, Double> proportions(Config section) {
        String key = "label-proportions";
        Config table = section.getConfig(key);
        Map<SynthEmotion, Double> raw = new EnumMap<>(SynthEmotion.class);
        double total = 0;
        for (Map.Entry<String, ConfigValue> entry : table.root().entrySet()) {
            String label = entry.getKey();
            SynthEmotion emotion;
            try {
                emotion = SynthEmotion.ofCode(label);
            } catch (IllegalArgumentException unknown) {
                throw bad(section, key + "." + label, unknown.getMessage());
            }
            double share = doubleIn(table, label, 0, 1, SECTION + key + ".");
            raw.put(emotion, share);
            total += share;
        }
        if (total <= 0) {
            throw bad(section, key, "needs at least one positive proportion");
        }
        Map<SynthEmotion, Double> normalised = new EnumMap<>(SynthEmotion.class);
        for (Map.Entry<SynthEmotion, Double> entry : raw.entrySet()) {
            normalised.put(entry.getKey(), entry.getValue() / total);
        }
        return Collections.unmodifiableMap(normalised);
    }

    private static int intIn(Config section, String key, int min, int max) {
        int value = section.getInt(key);
        if (value < min || value > max) {
            throw bad(section, key, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    private static double doubleIn(Config section, String key, double min, double max) {
        return doubleIn(section, key, min, max, SECTION);
    }

    private static double doubleIn(Config section, String key, double min, double max, String prefix) {
        double value = section.getDouble(key);
        if (!(value >= min && value <= max)) {
            throw new ConfigException.BadValue(
                    section.origin(), prefix + key, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    private static ConfigException bad(Config section, String key, String message) {
        return new ConfigException.BadValue(section.origin(), SECTION + key, message);
    }

    @Override
    public String toString() {
        return "SynthSettings{sessions=" + sessions + ", utterancesPerSpeaker=" + utterancesPerSpeaker
                + ", dialogsPerSession=" + dialogsPerSession + ", seed=" + seed
                + ", duration=[" + minDurationSeconds + ", " + maxDurationSeconds + "] s"
                + ", words=[" + minWords + ", " + maxWords + "]"
                + ", valenceTextFraction=" + valenceTextFraction
                + ", labelProportions=" + labelProportions() + '}';
    }
}
