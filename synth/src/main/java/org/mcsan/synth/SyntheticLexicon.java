package org.mcsan.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vocabulary of the synthetic corpus: slot words by {@link WordGroup} and part of speech, the sentence
 * templates they fill, the ambiguous clauses every emotion uses, and the tokens of the embeddings file.
 *
 * <p>Every word belongs to exactly one group (checked when the class loads). Words that occur only in templates,
 * clauses and fillers are {@link WordGroup#AMBIGUOUS}.
 */
public final class SyntheticLexicon {

    /** Slot kinds of the sentence templates: {a} adjective, {n} noun, {v} verb, {i} interjection. */
    enum Slot {
        ADJECTIVE,
        NOUN,
        VERB,
        INTERJECTION
    }

    /**
     * Words the transcripts use but the embeddings file leaves out on purpose (in every letter case), so that
     * out-of-vocabulary handling is exercised: one in two ambiguous clauses, one shared by angry and sad, one
     * shared by happy and neutral, all frequent enough to occur in the default corpus.
     */
    public static final List<String> OUT_OF_VOCABULARY =
            Collections.unmodifiableList(Arrays.asList("thingamajig", "dreadful", "splendid"));

    private static final Map<WordGroup, Map<Slot, List<String>>> SLOT_WORDS = new EnumMap<>(WordGroup.class);

    static {
        slotWords(
                WordGroup.POSITIVE,
                "wonderful amazing fantastic beautiful perfect thrilled lovely brilliant delighted stupendous",
                "party gift wedding vacation promotion celebration sunshine dream",
                "love adore enjoy celebrate",
                "wow yay hooray");
        slotWords(
                WordGroup.AGREEABLE,
                "good fine nice ready fair pleasant decent splendid",
                "plan idea news offer help deal",
                "like appreciate understand accept",
                "sure okay alright");
        slotWords(
                WordGroup.FACTUAL,
                "usual standard available normal official correct complete",
                "meeting schedule office form address ticket appointment report paperwork",
                "check file sign send confirm review",
                "noted indeed certainly");
        slotWords(
                WordGroup.NEGATIVE,
                "bad wrong awful terrible unfair horrible dreadful",
                "mess problem mistake fault trouble disaster",
                "blame ruin spoil waste",
                "no ugh");
        slotWords(
                WordGroup.HOSTILE,
                "stupid ridiculous furious outrageous disgusting pathetic asinine",
                "idiot liar nonsense garbage jerk insult",
                "hate despise detest loathe",
                "damn dammit");
        slotWords(
                WordGroup.LOW,
                "lonely tired miserable empty heartbroken hopeless gloomy",
                "funeral grief loss tears goodbye loneliness bereavement",
                "miss mourn regret lose",
                "alas sorry sigh");
    }

    /**
     * Sentence templates shared by all emotions: only their slot words carry valence, so sentence shape tells
     * nothing. Words are separated by single spaces; each slot is one word.
     */
    static final List<String> TEMPLATES = Collections.unmodifiableList(Arrays.asList(
            "{a}!",
            "{a}.",
            "{i}.",
            "so {a}.",
            "{v} it.",
            "the {n}!",
            "{i}, {a}.",
            "really {a}?",
            "that's so {a}!",
            "I {v} it.",
            "this is {a}.",
            "the {n} again?",
            "it's {a}, honestly.",
            "I {v} the {n}.",
            "it was so {a}.",
            "this {n} is {a}.",
            "what a {a} {n}!",
            "{i}, that's so {a}.",
            "the {n} was really {a}.",
            "I'm feeling so {a} today.",
            "don't you {v} the {n}?",
            "you know the {n} is {a}.",
            "I {v} this {n} so much.",
            "I didn't think it was {a}.",
            "we have to {v} the {n} now.",
            "I'm telling you, the {n} was {a}."));

    /** Whole clauses without valence, used by every emotion (the ambiguous utterances consist of these only). */
    static final List<String> AMBIGUOUS_CLAUSES = Collections.unmodifiableList(Arrays.asList(
            "yeah.",
            "right.",
            "well?",
            "what?",
            "huh?",
            "really?",
            "hmm.",
            "listen.",
            "maybe.",
            "so?",
            "I know.",
            "I see.",
            "why not?",
            "what now?",
            "come here.",
            "hold on.",
            "you think?",
            "it's me.",
            "go on.",
            "then what?",
            "I don't know.",
            "where's the thingamajig?",
            "what was that?",
            "where is he?",
            "tell me something.",
            "who said that?",
            "are you there?",
            "let me think.",
            "I'm just saying.",
            "it's about time.",
            "what do you mean?",
            "I didn't say that.",
            "where were you yesterday?",
            "I'm going home now.",
            "that's what he said.",
            "hand me that thingamajig.",
            "do you remember that?",
            "we have to talk.",
            "it's up to you.",
            "I don't know about that.",
            "what did she tell you?",
            "I have to go now.",
            "you know what I mean?",
            "why would you say that?",
            "it's not about the car.",
            "I was thinking about it again.",
            "she told me the same thing.",
            "we could go there after dinner.",
            "it's the second time this week.",
            "what's going on with you two?",
            "I don't think he knows about it.",
            "can you tell me where she went?"));

    /** Discourse fillers put in front of a clause (which then continues in lower case). */
    static final List<String> FILLERS = Collections.unmodifiableList(
            Arrays.asList("well,", "so,", "oh,", "look,", "you know,", "I mean,", "listen,", "um,"));

    /** Punctuation tokens a word tokenizer produces from the transcripts, plus common ones. */
    private static final List<String> PUNCTUATION_TOKENS =
            Arrays.asList(".", ",", "?", "!", "...", ";", ":", "'", "\"", "-", "--");

    /** Clitics a Penn-Treebank-style tokenizer splits off: "don't" -> "do" "n't", "I'm" -> "I" "'m". */
    private static final Pattern CONTRACTION = Pattern.compile("^(.+?)(n't|'s|'m|'re|'ve|'ll|'d)$");

    private static final Map<String, WordGroup> GROUP_OF_WORD = buildWordIndex();

    private SyntheticLexicon() {}

    /**
     * The group of a transcript word (case-insensitive, surrounding punctuation ignored), or {@code null} for a
     * word the lexicon does not know. Contractions such as "don't" are words of their own here.
     */
    public static WordGroup groupOf(String word) {
        return GROUP_OF_WORD.get(normalise(word));
    }

    /** Every transcript word the generator can produce (lower case), with its group, in a fixed order. */
    public static Map<String, WordGroup> words() {
        return Collections.unmodifiableMap(GROUP_OF_WORD);
    }

    /** The words of one group that fill one kind of slot. */
    static List<String> slotWords(WordGroup group, Slot slot) {
        Map<Slot, List<String>> bySlot = SLOT_WORDS.get(group);
        if (bySlot == null) {
            throw new IllegalArgumentException("no slot words for group " + group);
        }
        return bySlot.get(slot);
    }

    /**
     * The tokens of the embeddings file with their groups, in a fixed order: the tokenizer's pieces of every
     * transcript word ("don't" gives "do" and "n't") in lower case and capitalised (for sentence-initial use),
     * clitics, and punctuation. The {@link #OUT_OF_VOCABULARY} words are left out.
     */
    static Map<String, WordGroup> embeddingTokens() {
        Map<String, WordGroup> tokens = new LinkedHashMap<>();
        Map<String, WordGroup> clitics = new LinkedHashMap<>();
        for (Map.Entry<String, WordGroup> entry : GROUP_OF_WORD.entrySet()) {
            String word = entry.getKey();
            if (OUT_OF_VOCABULARY.contains(word)) {
                continue;
            }
            String stem = word;
            Matcher contraction = CONTRACTION.matcher(word);
            if (contraction.matches()) {
                stem = contraction.group(1);
                clitics.put(contraction.group(2), WordGroup.AMBIGUOUS);
            }
            WordGroup group = entry.getValue();
            tokens.putIfAbsent(stem, group);
            tokens.putIfAbsent(capitalise(stem), group);
        }
        tokens.putAll(clitics);
        for (String punctuation : PUNCTUATION_TOKENS) {
            tokens.put(punctuation, WordGroup.PUNCTUATION);
        }
        return tokens;
    }

    static String capitalise(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String normalise(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetter(word.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static void slotWords(
            WordGroup group, String adjectives, String nouns, String verbs, String interjections) {
        Map<Slot, List<String>> bySlot = new EnumMap<>(Slot.class);
        bySlot.put(Slot.ADJECTIVE, split(adjectives));
        bySlot.put(Slot.NOUN, split(nouns));
        bySlot.put(Slot.VERB, split(verbs));
        bySlot.put(Slot.INTERJECTION, split(interjections));
        SLOT_WORDS.put(group, bySlot);
    }

    private static List<String> split(String words) {
        return Collections.unmodifiableList(Arrays.asList(words.split(" ")));
    }

    /** Indexes every word once; a word in two groups is a mistake in the lists above. */
    private static Map<String, WordGroup> buildWordIndex() {
        Map<String, WordGroup> index = new LinkedHashMap<>();
        for (Map.Entry<WordGroup, Map<Slot, List<String>>> group : SLOT_WORDS.entrySet()) {
            for (List<String> words : group.getValue().values()) {
                for (String word : words) {
                    addWord(index, word, group.getKey());
                }
            }
        }
        List<String> fixedText = new ArrayList<>(TEMPLATES);
        fixedText.addAll(AMBIGUOUS_CLAUSES);
        fixedText.addAll(FILLERS);
        // "a" becomes "an" before a vowel when templates are filled.
        fixedText.add("an");
        for (String text : fixedText) {
            for (String word : text.split(" ")) {
                if (!word.startsWith("{")) {
                    addWord(index, word, WordGroup.AMBIGUOUS);
                }
            }
        }
        for (String word : OUT_OF_VOCABULARY) {
            if (!index.containsKey(word)) {
                throw new IllegalStateException("out-of-vocabulary word '" + word + "' is not in the lexicon");
            }
        }
        return index;
    }

    private static void addWord(Map<String, WordGroup> index, String rawWord, WordGroup group) {
        String word = normalise(rawWord);
        WordGroup previous = index.putIfAbsent(word, group);
        if (previous != null && previous != group) {
            throw new IllegalStateException("word '" + word + "' is in two groups: " + previous + " and " + group);
        }
    }
}
