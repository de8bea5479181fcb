package org.mcsan.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TranscriptGeneratorTest {

    @Test
    void writesExactlyTheRequestedNumberOfWords() {
        SplittableRandom random = new SplittableRandom(11);
        for (SynthEmotion emotion : SynthEmotion.STAND_INS) {
            for (int words = 1; words <= 30; words++) {
                for (int repeat = 0; repeat < 20; repeat++) {
                    boolean carries = repeat % 2 == 0;
                    String transcript = TranscriptGenerator.generate(emotion.wordGroups, carries, words, random);
                    assertEquals(words, transcript.split(" ").length, transcript);
                    assertTrue(Character.isUpperCase(transcript.charAt(0)), transcript);
                    assertTrue(transcript.matches(".*[.?!]"), transcript);
                }
            }
        }
    }

    @Test
    void usesOnlyTheEmotionsGroupsAndAmbiguousWords() {
        SplittableRandom random = new SplittableRandom(12);
        for (SynthEmotion emotion : SynthEmotion.STAND_INS) {
            for (int repeat = 0; repeat < 200; repeat++) {
                boolean carries = repeat % 2 == 0;
                String transcript = TranscriptGenerator.generate(emotion.wordGroups, carries, 2 + repeat % 10, random);
                boolean valenceWord = false;
                for (String word : transcript.split(" ")) {
                    WordGroup group = SyntheticLexicon.groupOf(word);
                    assertNotNull(group, word);
                    assertTrue(
                            group == WordGroup.AMBIGUOUS || (carries && emotion.wordGroups.containsKey(group)),
                            emotion + " " + carries + ": " + transcript);
                    valenceWord |= group != WordGroup.AMBIGUOUS;
                }
                assertEquals(carries, valenceWord, transcript);
            }
        }
    }

    @Test
    void writesAnBeforeVowels() {
        SplittableRandom random = new SplittableRandom(13);
        for (int repeat = 0; repeat < 2000; repeat++) {
            String transcript = TranscriptGenerator.generate(SynthEmotion.HAP.wordGroups, true, 4, random);
            assertFalse(transcript.matches("(?i).*\\ba [aeiou].*"), transcript);
        }
    }

    @Test
    void lexiconKnowsWordsWithPunctuationAndCase() {
        assertEquals(WordGroup.POSITIVE, SyntheticLexicon.groupOf("Wonderful!"));
        assertEquals(WordGroup.HOSTILE, SyntheticLexicon.groupOf("ridiculous,"));
        assertEquals(WordGroup.AMBIGUOUS, SyntheticLexicon.groupOf("Don't"));
        assertEquals(WordGroup.AMBIGUOUS, SyntheticLexicon.groupOf("I'm"));
        assertNull(SyntheticLexicon.groupOf("zebra"));
        for (String word : SyntheticLexicon.OUT_OF_VOCABULARY) {
            assertNotNull(SyntheticLexicon.groupOf(word), word + " is a transcript word");
        }
    }

    @Test
    void embeddingTokensAreWhatATokenizerProduces() {
        Map<String, WordGroup> tokens = SyntheticLexicon.embeddingTokens();
        for (String expected : new String[] {
            "do", "Do", "n't", "I", "'m", "it", "It", "'s", ".", ",", "?", "!", "wonderful", "Wonderful", "hate", "Hate"
        }) {
            assertTrue(tokens.containsKey(expected), expected);
        }
        assertFalse(tokens.containsKey("don't"), "contractions are split, as by the tokenizer");
        for (String word : SyntheticLexicon.OUT_OF_VOCABULARY) {
            assertFalse(tokens.containsKey(word) || tokens.containsKey(SyntheticLexicon.capitalise(word)), word);
        }
        assertEquals(WordGroup.PUNCTUATION, tokens.get("?"));
        assertEquals(WordGroup.LOW, tokens.get("Lonely"));
    }
}
