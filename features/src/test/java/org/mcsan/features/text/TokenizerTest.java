package org.mcsan.features.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private static final Tokenizer CASED = new Tokenizer(new TextSettings(100, false, TextSettings.NoiseMarkers.DROP));

    private static List<String> tok(String text) {
        return CASED.tokenize(text);
    }

    @Test
    void splitsPunctuationOff() {
        assertEquals(Arrays.asList("Excuse", "me", "."), tok("Excuse me."));
        assertEquals(Arrays.asList("Do", "you", "have", "your", "forms", "?"), tok("Do you have your forms?"));
        assertEquals(
                Arrays.asList("Wait", "...", "what", "?", "!", "\"", "No", "\"", "--", "okay"),
                tok("Wait... what?! \"No\" -- okay"));
        assertEquals(Arrays.asList("(", "laughs", ")", "fine", ";", "ok"), tok("(laughs) fine; ok"));
    }

    @Test
    void splitsContractionsLikeGlove() {
        assertEquals(Arrays.asList("do", "n't"), tok("don't"));
        assertEquals(Arrays.asList("I", "'m", "fine"), tok("I'm fine"));
        assertEquals(Arrays.asList("we", "'ll", "see"), tok("we'll see"));
        assertEquals(
                Arrays.asList("it", "'s", "John", "'s", "they", "'re", "we", "'ve", "you", "'d"),
                tok("it's John's they're we've you'd"));
        assertEquals(Arrays.asList("ca", "n't", "wo", "n't", "is", "n't"), tok("can't won't isn't"));
        assertEquals(Arrays.asList("DO", "N'T", "I", "'M"), tok("DON'T I'M"), "case is kept");
        assertEquals(
                Arrays.asList("You", "must", "'ve", "had", "it"),
                tok("You must\u2019ve had it"),
                "the typographic apostrophe counts as '");
        assertEquals(Arrays.asList("o'clock", "rock'n'roll", "well-known"), tok("o'clock rock'n'roll well-known"));
        assertEquals(Arrays.asList("goin", "'", "on", "'", "cause"), tok("goin' on 'cause"));
    }

    @Test
    void keepsNumbers() {
        assertEquals(
                Arrays.asList("3.5", "million", ",", "1,000", "people", "at", "2", ":", "30", "$", "5", "50", "%"),
                tok("3.5 million, 1,000 people at 2:30 $5 50%"));
        assertEquals(Arrays.asList("KL-5", "to", "GR-6", "."), tok("KL-5 to GR-6."));
        assertEquals(Arrays.asList("end", ".", "Next"), tok("end.Next"));
    }

    @Test
    void noiseMarkersAreDroppedOrKept() {
        assertEquals(Arrays.asList("I", "'m", "angry", "."), tok("I'm angry [LAUGHTER]."));
        assertEquals(Collections.emptyList(), tok("[BREATHING] [GARBAGE]"));
        Tokenizer keep = new Tokenizer(new TextSettings(100, false, TextSettings.NoiseMarkers.KEEP));
        assertEquals(Arrays.asList("I", "'m", "angry", "[LAUGHTER]", "."), keep.tokenize("I'm angry [LAUGHTER]."));
        assertEquals(Arrays.asList("[", "1", "]"), keep.tokenize("[1]"), "brackets around non-words are punctuation");
    }

    @Test
    void lowerCasesAndTruncatesPerSettings() {
        Tokenizer lower = new Tokenizer(
                TextSettings.from(ConfigFactory.parseString("max-words = 4, lower-case = true, noise-markers = drop")));
        assertEquals(Arrays.asList("do", "n't", "shout", ","), lower.tokenize("DON'T Shout, Mr. Geller!"));
        Tokenizer three = new Tokenizer(new TextSettings(3, false, TextSettings.NoiseMarkers.DROP));
        assertEquals(
                Arrays.asList("I", "do", "n't"),
                three.tokenize("I don't know"),
                "a split clitic counts against the limit");
        assertEquals(
                100,
                TextSettings.from(ConfigFactory.defaultReference().getConfig("mcsan.features.text"))
                        .maxWords());
    }

    @Test
    void blankAndNullTextGiveNoTokens() {
        assertEquals(Collections.emptyList(), tok(null));
        assertEquals(Collections.emptyList(), tok("  \n\t "));
        assertEquals(
                Arrays.asList("Caf\u00e9", "na\u00efve", "\u3053\u3093\u306b\u3061\u306f"),
                tok("Caf\u00e9 na\u00efve \u3053\u3093\u306b\u3061\u306f"));
    }
}
