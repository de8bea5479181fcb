package org.mcsan.features.corpus;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of the MELD reader ({@code mcsan.corpus.meld}). */
public final class MeldSettings {
    private final LabelScheme labels;
    private final List<String> splits;
    private final Map<String, String> csvFiles;
    private final Map<String, String> mediaDirs;
    private final String wavDir;

    /**
     * @param labels    class list (label-index order) and excluded labels
     * @param splits    the splits to read, e.g. train, dev, test
     * @param csvFiles  split → CSV file, relative to the corpus directory unless absolute
     * @param mediaDirs split → media folder, relative to the corpus directory unless absolute
     * @param wavDir    directory of extracted WAVs laid out as {@code <wavDir>/<split>/dia{D}_utt{U}.wav}; empty to
     *                  look for {@code dia{D}_utt{U}.wav} (or .mp4) in the split's media folder
     */
    public MeldSettings(
            LabelScheme labels,
            List<String> splits,
            Map<String, String> csvFiles,
            Map<String, String> mediaDirs,
            String wavDir) {
        if (splits.isEmpty()) throw new IllegalArgumentException("no MELD splits to read");
        for (String split : splits) {
            if (!csvFiles.containsKey(split)) {
                throw new IllegalArgumentException("no CSV file configured for MELD split '" + split + "'");
            }
            if (!mediaDirs.containsKey(split)) {
                throw new IllegalArgumentException("no media folder configured for MELD split '" + split + "'");
            }
        }
        this.labels = labels;
        this.splits = Collections.unmodifiableList(new ArrayList<>(splits));
        this.csvFiles = Collections.unmodifiableMap(new LinkedHashMap<>(csvFiles));
        this.mediaDirs = Collections.unmodifiableMap(new LinkedHashMap<>(mediaDirs));
        this.wavDir = wavDir;
    }

    public static MeldSettings from(Config section) {
        LabelScheme labels = LabelScheme.from(section);
        try {
            return new MeldSettings(
                    labels,
                    section.getStringList("splits"),
                    stringMap(section.getConfig("csv-files")),
                    stringMap(section.getConfig("media-dirs")),
                    section.getString("wav-dir"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(section.origin(), "splits", e.getMessage());
        }
    }

    private static Map<String, String> stringMap(Config c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : c.root().keySet()) m.put(key, c.getString(key));
        return m;
    }

    public LabelScheme labels() {
        return labels;
    }

    public List<String> splits() {
        return splits;
    }

    public String csvFile(String split) {
        return csvFiles.get(split);
    }

    public String mediaDir(String split) {
        return mediaDirs.get(split);
    }
    /** Directory of extracted WAVs, or empty. */
    public String wavDir() {
        return wavDir;
    }
}
