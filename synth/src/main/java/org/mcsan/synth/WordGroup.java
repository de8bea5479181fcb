package org.mcsan.synth;

/**
 * The groups of the synthetic vocabulary. A word's group fixes which emotions use it and where its vector
 * lies in the synthetic embedding space ({@link #valence()} along a shared valence direction).
 *
 * <p>Valence pairs share a group: angry and sad both use {@link #NEGATIVE}, happy and neutral both use
 * {@link #AGREEABLE}; each of the four classes also has a group of its own ({@link #HOSTILE}, {@link #LOW},
 * {@link #POSITIVE}, {@link #FACTUAL}).
 */
public enum WordGroup {
    /** Joyful, enthusiastic words (happy, excited). */
    POSITIVE(1.0),
    /** Mildly positive, agreeable words shared by happy and neutral. */
    AGREEABLE(0.6),
    /** Neutral-factual, matter-of-fact words (neutral). */
    FACTUAL(0.25),
    /** Function words and generic phrases every emotion uses. */
    AMBIGUOUS(0.0),
    /** Punctuation tokens (only in the embeddings file). */
    PUNCTUATION(0.0),
    /** Negative words shared by angry and sad. */
    NEGATIVE(-0.7),
    /** Negative, hostile words (angry). */
    HOSTILE(-1.0),
    /** Negative, low-energy words (sad). */
    LOW(-0.9);

    private final double valence;

    WordGroup(double valence) {
        this.valence = valence;
    }

    /** Position along the embedding space's valence direction, in [-1, 1]. */
    public double valence() {
        return valence;
    }

    /**
     * Which valence a word of this group tells: +1 non-negative (happy, neutral), -1 negative (angry, sad), 0 none.
     */
    public int valenceSign() {
        switch (this) {
            case POSITIVE:
            case AGREEABLE:
            case FACTUAL:
                return 1;
            case NEGATIVE:
            case HOSTILE:
            case LOW:
                return -1;
            default:
                return 0;
        }
    }
}
