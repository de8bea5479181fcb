package org.mcsan.features.corpus;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Settings of the generic manifest reader ({@code mcsan.corpus.manifest}). */
public final class ManifestSettings {
    /** Manifest file formats; AUTO decides by the file name and, failing that, by sniffing the header line. */
    public enum Format {
        AUTO,
        CSV,
        TSV,
        PARQUET
    }

    private final List<String> classes;
    private final Map<String, String> labelMap;
    private final List<String> excluded;
    private final Format format;

    /**
     * @param classes  class list in label-index order; empty = the sorted distinct classes of the manifest's labels
     * @param labelMap further raw labels → the class each one joins (class names always map to themselves)
     * @param excluded labels to leave out (counted as excluded-by-label)
     */
    public ManifestSettings(List<String> classes, Map<String, String> labelMap, List<String> excluded, Format format) {
        this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
        this.labelMap = Collections.unmodifiableMap(new LinkedHashMap<>(labelMap));
        this.excluded = Collections.unmodifiableList(new ArrayList<>(excluded));
        this.format = format;
    }

    public static ManifestSettings from(Config section) {
        String format = section.getString("format");
        try {
            return new ManifestSettings(
                    section.getStringList("classes"),
                    LabelScheme.labelMap(section),
                    section.getStringList("excluded"),
                    Format.valueOf(format.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(
                    section.origin(), "format", "expected one of auto, csv, tsv, parquet, got '" + format + "'");
        }
    }

    /** The configured class list; empty means "derive from the manifest". */
    public List<String> classes() {
        return classes;
    }
    /** Further raw labels → class. */
    public Map<String, String> labelMap() {
        return labelMap;
    }

    public List<String> excluded() {
        return excluded;
    }

    public Format format() {
        return format;
    }
}
