package org.mcsan.features.audio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audio and MFCC sections of this module's reference.conf follow the project's config convention. */
class ReferenceConfTest {
    private static final Config FILE = ConfigFactory.parseFile(new File("src/main/resources/reference.conf"));

    @Test
    void everyAudioAndMfccKeyIsCommented() {
        for (String section : new String[] {"mcsan.features.audio", "mcsan.features.mfcc"}) {
            assertTrue(FILE.hasPath(section), section);
            for (Map.Entry<String, ConfigValue> e : FILE.getConfig(section).entrySet()) {
                assertFalse(e.getValue().origin().comments().isEmpty(), section + "." + e.getKey() + " has no comment");
            }
        }
    }

    @Test
    void sectionsParseIntoSettings() {
        Config resolved = FILE.resolve();
        MfccSettings.from(resolved.getConfig("mcsan.features.mfcc"));
        AudioSettings.from(resolved.getConfig("mcsan.features.audio"));
    }
}
