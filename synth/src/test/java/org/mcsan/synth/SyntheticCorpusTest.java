package org.mcsan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.features.audio.Audio;
import org.mcsan.features.audio.WavReader;
import org.mcsan.features.corpus.CorpusScan;
import org.mcsan.features.corpus.IemocapReader;
import org.mcsan.features.corpus.IemocapSettings;
import org.mcsan.features.corpus.Utterance;
import org.mcsan.features.text.GloveReader;
import org.mcsan.features.text.GloveTable;
import org.mcsan.features.text.TextSettings;
import org.mcsan.features.text.Tokenizer;

/** Generates the default corpus (5 sessions, 400 utterances) once and checks what was written. */
class SyntheticCorpusTest {

    @TempDir
    static Path out;

    static SynthSettings settings;
    static SynthSummary summary;
    static ParsedCorpus corpus;
    static double generationSeconds;
    /** Prosodic statistics of the utterances of the four classes. */
    static final Map<String, AudioStats> audio = new TreeMap<>();

    static final List<String> FOUR_CLASSES = Arrays.asList("neu", "hap", "ang", "sad");

    /** The label as the 4-class reader sees it: exc merged into hap. */
    static String fourClassLabel(ParsedCorpus.Utterance utterance) {
        return utterance.label.equals("exc") ? "hap" : utterance.label;
    }

