package org.mcsan.features.corpus;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Collections;
import java.util.Map;

/** Settings of the corpus to read ({@code mcsan.corpus}): its kind, path and the settings of its reader. */
public final class CorpusSettings {
    private final String kind;
    private final String path;
    private final IemocapSettings iemocap;
    private final MeldSettings meld;
    private final ManifestSettings manifest;
    private final Map<String, Object> asWritten;

    private CorpusSettings(
            String kind,
            String path,
            IemocapSettings iemocap,
            MeldSettings meld,
            ManifestSettings manifest,
            Map<String, Object> asWritten) {
        this.kind = kind;
        this.path = path;
        this.iemocap = iemocap;
        this.meld = meld;
        this.manifest = manifest;
        this.asWritten = asWritten;
    }

    /** Reads and checks the {@code mcsan.corpus} section. */
    public static CorpusSettings from(Config corpus) {
        String kind = corpus.getString("kind");
        String path = corpus.getString("path");
        if (path.trim().isEmpty()) {
            throw new ConfigException.BadValue(
                    corpus.origin(),
                    "mcsan.corpus.path",
                    "the corpus path is not set (a directory for iemocap/meld/synthetic, a file for manifest)");
        }
        if (!kind.equals("iemocap") && !kind.equals("synthetic") && !kind.equals("meld") && !kind.equals("manifest")) {
            throw new ConfigException.BadValue(
                    corpus.origin(),
                    "mcsan.corpus.kind",
                    "expected one of iemocap, meld, manifest, synthetic, got '" + kind + "'");
        }
        return new CorpusSettings(
                kind,
                path,
                IemocapSettings.from(corpus.getConfig("iemocap")),
                MeldSettings.from(corpus.getConfig("meld")),
                ManifestSettings.from(corpus.getConfig("manifest")),
                Collections.unmodifiableMap(corpus.root().unwrapped()));
    }

    /** iemocap, meld, manifest or synthetic. */
    public String kind() {
        return kind;
    }

    public String path() {
        return path;
    }

    public IemocapSettings iemocap() {
        return iemocap;
    }

    public MeldSettings meld() {
        return meld;
    }

    public ManifestSettings manifest() {
        return manifest;
    }
    /** The section as the configuration gave it, for the dataset's manifest. */
    public Map<String, Object> asWritten() {
        return asWritten;
    }
}
