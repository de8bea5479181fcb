package org.mcsan.features.corpus;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.apache.hadoop.conf.Configuration;

/**
 * Picks the reader for {@code mcsan.corpus.kind} (iemocap | meld | manifest | synthetic) and
 * {@code mcsan.corpus.path}. The synthetic corpus has the IEMOCAP layout and is read with the IEMOCAP reader and
 * the {@code mcsan.corpus.iemocap} label settings, under the corpus name "synthetic".
 */
public final class CorpusReaders {
    private CorpusReaders() {
    }

    /**
     * @param mcsan      the {@code mcsan} section of the configuration
     * @param hadoopConf Hadoop configuration for file access (e.g. the SparkContext's)
     */
    public static CorpusReader create(Config mcsan, Configuration hadoopConf) {
        Config corpus = mcsan.getConfig("corpus");
        String kind = corpus.getString("kind");
        String path = corpus.getString("path");
        if (path.trim().isEmpty()) {
            throw new ConfigException.BadValue(corpus.origin(), "mcsan.corpus.path",
                    "the corpus path is not set (a directory for iemocap/meld/synthetic, a file for manifest)");
        }
        switch (kind) {
            case "iemocap":
            case "synthetic":
                return new IemocapReader(kind, path, IemocapSettings.from(corpus.getConfig("iemocap")), hadoopConf);
            case "meld":
                return new MeldReader(path, MeldSettings.from(corpus.getConfig("meld")), hadoopConf);
            case "manifest":
                return new ManifestReader(path, ManifestSettings.from(corpus.getConfig("manifest")), hadoopConf);
            default:
                throw new ConfigException.BadValue(corpus.origin(), "mcsan.corpus.kind",
                        "expected one of iemocap, meld, manifest, synthetic, got '" + kind + "'");
        }
    }
}
