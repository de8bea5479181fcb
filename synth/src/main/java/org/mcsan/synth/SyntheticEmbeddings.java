package org.mcsan.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes word vectors for the synthetic vocabulary in GloVe's text format ({@code word v1 ... v300}, space
 * separated, one per line).
 *
 * <p>A word's vector is {@code valence(group) * V + 0.8 * G(group) + 0.6 * N(word)}: a valence direction V shared by
 * all words, a direction per {@link WordGroup}, and noise of its own; every component of V, G and N is normal with
 * standard deviation 0.3 (vector norms near 6, like GloVe 840B). So words of one group lie close together, and
 * groups of like valence are closer to each other than to groups of opposite valence, which lets a text encoder
 * generalise to sentences and words it has not seen. A capitalised form is its lower-case vector plus a little
 * noise of its own. Vectors depend only on the seed and the token.
 */
final class SyntheticEmbeddings {

    static final int DIMENSION = 300;
    static final String FILE_NAME = "glove.synthetic.300d.txt";

    private static final double COMPONENT_SD = 0.3;
    private static final double GROUP_WEIGHT = 0.8;
    private static final double WORD_WEIGHT = 0.6;
    private static final double CASE_WEIGHT = 0.1;

    private SyntheticEmbeddings() {}

    /** Writes the file and returns the number of tokens written. */
    static int write(Path file, long seed) throws IOException {
        double[] valenceDirection = gaussianVector(new Random(mix(seed, "valence direction")));
        Map<WordGroup, double[]> groupDirections = new EnumMap<>(WordGroup.class);
        for (WordGroup group : WordGroup.values()) {
            groupDirections.put(group, gaussianVector(new Random(mix(seed, "group " + group.name()))));
        }
        Map<String, WordGroup> tokens = SyntheticLexicon.embeddingTokens();
        StringBuilder line = new StringBuilder(DIMENSION * 10);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            for (Map.Entry<String, WordGroup> entry : tokens.entrySet()) {
                String token = entry.getKey();
                WordGroup group = entry.getValue();
                double[] own = gaussianVector(new Random(mix(seed, "word " + token.toLowerCase(Locale.ROOT))));
                double[] casing = token.equals(token.toLowerCase(Locale.ROOT))
                        ? null
                        : gaussianVector(new Random(mix(seed, "case " + token)));
                double[] groupDirection = groupDirections.get(group);
                line.setLength(0);
                line.append(token);
                for (int d = 0; d < DIMENSION; d++) {
                    double value = group.valence() * valenceDirection[d]
                            + GROUP_WEIGHT * groupDirection[d]
                            + WORD_WEIGHT * own[d]
                            + (casing == null ? 0.0 : CASE_WEIGHT * casing[d]);
                    line.append(' ');
                    appendFixed5(line, value);
                }
                line.append('\n');
                out.append(line);
            }
        }
        return tokens.size();
    }

    private static double[] gaussianVector(Random random) {
        double[] vector = new double[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = COMPONENT_SD * random.nextGaussian();
        }
        return vector;
    }

    /** A seed for one named stream: the same name and seed always give the same numbers. */
    private static long mix(long seed, String name) {
        long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** Appends a value with exactly 5 decimals ("-0.01234"), independent of the default locale. */
    static void appendFixed5(StringBuilder out, double value) {
        long scaled = Math.round(value * 100_000.0);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        out.append(scaled / 100_000).append('.');
        long fraction = scaled % 100_000;
        for (long digit = 10_000; digit > 0; digit /= 10) {
            out.append((char) ('0' + fraction / digit % 10));
        }
    }
}
