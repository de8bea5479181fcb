package org.mcsan.synth;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Generates the synthetic corpus: an IEMOCAP-shaped directory of speech-like audio with labels and transcripts,
 * and a GloVe-format embeddings file for its vocabulary, such that audio tells arousal and words tell valence.
 *
 * <pre>
 * &lt;out&gt;/IEMOCAP_full_release/SessionN/
 *     dialog/EmoEvaluation/&lt;dialog&gt;.txt      labels and annotator lines, IEMOCAP's format
 *     dialog/transcriptions/&lt;dialog&gt;.txt     "Ses01F_impro01_F000 [006.2901-008.2357]: Excuse me." (+ a few
 *                                             non-utterance lines a reader must skip)
 *     sentences/wav/&lt;dialog&gt;/&lt;utterance&gt;.wav  16 kHz, mono, 16-bit PCM
 * &lt;out&gt;/glove.synthetic.300d.txt
 * </pre>
 *
 * Each speaker's labels follow the configured proportions exactly up to rounding (largest remainders), in random
 * order. The corpus is first written under {@code IEMOCAP_full_release.partial} and renamed when complete, so an
 * interrupted run never leaves a corpus that looks finished.
 */
public final class SyntheticCorpus {

    /** Name of the corpus directory inside the output directory, as in the IEMOCAP distribution. */
    public static final String CORPUS_DIRECTORY = "IEMOCAP_full_release";
    /** Name of the embeddings file inside the output directory. */
    public static final String EMBEDDINGS_FILE = SyntheticEmbeddings.FILE_NAME;

    /**
     * Seconds of speech per word at one syllable per second, pauses included (measured over generated
     * transcripts at neutral prosody): a transcript of n words spoken at r syllables/s lasts about
     * n * this / r seconds.
     */
    private static final double SYLLABLE_SECONDS_PER_WORD = 1.7;
    /** Mean leading plus trailing silence of an utterance, in seconds. */
    private static final double MEAN_SILENCE_SECONDS = 0.38;

    private SyntheticCorpus() {}

    /**
     * Writes the corpus and the embeddings into {@code outDir} (created if missing).
     *
     * @throws FileAlreadyExistsException if {@code outDir} already holds a corpus or an embeddings file
     */
    public static SynthSummary generate(Path outDir, SynthSettings settings) throws IOException {
        Path corpusRoot = outDir.resolve(CORPUS_DIRECTORY);
        Path embeddings = outDir.resolve(EMBEDDINGS_FILE);
        for (Path existing : new Path[] {corpusRoot, embeddings}) {
            if (Files.exists(existing)) {
                throw new FileAlreadyExistsException(
                        existing.toString(),
                        null,
                        "the synthetic corpus is not written over existing output; delete it or choose another directory");
            }
        }
        Files.createDirectories(outDir);
        Path staging = outDir.resolve(CORPUS_DIRECTORY + ".partial");
        deleteRecursively(staging);

        Tally tally = new Tally(settings);
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int session = 1; session <= settings.sessions(); session++) {
            new SessionWriter(staging, session, settings, random.split(), tally).write();
        }
        Files.move(staging, corpusRoot, StandardCopyOption.ATOMIC_MOVE);

        Path embeddingsStaging = outDir.resolve(EMBEDDINGS_FILE + ".partial");
        int tokens = SyntheticEmbeddings.write(embeddingsStaging, settings.seed());
        Files.move(embeddingsStaging, embeddings, StandardCopyOption.ATOMIC_MOVE);

