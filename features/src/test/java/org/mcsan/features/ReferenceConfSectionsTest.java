package org.mcsan.features;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcsan.features.corpus.IemocapSettings;
import org.mcsan.features.corpus.ManifestSettings;
import org.mcsan.features.corpus.MeldSettings;
import org.mcsan.features.text.GloveSettings;
import org.mcsan.features.text.TextSettings;

/** The corpus and feature-job sections of reference.conf follow the config convention and parse. */
class ReferenceConfSectionsTest {
    private static final Config FILE = ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));

    @Test
    void everyKeyIsCommented() {
        for (String section : new String[] {"mcsan.corpus", "mcsan.features"}) {
            assertTrue(FILE.hasPath(section), section);
            for (Map.Entry<String, ConfigValue> e : FILE.getConfig(section).entrySet()) {
                assertFalse(e.getValue().origin().comments().isEmpty(), section + "." + e.getKey() + " has no comment");
            }
        }
    }

    @Test
    void sectionsParseIntoSettings() {
        Config c = FILE.resolve();
        IemocapSettings.from(c.getConfig("mcsan.corpus.iemocap"));
        MeldSettings.from(c.getConfig("mcsan.corpus.meld"));
        ManifestSettings.from(c.getConfig("mcsan.corpus.manifest"));
        TextSettings.from(c.getConfig("mcsan.features.text"));
        GloveSettings.from(c.getConfig("mcsan.features.glove"));
    }
}
