package org.mcsan.features.text;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.util.Locale;

/** GloVe settings ({@code mcsan.features.glove}). */
public final class GloveSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What happens to a token without a vector. */
    public enum OovPolicy {
        /** The token stays, with a zero vector. */
        ZERO,
        /** The token is removed. */
        DROP
    }

    private final String path;
    private final int dim;
    private final OovPolicy oovPolicy;

    /**
     * @param path      embeddings file (.txt or .gz; local path or Hadoop URI); empty = not set
     * @param dim       vector dimension
     * @param oovPolicy what happens to tokens without a vector
     */
    public GloveSettings(String path, int dim, OovPolicy oovPolicy) {
        if (dim < 1) throw new IllegalArgumentException("GloVe dim must be >= 1, got " + dim);
        this.path = path;
        this.dim = dim;
        this.oovPolicy = oovPolicy;
    }

    public static GloveSettings from(Config section) {
        String policy = section.getString("oov-policy");
        OovPolicy oov;
        try {
            oov = OovPolicy.valueOf(policy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(
                    section.origin(), "oov-policy", "expected zero or drop, got '" + policy + "'");
        }
        try {
            return new GloveSettings(section.getString("path"), section.getInt("dim"), oov);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(section.origin(), "dim", e.getMessage());
        }
    }

    public String path() {
        return path;
    }

    public int dim() {
        return dim;
    }

    public OovPolicy oovPolicy() {
        return oovPolicy;
    }
}