        return new SynthSummary(
                corpusRoot,
                embeddings,
                tally.dialogs,
                tally.byLabel,
                tally.bySpeaker,
                tally.samples / (double) SpeechSynthesizer.SAMPLE_RATE,
                tokens);
    }

    /** Counts of what has been written. */
    private static final class Tally {
        final Map<String, Integer> byLabel = new LinkedHashMap<>();
        final Map<String, Integer> bySpeaker = new TreeMap<>();
        long samples;
        int dialogs;

        Tally(SynthSettings settings) {
            for (SynthEmotion emotion : settings.emotionProportions().keySet()) {
                byLabel.put(emotion.code(), 0);
            }
        }

        void add(String speaker, SynthEmotion emotion, int sampleCount) {
            byLabel.merge(emotion.code(), 1, Integer::sum);
            bySpeaker.merge(speaker, 1, Integer::sum);
            samples += sampleCount;
        }
    }

    /** One utterance as it appears in the label and transcript files. */
    private static final class Turn {
        final String id;
        final SynthEmotion emotion;
        final String transcript;
        final double start, end;

        Turn(String id, SynthEmotion emotion, String transcript, double start, double end) {
            this.id = id;
            this.emotion = emotion;
            this.transcript = transcript;
            this.start = start;
            this.end = end;
        }
    }

    /** Writes one session: two speakers, their dialogs, labels, transcripts and audio. */
    private static final class SessionWriter {
        private final Path sessionDir;
        private final String prefix;
        private final SynthSettings settings;
        private final SplittableRandom random;
        private final Tally tally;
        private final Voice female, male;
        private final List<SynthEmotion> femaleLabels, maleLabels;

        SessionWriter(Path corpusRoot, int session, SynthSettings settings, SplittableRandom random, Tally tally) {
            this.sessionDir = corpusRoot.resolve("Session" + session);
            this.prefix = String.format(Locale.ROOT, "Ses%02d", session);
            this.settings = settings;
            this.random = random;
            this.tally = tally;
            this.female = Voice.draw('F', random);
            this.male = Voice.draw('M', random);
            this.femaleLabels = labels(settings.emotionProportions(), settings.utterancesPerSpeaker(), random);
            this.maleLabels = labels(settings.emotionProportions(), settings.utterancesPerSpeaker(), random);
        }

        void write() throws IOException {
            int dialogs = settings.dialogsPerSession();
            int perSpeaker = settings.utterancesPerSpeaker();
            int femaleNext = 0, maleNext = 0;
            for (int d = 0; d < dialogs; d++) {
                // Dialog names as in IEMOCAP: the letter says which speaker leads; improvised and scripted alternate.
                String dialog = String.format(
                        Locale.ROOT,
                        "%s%c_%s%02d",
                        prefix,
                        d % 2 == 0 ? 'F' : 'M',
                        (d / 2) % 2 == 0 ? "impro" : "script",
                        d / 4 + 1);
                int share = perSpeaker / dialogs + (d < perSpeaker % dialogs ? 1 : 0);
                List<SynthEmotion> femaleTurns = femaleLabels.subList(femaleNext, femaleNext + share);
                List<SynthEmotion> maleTurns = maleLabels.subList(maleNext, maleNext + share);
                femaleNext += share;
                maleNext += share;
                writeDialog(dialog, femaleTurns, maleTurns);
                tally.dialogs++;
            }
        }

        private void writeDialog(String dialog, List<SynthEmotion> femaleTurns, List<SynthEmotion> maleTurns)
                throws IOException {
            List<Turn> turns = new ArrayList<>();
            int femaleDone = 0, maleDone = 0;
            double clock = RandomDraws.uniform(random, 1.5, 8.0);
            while (femaleDone < femaleTurns.size() || maleDone < maleTurns.size()) {
                // Speakers take turns at random, in proportion to what each has left to say.
                int femaleLeft = femaleTurns.size() - femaleDone;
                int maleLeft = maleTurns.size() - maleDone;
                boolean femaleSpeaks = random.nextInt(femaleLeft + maleLeft) < femaleLeft;
                char sex = femaleSpeaks ? 'F' : 'M';
                int index = femaleSpeaks ? femaleDone++ : maleDone++;
                SynthEmotion emotion = femaleSpeaks ? femaleTurns.get(index) : maleTurns.get(index);
                String id = String.format(Locale.ROOT, "%s_%c%03d", dialog, sex, index);
                Voice voice = femaleSpeaks ? female : male;

                Utterance utterance = synthesize(voice, emotion, random.split());
                Path wav = sessionDir
                        .resolve("sentences")
                        .resolve("wav")
                        .resolve(dialog)
                        .resolve(id + ".wav");
                WavWriter.writeMono(wav, utterance.audio, SpeechSynthesizer.SAMPLE_RATE);
                tally.add(prefix + sex, emotion, utterance.audio.length);

                double start = round4(clock);
                double end = round4(start + utterance.audio.length / (double) SpeechSynthesizer.SAMPLE_RATE);
                turns.add(new Turn(id, emotion, utterance.transcript, start, end));
                clock = end + RandomDraws.uniform(random, 0.3, 2.0);
            }
            writeEmoEvaluation(dialog, turns);
            writeTranscription(dialog, turns);
        }

        private Utterance synthesize(Voice voice, SynthEmotion emotion, SplittableRandom utteranceRandom) {
            // xxx (no agreement) sounds and reads like a random basic label.
            SynthEmotion sound =
                    emotion == SynthEmotion.XXX ? RandomDraws.pick(utteranceRandom, SynthEmotion.STAND_INS) : emotion;
            boolean carriesValence = utteranceRandom.nextDouble() < settings.valenceTextFraction();
            double targetSeconds =
                    RandomDraws.uniform(utteranceRandom, settings.minDurationSeconds(), settings.maxDurationSeconds());
            // The word count follows the duration at the speaker's neutral rate, so it says nothing about emotion.
            double speechSeconds = Math.max(0.0, targetSeconds - MEAN_SILENCE_SECONDS);
            long words = Math.round(speechSeconds
                    * voice.syllableRate
                    / SYLLABLE_SECONDS_PER_WORD
                    * RandomDraws.uniform(utteranceRandom, 0.9, 1.1));
            int wordCount = (int) Math.max(settings.minWords(), Math.min(settings.maxWords(), words));
            String transcript =
                    TranscriptGenerator.generate(sound.wordGroups, carriesValence, wordCount, utteranceRandom);
            Prosody prosody = Prosody.draw(voice, sound, utteranceRandom);
            SpeechSynthesizer.Plan plan = SpeechSynthesizer.plan(
                    transcript, prosody, settings.minDurationSeconds(), settings.maxDurationSeconds(), utteranceRandom);
            return new Utterance(transcript, SpeechSynthesizer.render(plan, prosody, utteranceRandom));
        }

        /** IEMOCAP's EmoEvaluation format: a header, then per turn a label line and annotator lines. */
        private void writeEmoEvaluation(String dialog, List<Turn> turns) throws IOException {
            StringBuilder text = new StringBuilder("% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]\n\n");
            for (Turn turn : turns) {
                List<String> categories = annotatorCategories(turn.emotion);
                int[][] vad = new int[3][];
                double[] mean = new double[3];
                for (int a = 0; a < 3; a++) {
                    vad[a] = new int[] {
                        rating(turn.emotion.valence), rating(turn.emotion.activation), rating(turn.emotion.dominance)
                    };
                    for (int k = 0; k < 3; k++) {
                        mean[k] += vad[a][k] / 3.0;
                    }
                }
                text.append(String.format(
                        Locale.ROOT,
                        "[%.4f - %.4f]\t%s\t%s\t[%.4f, %.4f, %.4f]\n",
                        turn.start,
                        turn.end,
                        turn.id,
                        turn.emotion.code(),
                        mean[0],
                        mean[1],
                        mean[2]));
                for (int a = 0; a < categories.size(); a++) {
                    text.append("C-E")
                            .append(a + 1)
                            .append(":\t")
                            .append(categories.get(a))
                            .append(";\t()\n");
                }
                for (int a = 0; a < 3; a++) {
                    text.append(String.format(
                            Locale.ROOT,
                            "A-E%d:\tval %d; act %d; dom  %d;\t()\n",
                            a + 1,
                            vad[a][0],
                            vad[a][1],
                            vad[a][2]));
                }
                text.append('\n');
            }
            writeText(sessionDir.resolve("dialog").resolve("EmoEvaluation").resolve(dialog + ".txt"), text);
        }

        /**
         * Three annotators' categories: for a label, at least two choose it; for xxx, all three differ, so no
         * majority exists.
         */
        private List<String> annotatorCategories(SynthEmotion emotion) {
            List<String> others = new ArrayList<>();
            for (SynthEmotion candidate : SynthEmotion.values()) {
                if (candidate != emotion && candidate.category != null) {
                    others.add(candidate.category);
                }
            }
            Collections.sort(others);
            List<String> categories = new ArrayList<>();
            if (emotion.category == null) {
                for (int a = 0; a < 3; a++) {
                    categories.add(others.remove(random.nextInt(others.size())));
                }
            } else {
                categories.add(emotion.category);
                categories.add(emotion.category);
                categories.add(random.nextDouble() < 0.6 ? emotion.category : RandomDraws.pick(random, others));
                Collections.rotate(categories, random.nextInt(3));
            }
            return categories;
        }

        /** One annotator's 1-5 rating around a mean. */
        private int rating(double mean) {
            long value = Math.round(mean + 0.6 * RandomDraws.gaussian(random));
            return (int) Math.max(1, Math.min(5, value));
        }

        /**
         * IEMOCAP's transcription format, one turn per line in time order, with a breathing or laughter line and
         * an unlabelled "XX" turn that readers must skip, as in the real files.
         */
        private void writeTranscription(String dialog, List<Turn> turns) throws IOException {
            List<String> lines = new ArrayList<>();
            for (Turn turn : turns) {
                lines.add(String.format(
                        Locale.ROOT, "%s [%08.4f-%08.4f]: %s", turn.id, turn.start, turn.end, turn.transcript));
            }
            Turn before = turns.get(random.nextInt(turns.size()));
            char sex = random.nextBoolean() ? 'F' : 'M';
            double start = round4(before.end + 0.1);
            lines.add(
                    turns.indexOf(before) + 1,
                    String.format(
                            Locale.ROOT,
                            "%s_%cXX0 [%08.4f-%08.4f]: %s",
                            dialog,
                            sex,
                            start,
                            round4(start + 0.8),
                            SyntheticLexicon.capitalise(RandomDraws.pick(random, SyntheticLexicon.AMBIGUOUS_CLAUSES))));
            lines.add(
                    random.nextInt(lines.size() + 1),
                    (random.nextBoolean() ? "F" : "M") + ": " + (random.nextBoolean() ? "[BREATHING]" : "[LAUGHTER]"));
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append('\n');
            }
            writeText(sessionDir.resolve("dialog").resolve("transcriptions").resolve(dialog + ".txt"), text);
        }
    }

    /** The transcript and samples of one utterance. */
    private static final class Utterance {
        final String transcript;
        final float[] audio;

        Utterance(String transcript, float[] audio) {
            this.transcript = transcript;
            this.audio = audio;
        }
    }

    /**
     * A speaker's labels: each label gets floor(share * n) utterances, the largest remainders one more, then the
     * order is shuffled.
     */
    static List<SynthEmotion> labels(Map<SynthEmotion, Double> proportions, int count, SplittableRandom random) {
        Map<SynthEmotion, Integer> counts = new EnumMap<>(SynthEmotion.class);
        List<SynthEmotion> byRemainder = new ArrayList<>();
        int assigned = 0;
        for (Map.Entry<SynthEmotion, Double> entry : proportions.entrySet()) {
            int floor = (int) Math.floor(entry.getValue() * count);
            counts.put(entry.getKey(), floor);
            assigned += floor;
            if (entry.getValue() > 0) {
                byRemainder.add(entry.getKey());
            }
        }
        // Ties (equal remainders) are broken at random, so that no label is favoured in every speaker.
        Collections.shuffle(byRemainder, new Random(random.nextLong()));
        byRemainder.sort(
                (a, b) -> Double.compare(remainder(proportions.get(b), count), remainder(proportions.get(a), count)));
        for (int i = 0; assigned < count; i++, assigned++) {
            counts.merge(byRemainder.get(i % byRemainder.size()), 1, Integer::sum);
        }
        List<SynthEmotion> labels = new ArrayList<>(count);
        for (Map.Entry<SynthEmotion, Integer> entry : counts.entrySet()) {
            labels.addAll(Collections.nCopies(entry.getValue(), entry.getKey()));
        }
        for (int i = labels.size() - 1; i > 0; i--) {
            Collections.swap(labels, i, random.nextInt(i + 1));
        }
        return labels;
    }

    private static double remainder(double share, int count) {
        double scaled = share * count;
        return scaled - Math.floor(scaled);
    }

    private static double round4(double seconds) {
        return Math.round(seconds * 10_000.0) / 10_000.0;
    }

    private static void writeText(Path file, CharSequence text) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.append(text);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root) && !org.apache.hadoop.fs.FileUtil.fullyDelete(root.toFile())) {
            throw new IOException("cannot delete " + root);
        }
    }
}
