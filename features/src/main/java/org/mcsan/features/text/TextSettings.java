package org.mcsan.features.text;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.util.Locale;

/** Tokenizer settings ({@code mcsan.features.text}). */
public final class TextSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What happens to noise markers such as {@code [LAUGHTER]}. */
    public enum NoiseMarkers {
        DROP,
        KEEP
    }

    private final int maxWords;
    private final boolean lowerCase;
    private final NoiseMarkers noiseMarkers;

    /**
     * @param maxWords     tokens kept per utterance (the rest is cut off)
     * @param lowerCase    lower-case every token
     * @param noiseMarkers drop bracketed noise markers or keep each as one token
     */
    public TextSettings(int maxWords, boolean lowerCase, NoiseMarkers noiseMarkers) {
        if (maxWords < 1) throw new IllegalArgumentException("max-words must be >= 1, got " + maxWords);
        this.maxWords = maxWords;
        this.lowerCase = lowerCase;
        this.noiseMarkers = noiseMarkers;
    }

    public static TextSettings from(Config section) {
        String markers = section.getString("noise-markers");
        NoiseMarkers mode;
        try {
            mode = NoiseMarkers.valueOf(markers.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(
                    section.origin(), "noise-markers", "expected drop or keep, got '" + markers + "'");
        }
        try {
            return new TextSettings(section.getInt("max-words"), section.getBoolean("lower-case"), mode);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(section.origin(), "max-words", e.getMessage());
        }
    }

    public int maxWords() {
        return maxWords;
    }

    public boolean lowerCase() {
        return lowerCase;
    }

    public NoiseMarkers noiseMarkers() {
        return noiseMarkers;
    }

    @Override
    public String toString() {
        return "TextSettings{max-words=" + maxWords + ", lower-case=" + lowerCase + ", noise-markers="
                + noiseMarkers.name().toLowerCase(Locale.ROOT) + "}";
    }
}
