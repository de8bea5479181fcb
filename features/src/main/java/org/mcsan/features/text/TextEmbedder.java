package org.mcsan.features.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns tokens into a row-major {@code numWords x dim} matrix of GloVe vectors. A token's vector is looked up as
 * is and, when {@code lowerCaseFallback} is set (tokens keep their case), then lower-cased. Tokens without a
 * vector are out of vocabulary (OOV): kept with a zero vector or dropped, per {@link GloveSettings.OovPolicy};
 * either way they are counted.
 */
public final class TextEmbedder {
    private final GloveTable table;
    private final GloveSettings.OovPolicy oovPolicy;
    private final boolean lowerCaseFallback;

    public TextEmbedder(GloveTable table, GloveSettings.OovPolicy oovPolicy, boolean lowerCaseFallback) {
        this.table = table;
        this.oovPolicy = oovPolicy;
        this.lowerCaseFallback = lowerCaseFallback;
    }

    /**
     * The words to look up for a corpus: every token and, with {@code lowerCaseFallback}, its lower-cased form.
     */
    public static Set<String> lookupVocabulary(Collection<List<String>> tokenLists, boolean lowerCaseFallback) {
        Set<String> words = new HashSet<>();
        for (List<String> tokens : tokenLists) {
            for (String t : tokens) {
                words.add(t);
                if (lowerCaseFallback) words.add(t.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** The vector of a token (as is, then lower-cased if enabled), or null when it is out of vocabulary. */
    public float[] vectorOf(String token) {
        float[] v = table.get(token);
        if (v == null && lowerCaseFallback) v = table.get(token.toLowerCase(Locale.ROOT));
        return v;
    }

    public EmbeddedText embed(List<String> tokens) {
        int dim = table.dim();
        List<String> kept = new ArrayList<>(tokens.size());
        List<float[]> rows = new ArrayList<>(tokens.size());
        int oov = 0;
        for (String token : tokens) {
            float[] v = vectorOf(token);
            if (v == null) {
                oov++;
                if (oovPolicy == GloveSettings.OovPolicy.DROP) continue;
                v = new float[dim];
            }
            kept.add(token);
            rows.add(v);
        }
        float[] flat = new float[rows.size() * dim];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, flat, i * dim, dim);
        return new EmbeddedText(kept, flat, oov);
    }

    /** Vocabulary coverage of a corpus' tokens by the table, counted over distinct tokens and over occurrences. */
    public Coverage coverage(Collection<List<String>> tokenLists) {
        Set<String> distinct = new HashSet<>();
        long occurrences = 0;
        long coveredOccurrences = 0;
        for (List<String> tokens : tokenLists) {
            for (String t : tokens) {
                distinct.add(t);
                occurrences++;
                if (vectorOf(t) != null) coveredOccurrences++;
            }
        }
        long coveredDistinct = 0;
        for (String t : distinct) if (vectorOf(t) != null) coveredDistinct++;
        return new Coverage(distinct.size(), coveredDistinct, occurrences, coveredOccurrences);
    }

    /** The embedding of one utterance's tokens. */
    public static final class EmbeddedText {
        private final List<String> tokens;
        private final float[] vectors;
        private final int oovWords;

        EmbeddedText(List<String> tokens, float[] vectors, int oovWords) {
            this.tokens = Collections.unmodifiableList(tokens);
            this.vectors = vectors;
            this.oovWords = oovWords;
        }

        /** The tokens that have a row in {@link #vectors()} (all tokens under the zero policy). */
        public List<String> tokens() {
            return tokens;
        }

        /** Row-major {@code tokens().size() x dim}. */
        public float[] vectors() {
            return vectors;
        }

        /** Tokens without a vector (kept as zero rows or dropped). */
        public int oovWords() {
            return oovWords;
        }
    }

    /** How much of a corpus' vocabulary has vectors. */
    public static final class Coverage {
        private final long distinctTokens;
        private final long coveredDistinctTokens;
        private final long tokenOccurrences;
        private final long coveredOccurrences;

        Coverage(long distinctTokens, long coveredDistinctTokens, long tokenOccurrences, long coveredOccurrences) {
            this.distinctTokens = distinctTokens;
            this.coveredDistinctTokens = coveredDistinctTokens;
            this.tokenOccurrences = tokenOccurrences;
            this.coveredOccurrences = coveredOccurrences;
        }

        public long distinctTokens() {
            return distinctTokens;
        }

        public long coveredDistinctTokens() {
            return coveredDistinctTokens;
        }

        public long tokenOccurrences() {
            return tokenOccurrences;
        }

        public long coveredOccurrences() {
            return coveredOccurrences;
        }

        /** Fraction of distinct tokens with a vector (1 for an empty vocabulary). */
        public double distinctFraction() {
            return distinctTokens == 0 ? 1.0 : (double) coveredDistinctTokens / distinctTokens;
        }

        /** Fraction of token occurrences with a vector (1 when there are no tokens). */
        public double occurrenceFraction() {
            return tokenOccurrences == 0 ? 1.0 : (double) coveredOccurrences / tokenOccurrences;
        }
    }
}
