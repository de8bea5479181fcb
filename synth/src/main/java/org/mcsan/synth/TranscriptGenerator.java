package org.mcsan.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one utterance's transcript with an exact number of words (whitespace-separated, so "don't" is one word).
 *
 * <p>A transcript is a few clauses, each a sentence of its own. An utterance that carries valence has at least one
 * clause from a {@link SyntheticLexicon#TEMPLATES template} whose slots are filled from the emotion's word groups;
 * the other clauses are ambiguous (shared by all emotions) or, with probability 0.3 each, more templates. An
 * ambiguous utterance has ambiguous clauses only. A quarter of the transcripts start one clause with a filler
 * ("well,", "you know,").
 */
final class TranscriptGenerator {

    private static final double EXTRA_TEMPLATE_PROBABILITY = 0.3;
    private static final double FILLER_PROBABILITY = 0.25;
    private static final Pattern SLOT = Pattern.compile("\\{([anvi])}");

    private TranscriptGenerator() {}

    /**
     * @param wordGroups     the emotion's slot-word groups with probabilities (used when {@code carriesValence})
     * @param carriesValence whether the transcript contains template clauses with the emotion's words
     * @param words          the exact number of words, at least 1
     */
    static String generate(
            Map<WordGroup, Double> wordGroups, boolean carriesValence, int words, SplittableRandom random) {
        if (words < 1) {
            throw new IllegalArgumentException("a transcript needs at least one word, asked for " + words);
        }
        if (carriesValence && wordGroups.isEmpty()) {
            throw new IllegalArgumentException("a transcript that carries valence needs word groups");
        }
        String filler = null;
        int remaining = words;
        if (words >= 3 && random.nextDouble() < FILLER_PROBABILITY) {
            filler = RandomDraws.pick(random, fitting(SyntheticLexicon.FILLERS, 1, words - 1));
            remaining -= wordCount(filler);
        }
        List<String> clauses = new ArrayList<>();
        boolean templateNext = carriesValence;
        while (remaining > 0) {
            // Clauses of at least three words where they fit: strings of one-word sentences sound unnatural.
            int shortest = Math.min(remaining, 3);
            String clause = templateNext
                    ? fill(
                            RandomDraws.pick(random, fitting(SyntheticLexicon.TEMPLATES, shortest, remaining)),
                            wordGroups,
                            random)
                    : RandomDraws.pick(random, fitting(SyntheticLexicon.AMBIGUOUS_CLAUSES, shortest, remaining));
            clauses.add(clause);
            remaining -= wordCount(clause);
            templateNext = carriesValence && random.nextDouble() < EXTRA_TEMPLATE_PROBABILITY;
        }
        shuffle(clauses, random);
        if (filler != null) {
            int target = random.nextInt(clauses.size());
            clauses.set(target, filler + " " + clauses.get(target));
        }
        StringBuilder transcript = new StringBuilder();
        for (String clause : clauses) {
            // Every clause ends a sentence, so each one starts with a capital.
            transcript.append(transcript.length() == 0 ? "" : " ").append(SyntheticLexicon.capitalise(clause));
        }
        return transcript.toString();
    }

    static int wordCount(String text) {
        return text.split(" ").length;
    }

    private static List<String> fitting(List<String> texts, int minWords, int maxWords) {
        List<String> fit = new ArrayList<>();
        for (String text : texts) {
            int count = wordCount(text);
            if (count >= minWords && count <= maxWords) {
                fit.add(text);
            }
        }
        if (fit.isEmpty()) {
            throw new IllegalStateException("no text of " + minWords + " to " + maxWords + " words in " + texts);
        }
        return fit;
    }

    private static String fill(String template, Map<WordGroup, Double> wordGroups, SplittableRandom random) {
        Matcher slot = SLOT.matcher(template);
        StringBuffer filled = new StringBuffer();
        while (slot.find()) {
            WordGroup group = RandomDraws.pickWeighted(random, wordGroups);
            String word = RandomDraws.pick(random, SyntheticLexicon.slotWords(group, slotOf(slot.group(1))));
            slot.appendReplacement(filled, word);
        }
        slot.appendTail(filled);
        return withArticles(filled.toString());
    }

    /** "a" before a vowel-initial word becomes "an" (the templates write "a"). */
    private static String withArticles(String clause) {
        String[] tokens = clause.split(" ");
        for (int i = 0; i + 1 < tokens.length; i++) {
            if (tokens[i].equals("a") && "aeiou".indexOf(tokens[i + 1].charAt(0)) >= 0) {
                tokens[i] = "an";
            }
        }
        return String.join(" ", tokens);
    }

    private static SyntheticLexicon.Slot slotOf(String letter) {
        switch (letter) {
            case "a":
                return SyntheticLexicon.Slot.ADJECTIVE;
            case "n":
                return SyntheticLexicon.Slot.NOUN;
            case "v":
                return SyntheticLexicon.Slot.VERB;
            default:
                return SyntheticLexicon.Slot.INTERJECTION;
        }
    }

    private static void shuffle(List<String> items, SplittableRandom random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swap);
        }
    }
}
