package org.mcsan.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a synthetic corpus back with regular expressions that follow IEMOCAP's formats (the EmoEvaluation and
 * transcription lines that the features module's IemocapReader parses), failing on any line that is not one of
 * the known kinds. Independent of the generator's code.
 */
final class ParsedCorpus {

    static final Pattern EMO_HEADER = Pattern.compile("% \\[START_TIME - END_TIME\\] TURN_NAME EMOTION \\[V, A, D\\]");
    static final Pattern EMO_TURN = Pattern.compile(
            "\\[(\\d+\\.\\d{4}) - (\\d+\\.\\d{4})\\]\\t(Ses(\\d{2})[FM]_[a-z]+\\d{2}_([FM])\\d{3})\\t([a-z]{3})"
                    + "\\t\\[(\\d\\.\\d{4}), (\\d\\.\\d{4}), (\\d\\.\\d{4})\\]");
    static final Pattern EMO_CATEGORY = Pattern.compile("C-E\\d:\\t([A-Z][a-z]+);\\t\\(\\)");
    static final Pattern EMO_DIMENSIONS = Pattern.compile("A-E\\d:\\tval (\\d); act (\\d); dom  (\\d);\\t\\(\\)");
    static final Pattern TRANSCRIPT = Pattern.compile(
            "(Ses\\d{2}[FM]_[a-z]+\\d{2}_[FM]\\d{3}) \\[(\\d{3,}\\.\\d{4})-(\\d{3,}\\.\\d{4})\\]: (.+)");
    static final Pattern UNLABELLED_TURN =
            Pattern.compile("Ses\\d{2}[FM]_[a-z]+\\d{2}_[FM]XX\\d \\[\\d{3,}\\.\\d{4}-\\d{3,}\\.\\d{4}\\]: .+");
    static final Pattern NOISE_LINE = Pattern.compile("[FM]: \\[[A-Z]+\\]");

    /** One labelled utterance. */
    static final class Utterance {
        final String id, session, dialog, speaker, label;
        final double start, end;
        final double[] vad;
        final List<String> categories = new ArrayList<>();
        final List<int[]> ratings = new ArrayList<>();
        String transcript;
        double transcriptStart, transcriptEnd;

        Utterance(
                String id,
                String session,
                String dialog,
                String speaker,
                String label,
                double start,
                double end,
                double[] vad) {
            this.id = id;
            this.session = session;
            this.dialog = dialog;
            this.speaker = speaker;
            this.label = label;
            this.start = start;
            this.end = end;
            this.vad = vad;
        }
    }

    final Path root;
    final Map<String, Utterance> utterances = new TreeMap<>();
    /** Dialog name to its session directory name. */
    final Map<String, String> dialogs = new TreeMap<>();

    int skippedTranscriptLines;

    private ParsedCorpus(Path root) {
        this.root = root;
    }

    static ParsedCorpus read(Path root) throws IOException {
        ParsedCorpus corpus = new ParsedCorpus(root);
        for (Path session : list(root)) {
            for (Path file : list(session.resolve("dialog").resolve("EmoEvaluation"))) {
                corpus.readEmoEvaluation(session, file);
            }
            for (Path file : list(session.resolve("dialog").resolve("transcriptions"))) {
                corpus.readTranscription(file);
            }
        }
        return corpus;
    }

    Path wavOf(Utterance utterance) {
        return root.resolve(utterance.session)
                .resolve("sentences")
                .resolve("wav")
                .resolve(utterance.dialog)
                .resolve(utterance.id + ".wav");
    }

    private void readEmoEvaluation(Path session, Path file) throws IOException {
        String dialog = file.getFileName().toString().replaceFirst("\\.txt$", "");
        dialogs.put(dialog, session.getFileName().toString());
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        check(EMO_HEADER.matcher(lines.get(0)).matches(), file, 1, lines.get(0));
        Utterance current = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m;
            if (line.isEmpty()) {
                current = null;
            } else if ((m = EMO_TURN.matcher(line)).matches()) {
                String id = m.group(3);
                check(id.startsWith(dialog + "_"), file, i + 1, "turn of another dialog: " + line);
                check(current == null, file, i + 1, "turn without a blank line before it: " + line);
                String speaker = "Ses" + m.group(4) + m.group(5);
                current = new Utterance(
                        id,
                        session.getFileName().toString(),
                        dialog,
                        speaker,
                        m.group(6),
                        Double.parseDouble(m.group(1)),
                        Double.parseDouble(m.group(2)),
                        new double[] {
                            Double.parseDouble(m.group(7)),
                            Double.parseDouble(m.group(8)),
                            Double.parseDouble(m.group(9))
                        });
                check(utterances.put(id, current) == null, file, i + 1, "duplicate id " + id);
            } else if ((m = EMO_CATEGORY.matcher(line)).matches()) {
                check(current != null, file, i + 1, "annotator line outside a turn: " + line);
                current.categories.add(m.group(1));
            } else if ((m = EMO_DIMENSIONS.matcher(line)).matches()) {
                check(current != null, file, i + 1, "annotator line outside a turn: " + line);
                current.ratings.add(new int[] {
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
                });
            } else {
                check(false, file, i + 1, "unexpected line: " + line);
            }
        }
    }

    private void readTranscription(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = TRANSCRIPT.matcher(line);
            if (m.matches()) {
                Utterance utterance = utterances.get(m.group(1));
                check(utterance != null, file, i + 1, "transcript of an unlabelled utterance: " + line);
                check(utterance.transcript == null, file, i + 1, "second transcript for " + m.group(1));
                utterance.transcript = m.group(4);
                utterance.transcriptStart = Double.parseDouble(m.group(2));
                utterance.transcriptEnd = Double.parseDouble(m.group(3));
            } else {
                check(
                        UNLABELLED_TURN.matcher(line).matches()
                                || NOISE_LINE.matcher(line).matches(),
                        file,
                        i + 1,
                        "unexpected line: " + line);
                skippedTranscriptLines++;
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().collect(Collectors.toList());
        }
    }

    private static void check(boolean condition, Path file, int line, String message) {
        if (!condition) {
            throw new AssertionError(file + ":" + line + ": " + message);
        }
    }
}
