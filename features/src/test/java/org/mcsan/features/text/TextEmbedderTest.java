package org.mcsan.features.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextEmbedderTest {
    private static GloveTable table() {
        Map<String, float[]> v = new HashMap<>();
        v.put("hello", new float[] {1, 2});
        v.put("Paris", new float[] {3, 4});
        v.put("paris", new float[] {5, 6});
        v.put("world", new float[] {7, 8});
        return new GloveTable(2, v, 4, new GloveStats());
    }

    private static final List<String> TOKENS = Arrays.asList("Hello", "Paris", "xyzzy", "world", "Qux");

    @Test
    void zeroPolicyKeepsOovTokensAsZeroRowsCasedThenLower() {
        TextEmbedder.EmbeddedText e = new TextEmbedder(table(), GloveSettings.OovPolicy.ZERO, true).embed(TOKENS);
        assertEquals(TOKENS, e.tokens());
        assertArrayEquals(
                new float[] {1, 2, 3, 4, 0, 0, 7, 8, 0, 0},
                e.vectors(),
                "Hello falls back to hello; Paris uses its cased vector");
        assertEquals(2, e.oovWords());
    }

    @Test
    void dropPolicyRemovesOovTokensButCountsThem() {
        TextEmbedder.EmbeddedText e = new TextEmbedder(table(), GloveSettings.OovPolicy.DROP, true).embed(TOKENS);
        assertEquals(Arrays.asList("Hello", "Paris", "world"), e.tokens());
        assertArrayEquals(new float[] {1, 2, 3, 4, 7, 8}, e.vectors());
        assertEquals(2, e.oovWords());
    }

    @Test
    void withoutFallbackCaseMatters() {
        TextEmbedder.EmbeddedText e = new TextEmbedder(table(), GloveSettings.OovPolicy.ZERO, false).embed(TOKENS);
        assertEquals(3, e.oovWords());
        assertArrayEquals(new float[] {0, 0, 3, 4, 0, 0, 7, 8, 0, 0}, e.vectors());
    }

    @Test
    void vocabularyAndCoverage() {
        List<List<String>> corpus = Arrays.asList(TOKENS, Arrays.asList("world", "world", "xyzzy"));
        assertEquals(
                new HashSet<>(Arrays.asList("Hello", "hello", "Paris", "paris", "xyzzy", "world", "Qux", "qux")),
                TextEmbedder.lookupVocabulary(corpus, true));
        assertEquals(new HashSet<>(TOKENS), TextEmbedder.lookupVocabulary(corpus, false));
        TextEmbedder.Coverage c = new TextEmbedder(table(), GloveSettings.OovPolicy.ZERO, true).coverage(corpus);
        assertEquals(5, c.distinctTokens());
        assertEquals(3, c.coveredDistinctTokens());
        assertEquals(8, c.tokenOccurrences());
        assertEquals(5, c.coveredOccurrences());
        assertEquals(0.6, c.distinctFraction(), 1e-12);
    }
}