    @BeforeAll
    static void generateDefaultCorpus() throws IOException {
        settings = SynthSettings.from(ConfigFactory.defaultReference().getConfig("mcsan.synth"));
        long start = System.nanoTime();
        summary = SyntheticCorpus.generate(out, settings);
        generationSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "generated %d utterances (%.1f s of audio) in %.2f s%n%s%n",
                summary.utterances(),
                summary.audioSeconds(),
                generationSeconds,
                summary);
        corpus = ParsedCorpus.read(summary.corpusRoot());
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            if (FOUR_CLASSES.contains(fourClassLabel(utterance))) {
                audio.put(utterance.id, AudioStats.of(TestWav.read(corpus.wavOf(utterance))));
            }
        }
    }

    @Test
    void generatesFourHundredUtterancesWellUnderThirtySeconds() {
        assertEquals(400, summary.utterances());
        assertTrue(generationSeconds < 30, "took " + generationSeconds + " s");
    }

    @Test
    void writesIemocapLayout() throws IOException {
        assertEquals(out.resolve("IEMOCAP_full_release"), summary.corpusRoot());
        assertEquals(out.resolve("glove.synthetic.300d.txt"), summary.embeddingsFile());
        try (Stream<Path> entries = Files.list(out)) {
            assertEquals(
                    new TreeSet<>(Arrays.asList("IEMOCAP_full_release", "glove.synthetic.300d.txt")),
                    entries.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)),
                    "no staging files may be left behind");
        }
        Set<String> sessions = new TreeSet<>(corpus.dialogs.values());
        assertEquals(
                new TreeSet<>(Arrays.asList("Session1", "Session2", "Session3", "Session4", "Session5")), sessions);
        assertEquals(20, corpus.dialogs.size());
        assertEquals(20, summary.dialogs());
        for (Map.Entry<String, String> dialog : corpus.dialogs.entrySet()) {
            String sessionNumber = dialog.getValue().substring("Session".length());
            assertTrue(
                    dialog.getKey()
                            .matches(
                                    String.format("Ses%02d[FM]_(impro|script)\\d{2}", Integer.parseInt(sessionNumber))),
                    dialog.getKey());
            Set<Character> speakers = new HashSet<>();
            for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
                if (utterance.dialog.equals(dialog.getKey())) {
                    speakers.add(utterance.id.charAt(utterance.id.length() - 4));
                }
            }
            assertEquals(new HashSet<>(Arrays.asList('F', 'M')), speakers, "both speakers in " + dialog.getKey());
        }

        assertEquals(400, corpus.utterances.size());
        Set<Path> expectedWavs = new HashSet<>();
        Map<String, List<ParsedCorpus.Utterance>> byDialog = new TreeMap<>();
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            assertNotNull(utterance.transcript, "transcript of " + utterance.id);
            assertEquals(utterance.start, utterance.transcriptStart, 1e-9, utterance.id);
            assertEquals(utterance.end, utterance.transcriptEnd, 1e-9, utterance.id);
            assertTrue(Files.isRegularFile(corpus.wavOf(utterance)), "audio of " + utterance.id);
            expectedWavs.add(corpus.wavOf(utterance));
            byDialog.computeIfAbsent(utterance.dialog, d -> new ArrayList<>()).add(utterance);
        }
        try (Stream<Path> files = Files.walk(summary.corpusRoot())) {
            assertEquals(
                    expectedWavs,
                    files.filter(p -> p.toString().endsWith(".wav")).collect(Collectors.toSet()),
                    "exactly one WAV per labelled utterance");
        }
        for (List<ParsedCorpus.Utterance> turns : byDialog.values()) {
            turns.sort((a, b) -> Double.compare(a.start, b.start));
            for (int i = 1; i < turns.size(); i++) {
                assertTrue(turns.get(i).start >= turns.get(i - 1).end, "turns overlap: " + turns.get(i).id);
            }
        }
        assertTrue(
                corpus.skippedTranscriptLines >= 2 * corpus.dialogs.size(),
                "each transcription file has lines a reader must skip");
    }

    @Test
    void annotatorLinesAgreeWithTheLabel() {
        Map<String, String> categoryOf = new HashMap<>();
        categoryOf.put("neu", "Neutral");
        categoryOf.put("hap", "Happiness");
        categoryOf.put("exc", "Excited");
        categoryOf.put("ang", "Anger");
        categoryOf.put("sad", "Sadness");
        categoryOf.put("fru", "Frustration");
        categoryOf.put("sur", "Surprise");
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            assertEquals(3, utterance.ratings.size(), utterance.id);
            for (int k = 0; k < 3; k++) {
                double mean = 0;
                for (int[] rating : utterance.ratings) {
                    mean += rating[k] / 3.0;
                }
                assertEquals(mean, utterance.vad[k], 5.1e-5, "V/A/D of " + utterance.id + " is the annotators' mean");
            }
            Map<String, Integer> votes = new HashMap<>();
            for (String category : utterance.categories) {
                votes.merge(category, 1, Integer::sum);
            }
            int most = votes.values().stream().mapToInt(Integer::intValue).max().getAsInt();
            if (utterance.label.equals("xxx")) {
                assertEquals(1, most, "no majority for xxx: " + utterance.id);
            } else {
                assertTrue(
                        votes.getOrDefault(categoryOf.get(utterance.label), 0) >= 2,
                        utterance.id + " " + utterance.label + " " + utterance.categories);
            }
        }
    }

    @Test
    void wavFilesAre16kMono16BitWithConfiguredDurations() throws IOException {
        double min = Double.MAX_VALUE, max = 0, total = 0;
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            TestWav wav = TestWav.read(corpus.wavOf(utterance));
            assertEquals(1, wav.format, "PCM");
            assertEquals(1, wav.channels);
            assertEquals(16000, wav.sampleRate);
            assertEquals(32000, wav.byteRate);
            assertEquals(2, wav.blockAlign);
            assertEquals(16, wav.bitsPerSample);
            double seconds = wav.seconds();
            assertTrue(seconds >= 1.5 && seconds <= 4.0, utterance.id + " lasts " + seconds + " s");
            assertEquals(utterance.end - utterance.start, seconds, 1e-4, "turn times of " + utterance.id);
            min = Math.min(min, seconds);
            max = Math.max(max, seconds);
            total += seconds;
        }
        // The range is used, not just one end of it.
        assertTrue(min < 1.5 + 0.25 * 2.5 && max > 4.0 - 0.25 * 2.5, "durations in [" + min + ", " + max + "]");
        assertEquals(total, summary.audioSeconds(), 1e-6);
    }

    @Test
    void theProjectsWavReaderDecodesEveryFileAsWritten() throws IOException {
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            Audio decoded = WavReader.read(corpus.wavOf(utterance));
            assertEquals(16000, decoded.sampleRate(), utterance.id);
            assertEquals(1, decoded.channels(), utterance.id);
            assertEquals(16, decoded.bitsPerSample(), utterance.id);
            assertArrayEquals(TestWav.read(corpus.wavOf(utterance)).samples, decoded.samples(), utterance.id);
        }
    }

    @Test
    void labelProportionsFollowTheSettings() {
        Map<String, Integer> labels = new LinkedHashMap<>();
        Map<String, Integer> speakers = new TreeMap<>();
        Map<String, Set<String>> fourClassesBySpeaker = new TreeMap<>();
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            labels.merge(utterance.label, 1, Integer::sum);
            speakers.merge(utterance.speaker, 1, Integer::sum);
            String merged = fourClassLabel(utterance);
            if (FOUR_CLASSES.contains(merged)) {
                fourClassesBySpeaker
                        .computeIfAbsent(utterance.speaker, s -> new TreeSet<>())
                        .add(merged);
            }
        }
        assertEquals(10, speakers.size());
        for (Map.Entry<String, Integer> speaker : speakers.entrySet()) {
            assertEquals(40, speaker.getValue().intValue(), speaker.getKey());
            assertEquals(
                    4,
                    fourClassesBySpeaker.get(speaker.getKey()).size(),
                    "every speaker has all four classes: " + speaker.getKey());
        }
        for (Map.Entry<String, Double> configured : settings.labelProportions().entrySet()) {
            double share = labels.getOrDefault(configured.getKey(), 0) / 400.0;
            // Rounding each speaker's 40 labels moves a label by less than one utterance per speaker.
            assertEquals(configured.getValue(), share, 0.025, configured.getKey());
        }
        assertEquals(new TreeSet<>(settings.labelProportions().keySet()), new TreeSet<>(labels.keySet()));
        for (Map.Entry<String, Integer> count : summary.utterancesByLabel().entrySet()) {
            assertEquals(labels.getOrDefault(count.getKey(), 0), count.getValue(), count.getKey());
        }
        assertEquals(speakers, summary.utterancesBySpeaker());
    }

    /** Audio tells arousal: high-arousal classes are louder and higher; within an arousal pair they are alike. */
    @Test
    void audioStatisticsMoveWithArousalNotValence() {
        Map<String, Map<String, Double>> perStatistic = new LinkedHashMap<>();
        perStatistic.put("level dB", classMeans(s -> s.levelDb));
        perStatistic.put("log F0", classMeans(s -> Math.log(s.f0)));
        perStatistic.put("zero crossings", classMeans(s -> s.zeroCrossingRate));
        for (Map.Entry<String, Map<String, Double>> statistic : perStatistic.entrySet()) {
            Map<String, Double> means = statistic.getValue();
            System.out.printf(Locale.ROOT, "%s (speaker-normalised class means): %s%n", statistic.getKey(), means);
            double high = (means.get("ang") + means.get("hap")) / 2;
            double low = (means.get("neu") + means.get("sad")) / 2;
            double between = high - low;
            for (String loud : Arrays.asList("ang", "hap")) {
                for (String quiet : Arrays.asList("neu", "sad")) {
                    assertTrue(means.get(loud) > means.get(quiet), statistic.getKey() + ": " + loud + " > " + quiet);
                }
            }
            assertTrue(
                    Math.abs(means.get("ang") - means.get("hap")) < 0.3 * between,
                    statistic.getKey() + ": ang and hap alike compared with the arousal gap " + between);
            assertTrue(
                    Math.abs(means.get("neu") - means.get("sad")) < 0.3 * between,
                    statistic.getKey() + ": neu and sad alike compared with the arousal gap " + between);
        }
        Map<String, Double> level = perStatistic.get("level dB");
        assertTrue(
                (level.get("ang") + level.get("hap")) / 2 - (level.get("neu") + level.get("sad")) / 2 > 4.0,
                "high arousal is clearly louder: " + level);
        Map<String, Double> pitch = perStatistic.get("log F0");
        assertTrue(
                (pitch.get("ang") + pitch.get("hap")) / 2 - (pitch.get("neu") + pitch.get("sad")) / 2 > Math.log(1.15),
                "high arousal is clearly higher: " + pitch);
    }

    /**
     * Text tells valence: negative words only for ang/sad, non-negative only for hap/neu; within a pair most
     * valence words come from the group both share, so text hardly tells arousal.
     */
    @Test
    void wordsCarryValenceInSixtyPercentOfUtterances() {
        int ambiguous = 0;
        Map<String, Integer> carrying = new TreeMap<>();
        Map<String, Integer> totals = new TreeMap<>();
        Map<String, Map<WordGroup, Integer>> groupsByLabel = new TreeMap<>();
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            String label = fourClassLabel(utterance);
            int positive = 0, negative = 0;
            for (String word : utterance.transcript.split(" ")) {
                WordGroup group = SyntheticLexicon.groupOf(word);
                assertNotNull(group, "unknown word '" + word + "' in " + utterance.id);
                if (group.valenceSign() != 0) {
                    groupsByLabel.computeIfAbsent(label, l -> new TreeMap<>()).merge(group, 1, Integer::sum);
                }
                positive += group.valenceSign() > 0 ? 1 : 0;
                negative += group.valenceSign() < 0 ? 1 : 0;
            }
            if (positive + negative == 0) {
                ambiguous++;
            }
            totals.merge(label, 1, Integer::sum);
            if (label.equals("ang") || label.equals("sad")) {
                assertEquals(
                        0,
                        positive,
                        "non-negative word in " + label + " " + utterance.id + ": " + utterance.transcript);
                carrying.merge(label, negative > 0 ? 1 : 0, Integer::sum);
            } else if (label.equals("hap") || label.equals("neu")) {
                assertEquals(
                        0, negative, "negative word in " + label + " " + utterance.id + ": " + utterance.transcript);
                carrying.merge(label, positive > 0 ? 1 : 0, Integer::sum);
            }
            int words = utterance.transcript.split(" ").length;
            assertTrue(words >= settings.minWords() && words <= settings.maxWords(), utterance.id + ": " + words);
        }
        double ambiguousShare = ambiguous / 400.0;
        System.out.printf(
                Locale.ROOT,
                "ambiguous transcripts: %.3f; carrying valence by class: %s of %s; " + "valence words by group: %s%n",
                ambiguousShare,
                carrying,
                totals,
                groupsByLabel);
        assertEquals(0.4, ambiguousShare, 0.06);
        for (String label : Arrays.asList("neu", "hap", "ang", "sad")) {
            assertEquals(0.6, carrying.get(label) / (double) totals.get(label), 0.15, label);
        }
        assertPairSharesMostWords(
                groupsByLabel.get("ang"),
                groupsByLabel.get("sad"),
                WordGroup.NEGATIVE,
                WordGroup.HOSTILE,
                WordGroup.LOW);
        assertPairSharesMostWords(
                groupsByLabel.get("hap"),
                groupsByLabel.get("neu"),
                WordGroup.AGREEABLE,
                WordGroup.POSITIVE,
                WordGroup.FACTUAL);
    }

    /**
     * Over both classes of a valence pair, most valence-word occurrences are of the group they share; the rest
     * are of each class's own group, never of its partner's.
     */
    private static void assertPairSharesMostWords(
            Map<WordGroup, Integer> first,
            Map<WordGroup, Integer> second,
            WordGroup shared,
            WordGroup firstOwn,
            WordGroup secondOwn) {
        String counts = first + " / " + second;
        assertEquals(new TreeSet<>(Arrays.asList(shared, firstOwn)), new TreeSet<>(first.keySet()), counts);
        assertEquals(new TreeSet<>(Arrays.asList(shared, secondOwn)), new TreeSet<>(second.keySet()), counts);
        int total = first.values().stream().mapToInt(Integer::intValue).sum()
                + second.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(first.get(shared) + second.get(shared) > 0.55 * total, counts);
    }

    @Test
    void transcriptsUsePunctuationAndContractions() {
        String all = corpus.utterances.values().stream().map(u -> u.transcript).collect(Collectors.joining(" "));
        for (String expected : Arrays.asList("don't", "I'm", "it's", ",", "?", "!", ".")) {
            assertTrue(all.contains(expected), "transcripts contain " + expected);
        }
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            assertTrue(Character.isUpperCase(utterance.transcript.charAt(0)), utterance.transcript);
            assertTrue(utterance.transcript.matches(".*[.?!]"), utterance.transcript);
        }
    }

    @Test
    void embeddingsCoverTheTokensExceptTheDeliberateOutOfVocabularyWords() throws IOException {
        Map<String, double[]> vectors = readGlove(summary.embeddingsFile());
        assertEquals(summary.embeddingTokens(), vectors.size());
        Set<String> oov = new TreeSet<>(SyntheticLexicon.OUT_OF_VOCABULARY);
        Set<String> oovSeen = new TreeSet<>();
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            for (String token : tokenize(utterance.transcript)) {
                if (oov.contains(token.toLowerCase(Locale.ROOT))) {
                    oovSeen.add(token.toLowerCase(Locale.ROOT));
                    assertFalse(vectors.containsKey(token), token);
                } else {
                    assertTrue(vectors.containsKey(token), "no vector for '" + token + "' of " + utterance.id);
                }
            }
        }
        assertEquals(oov, oovSeen, "every deliberately missing word occurs in the corpus");
        for (String word : oov) {
            assertFalse(vectors.containsKey(word) || vectors.containsKey(SyntheticLexicon.capitalise(word)), word);
        }
    }

    /** The project's IEMOCAP reader takes the corpus as written: nothing rejected, counts and fields as generated. */
    @Test
    void theProjectsIemocapReaderAcceptsTheFourClassesAndExcludesTheRest() throws IOException {
        IemocapSettings iemocap =
                IemocapSettings.from(ConfigFactory.defaultReference().getConfig("mcsan.corpus.iemocap"));
        CorpusScan scan =
                new IemocapReader("synthetic", summary.corpusRoot().toString(), iemocap, new Configuration()).read();

        assertTrue(scan.rejected().isEmpty(), "rejected: " + scan.rejected());
        assertEquals(400, scan.recordsSeen());
        Map<String, Long> excluded = new TreeMap<>();
        for (String label : Arrays.asList("fru", "sur", "xxx")) {
            excluded.put(label, (long) summary.utterancesByLabel().get(label));
        }
        assertEquals(excluded, new TreeMap<>(scan.excludedByLabel()));
        int fourClass = 0;
        for (String label : Arrays.asList("neu", "hap", "exc", "ang", "sad")) {
            fourClass += summary.utterancesByLabel().get(label);
        }
        assertEquals(fourClass, scan.utterances().size());

        Set<String> speakers = new TreeSet<>();
        for (Utterance read : scan.utterances()) {
            ParsedCorpus.Utterance written = corpus.utterances.get(read.utteranceId());
            assertEquals(written.transcript, read.transcript(), read.utteranceId());
            assertEquals(written.speaker, read.speaker(), read.utteranceId());
            assertEquals(fourClassLabel(written), read.label(), read.utteranceId());
            assertEquals(
                    corpus.wavOf(written).toAbsolutePath().toString(),
                    new org.apache.hadoop.fs.Path(read.audioPath()).toUri().getPath(),
                    read.utteranceId());
            speakers.add(read.speaker());
        }
        assertEquals(summary.utterancesBySpeaker().keySet(), speakers);
    }

    /** The project's tokenizer and GloVe reader find a vector for every token but the deliberately missing words. */
    @Test
    void theProjectsTokenizerAndGloveReaderMissOnlyTheDeliberateWords() throws IOException {
        Tokenizer tokenizer =
                new Tokenizer(TextSettings.from(ConfigFactory.defaultReference().getConfig("mcsan.features.text")));
        Set<String> tokens = new HashSet<>();
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            tokens.addAll(tokenizer.tokenize(utterance.transcript));
        }
        GloveTable table = GloveReader.read(summary.embeddingsFile().toString(), 300, tokens, new Configuration());
        assertEquals(summary.embeddingTokens(), table.stats().linesRead());
        assertEquals(
                0,
                table.stats().malformedLines()
                        + table.stats().invalidUtf8()
                        + table.stats().duplicateWords());
        Set<String> missing = new TreeSet<>();
        for (String token : tokens) {
            if (table.get(token) == null) {
                missing.add(token.toLowerCase(Locale.ROOT));
            }
        }
        assertEquals(new TreeSet<>(SyntheticLexicon.OUT_OF_VOCABULARY), missing);
    }

    /** Words of like valence lie together: a nearest-centroid rule (leave one out) recovers each word's valence. */
    @Test
    void embeddingsPlaceWordsByValence() throws IOException {
        Map<String, double[]> vectors = readGlove(summary.embeddingsFile());
        List<double[]> positive = new ArrayList<>();
        List<double[]> negative = new ArrayList<>();
        for (Map.Entry<String, double[]> entry : vectors.entrySet()) {
            String token = entry.getKey();
            if (!token.equals(token.toLowerCase(Locale.ROOT))) {
                continue;
            }
            WordGroup group = SyntheticLexicon.groupOf(token);
            if (group != null && group.valenceSign() > 0) {
                positive.add(entry.getValue());
            } else if (group != null && group.valenceSign() < 0) {
                negative.add(entry.getValue());
            }
        }
        assertTrue(positive.size() > 40 && negative.size() > 40);
        int correct = 0;
        for (int i = 0; i < positive.size(); i++) {
            correct += closerToFirst(positive.get(i), centroid(positive, i), centroid(negative, -1)) ? 1 : 0;
        }
        for (int i = 0; i < negative.size(); i++) {
            correct += closerToFirst(negative.get(i), centroid(negative, i), centroid(positive, -1)) ? 1 : 0;
        }
        double accuracy = correct / (double) (positive.size() + negative.size());
        assertTrue(accuracy > 0.95, "nearest-centroid valence accuracy " + accuracy);
        double meanNorm = 0;
        for (double[] vector : vectors.values()) {
            meanNorm += Math.sqrt(dot(vector, vector)) / vectors.size();
        }
        assertTrue(meanNorm > 3 && meanNorm < 10, "GloVe-like vector norms, mean " + meanNorm);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Speaker-normalised means of one statistic for the four classes (exc merged into hap). */
    private static Map<String, Double> classMeans(java.util.function.ToDoubleFunction<AudioStats> statistic) {
        Map<String, double[]> speakerSums = new HashMap<>();
        List<ParsedCorpus.Utterance> fourClass = new ArrayList<>();
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            if (FOUR_CLASSES.contains(fourClassLabel(utterance))) {
                fourClass.add(utterance);
                double[] sum = speakerSums.computeIfAbsent(utterance.speaker, s -> new double[2]);
                sum[0] += statistic.applyAsDouble(audio.get(utterance.id));
                sum[1]++;
            }
        }
        Map<String, double[]> classSums = new TreeMap<>();
        for (ParsedCorpus.Utterance utterance : fourClass) {
            String label = fourClassLabel(utterance);
            double[] speaker = speakerSums.get(utterance.speaker);
            double[] sum = classSums.computeIfAbsent(label, l -> new double[2]);
            sum[0] += statistic.applyAsDouble(audio.get(utterance.id)) - speaker[0] / speaker[1];
            sum[1]++;
        }
        Map<String, Double> means = new TreeMap<>();
        for (Map.Entry<String, double[]> entry : classSums.entrySet()) {
            means.put(entry.getKey(), entry.getValue()[0] / entry.getValue()[1]);
        }
        return means;
    }

    /** A Penn-Treebank-like tokenizer: punctuation split off, clitics ("n't", "'m", "'s") separate. */
    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        for (String chunk : text.split(" ")) {
            List<String> trailing = new ArrayList<>();
            while (!chunk.isEmpty() && ".,?!".indexOf(chunk.charAt(chunk.length() - 1)) >= 0) {
                trailing.add(0, chunk.substring(chunk.length() - 1));
                chunk = chunk.substring(0, chunk.length() - 1);
            }
            java.util.regex.Matcher clitic = java.util.regex.Pattern.compile("(.+?)(n't|'s|'m|'re|'ve|'ll|'d)")
                    .matcher(chunk);
            if (clitic.matches()) {
                tokens.add(clitic.group(1));
                tokens.add(clitic.group(2));
            } else if (!chunk.isEmpty()) {
                tokens.add(chunk);
            }
            tokens.addAll(trailing);
        }
        return tokens;
    }

    static Map<String, double[]> readGlove(Path file) throws IOException {
        Map<String, double[]> vectors = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(" ");
            assertEquals(301, fields.length, "line " + (i + 1) + " has a token and 300 values");
            double[] vector = new double[300];
            for (int d = 0; d < 300; d++) {
                assertTrue(fields[d + 1].matches("-?\\d+\\.\\d{5}"), "line " + (i + 1) + ": " + fields[d + 1]);
                vector[d] = Double.parseDouble(fields[d + 1]);
            }
            assertTrue(vectors.put(fields[0], vector) == null, "duplicate token " + fields[0]);
        }
        return vectors;
    }

    private static double[] centroid(List<double[]> vectors, int leaveOut) {
        double[] sum = new double[300];
        for (int i = 0; i < vectors.size(); i++) {
            if (i != leaveOut) {
                for (int d = 0; d < 300; d++) {
                    sum[d] += vectors.get(i)[d];
                }
            }
        }
        return sum;
    }

    private static boolean closerToFirst(double[] vector, double[] first, double[] second) {
        return cosine(vector, first) > cosine(vector, second);
    }

    private static double cosine(double[] a, double[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
