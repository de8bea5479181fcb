package org.mcsan.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SynthSettingsTest {

    private static final Config DEFAULTS = ConfigFactory.defaultReference().getConfig("mcsan.synth");

    private static SynthSettings with(String overrides) {
        return SynthSettings.from(ConfigFactory.parseString(overrides).withFallback(DEFAULTS));
    }

    @Test
    void readsTheDefaultsOfReferenceConf() {
        SynthSettings settings = SynthSettings.from(DEFAULTS);
        assertEquals(5, settings.sessions());
        assertEquals(40, settings.utterancesPerSpeaker());
        assertEquals(4, settings.dialogsPerSession());
        assertEquals(1.5, settings.minDurationSeconds());
        assertEquals(4.0, settings.maxDurationSeconds());
        assertEquals(2, settings.minWords());
        assertEquals(15, settings.maxWords());
        assertEquals(0.6, settings.valenceTextFraction());
        Map<String, Double> proportions = settings.labelProportions();
        assertEquals(0.22, proportions.get("neu"), 1e-12);
        assertEquals(0.03, proportions.get("sur"), 1e-12);
        assertEquals(
                1.0,
                proportions.values().stream().mapToDouble(Double::doubleValue).sum(),
                1e-12);
    }

    @Test
    void normalisesLabelProportions() {
        SynthSettings settings = with("label-proportions { neu = 1, hap = 0, exc = 0, ang = 1, sad = 0.5, fru = 0, "
                + "xxx = 0, sur = 0.5 }");
        assertEquals(1 / 3.0, settings.labelProportions().get("neu"), 1e-12);
        assertEquals(1 / 3.0, settings.labelProportions().get("ang"), 1e-12);
        assertEquals(1 / 6.0, settings.labelProportions().get("sad"), 1e-12);
        assertEquals(0.0, settings.labelProportions().get("hap"), 1e-12);
    }

    @Test
    void rejectsBadValuesNamingTheKey() {
        assertRejected("label-proportions.fea = 0.1", "mcsan.synth.label-proportions.fea", "unknown synthetic label");
        assertRejected("label-proportions.neu = 1.5", "mcsan.synth.label-proportions.neu", "[0.0, 1.0]");
        assertRejected(
                "label-proportions { neu = 0, hap = 0, exc = 0, ang = 0, sad = 0, fru = 0, xxx = 0, sur = 0 }",
                "mcsan.synth.label-proportions",
                "positive");
        assertRejected("sessions = 0", "mcsan.synth.sessions", "[1, 99]");
        assertRejected("min-duration-s = 5.0", "mcsan.synth.min-duration-s", "max-duration-s");
        assertRejected("min-words = 20, max-words = 10", "mcsan.synth.min-words", "max-words");
        assertRejected("utterances-per-speaker = 3", "mcsan.synth.dialogs-per-session", "utterances-per-speaker");
        assertRejected("valence-text-fraction = -0.1", "mcsan.synth.valence-text-fraction", "[0.0, 1.0]");
    }

    private static void assertRejected(String overrides, String key, String reason) {
        ConfigException error = assertThrows(ConfigException.class, () -> with(overrides), overrides);
        assertTrue(error.getMessage().contains(key) && error.getMessage().contains(reason), error.getMessage());
    }

    /** The project's convention: every key of the section has a comment above it (validator annotations live there). */
    @Test
    void everySynthKeyIsCommentedInReferenceConf() {
        Config file = ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));
        assertTrue(file.hasPath("mcsan.synth"));
        for (Map.Entry<String, ConfigValue> entry :
                file.getConfig("mcsan.synth").entrySet()) {
            assertFalse(
                    entry.getValue().origin().comments().isEmpty(),
                    "mcsan.synth." + entry.getKey() + " has no comment");
        }
        SynthSettings.from(file.resolve().getConfig("mcsan.synth"));
    }
}
