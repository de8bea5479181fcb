package org.mcsan.features.corpus;

import org.apache.hadoop.conf.Configuration;

/**
 * Picks the reader for {@code mcsan.corpus.kind} (iemocap | meld | manifest | synthetic) and
 * {@code mcsan.corpus.path}. The synthetic corpus has the IEMOCAP layout and is read with the IEMOCAP reader and
 * the {@code mcsan.corpus.iemocap} label settings, under the corpus name "synthetic".
 */
public final class CorpusReaders {
    private CorpusReaders() {}

    /** @param hadoopConf Hadoop configuration for file access (e.g. the SparkContext's) */
    public static CorpusReader create(CorpusSettings corpus, Configuration hadoopConf) {
        switch (corpus.kind()) {
            case "iemocap":
            case "synthetic":
                return new IemocapReader(corpus.kind(), corpus.path(), corpus.iemocap(), hadoopConf);
            case "meld":
                return new MeldReader(corpus.path(), corpus.meld(), hadoopConf);
            default:
                return new ManifestReader(corpus.path(), corpus.manifest(), hadoopConf);
        }
    }
}
