package org.mcsan.model;

import java.util.Locale;

/** Which parts of MCSAN a network has (the paper's ablations); one code path builds them all. */
public enum Variant {
    /** Cross-attention plus audio and text self-attention: four pooled outputs. */
    FULL(true, true, true, true),
    /** Audio encoder and audio self-attention only. */
    AUDIO(true, false, false, true),
    /** Text encoder and text self-attention only. */
    TEXT(false, true, false, true),
    /** Both encoders and the cross-attention module only. */
    CROSS(true, true, true, false),
    /** Both encoders and both self-attention modules, no cross-attention. */
    SELF(true, true, false, true);

    private final boolean audio;
    private final boolean text;
    private final boolean cross;
    private final boolean self;

    Variant(boolean audio, boolean text, boolean cross, boolean self) {
        this.audio = audio;
        this.text = text;
        this.cross = cross;
        this.self = self;
    }

    public boolean usesAudio() {
        return audio;
    }

    public boolean usesText() {
        return text;
    }

    /** Has the cross-attention module (audio queries text and text queries audio). */
    public boolean hasCrossAttention() {
        return cross;
    }

    /** Has a self-attention module for each modality it uses. */
    public boolean hasSelfAttention() {
        return self;
    }

    /** Number of d-wide pooled outputs that the classifier sees. */
    public int pooledOutputs() {
        int n = 0;
        if (cross) {
            n += 2;
        }
        if (self) {
            n += (audio ? 1 : 0) + (text ? 1 : 0);
        }
        return n;
    }

    /** The configuration spelling (lower case). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the configuration spelling. */
    public static Variant parse(String value) {
        for (Variant v : values()) {
            if (v.key().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "unknown model variant '" + value + "', expected one of full, audio, text, cross, self");
    }
}
