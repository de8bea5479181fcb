package org.mcsan.features.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class CorpusReadersTest {
    private static Config mcsan(String overrides) {
        return ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.defaultReference())
                .getConfig("mcsan");
    }

    private static CorpusSettings corpus(String overrides) {
        return CorpusSettings.from(mcsan(overrides).getConfig("corpus"));
    }

    @Test
    void picksTheReaderForTheKind() {
        Configuration hadoop = new Configuration();
        assertEquals(
                IemocapReader.class,
                CorpusReaders.create(corpus("mcsan.corpus { kind = iemocap, path = /x }"), hadoop)
                        .getClass());
        assertEquals(
                IemocapReader.class,
                CorpusReaders.create(corpus("mcsan.corpus { kind = synthetic, path = /x }"), hadoop)
                        .getClass());
        assertEquals(
                MeldReader.class,
                CorpusReaders.create(corpus("mcsan.corpus { kind = meld, path = /x }"), hadoop)
                        .getClass());
        assertEquals(
                ManifestReader.class,
                CorpusReaders.create(corpus("mcsan.corpus { kind = manifest, path = /x.csv }"), hadoop)
                        .getClass());
    }

    @Test
    void rejectsAnUnsetPathAndAnUnknownKind() {
        Configuration hadoop = new Configuration();
        ConfigException noPath = assertThrows(
                ConfigException.class, () -> CorpusReaders.create(corpus("mcsan.corpus.kind = meld"), hadoop));
        assertTrue(noPath.getMessage().contains("mcsan.corpus.path"), noPath.getMessage());
        ConfigException badKind = assertThrows(
                ConfigException.class,
                () -> CorpusReaders.create(corpus("mcsan.corpus { kind = timit, path = /x }"), hadoop));
        assertTrue(badKind.getMessage().contains("got 'timit'"), badKind.getMessage());
    }
}
