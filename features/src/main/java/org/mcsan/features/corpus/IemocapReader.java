package org.mcsan.features.corpus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.mcsan.contracts.run.UtteranceInfo;

/**
 * Reads the IEMOCAP_full_release layout (and the built-in synthetic corpus, which uses the same layout):
 * <ul>
 *   <li>labels from {@code SessionN/dialog/EmoEvaluation/<dialog>.txt}: header lines
 *       {@code [6.2901 - 8.2357]<TAB>Ses01F_impro01_F000<TAB>neu<TAB>[2.5000, 2.5000, 2.5000]}; annotator lines
 *       ({@code C-E1:...}, {@code A-E2:...}) and other text are ignored;</li>
 *   <li>transcripts from {@code SessionN/dialog/transcriptions/<dialog>.txt}:
 *       {@code Ses01F_impro01_F000 [006.2901-008.2357]: Excuse me.}; lines whose first word is not an utterance
 *       id (e.g. {@code M: ...}, {@code Ses01F_impro01_MXX0 [...]}) are skipped;</li>
 *   <li>audio at {@code SessionN/<audio-path template>}, by default {@code sentences/wav/<dialog>/<utt>.wav}
 *       (not checked here: the audio stage does).</li>
 * </ul>
 * Sessions are discovered ({@code Session1..N}). Speaker = session + the letter of the id's final segment
 * ({@code Ses01F_impro01_M012} → {@code Ses01M}; the dialog's letter is who wore the motion-capture markers, not
 * the speaker); session = {@code Ses01}.
 *
 * <p>Each EmoEvaluation header line is one utterance record; it is excluded when its label is in the excluded
 * set, rejected when it is malformed, a duplicate (the first occurrence is kept), of an unknown label or without a
 * transcript line, else accepted. A transcript line for an id that no header names is a record of its own and
 * rejected ("transcript with no label"), as is a second transcript line for the same id.
 */
public final class IemocapReader implements CorpusReader {
    /** Utterance id: session prefix, dialog, and a final segment of speaker letter + digits (F000, M012). */
    static final Pattern UTTERANCE_ID = Pattern.compile("^(Ses\\d+)[A-Za-z]_\\S+_([A-Za-z])\\d+$");

    private static final Pattern SESSION_DIR = Pattern.compile("^Session(\\d+)$");
    private static final Pattern HEADER = Pattern.compile(
            "^\\[\\s*\\d+(?:\\.\\d*)?\\s*-\\s*\\d+(?:\\.\\d*)?\\s*\\]\\s+(\\S+)\\s+(\\S+)\\s+\\[[^\\]]*\\]\\s*$");
    private static final Pattern TRANSCRIPT = Pattern.compile("^(\\S+)\\s+\\[[^\\]]*\\]\\s*:(.*)$");

    private final String corpus;
    private final Path root;
    private final IemocapSettings settings;
    private final CorpusFiles files;

    /**
     * @param corpus "iemocap" or "synthetic"
     * @param root   the IEMOCAP_full_release directory (local path or Hadoop URI)
     */
    public IemocapReader(String corpus, String root, IemocapSettings settings, Configuration hadoopConf) {
        this.corpus = corpus;
        this.root = new Path(root);
        this.settings = settings;
        this.files = new CorpusFiles(hadoopConf);
    }

    @Override
    public CorpusScan read() throws IOException {
        List<Path> sessions = sessionDirectories();
        ScanBuilder scan = new ScanBuilder(corpus, IemocapReader::originOf);
        Map<String, TranscriptLine> transcripts = new LinkedHashMap<>();
        for (Path session : sessions) {
            readTranscripts(session, transcripts, scan);
        }
        Set<String> labelled = new HashSet<>();
        for (Path session : sessions) {
            readLabels(session, transcripts, labelled, scan);
        }
        for (TranscriptLine t : transcripts.values()) {
            if (!labelled.contains(t.utteranceId)) {
                scan.saw();
                scan.reject(
                        t.utteranceId,
                        t.place,
                        "transcript with no label: no EmoEvaluation header names " + t.utteranceId);
            }
        }
        return scan.build(settings.labels().classes());
    }

    private List<Path> sessionDirectories() throws IOException {
        if (!files.isDirectory(root)) {
            throw new IOException("IEMOCAP corpus directory not found: " + root);
        }
        Map<Integer, Path> byNumber = new TreeMap<>();
        for (Path dir : files.directories(root)) {
            Matcher m = SESSION_DIR.matcher(dir.getName());
            if (m.matches()) byNumber.put(Integer.parseInt(m.group(1)), dir);
        }
        if (byNumber.isEmpty()) {
            throw new IOException("no SessionN directories under " + root + "; expected the IEMOCAP_full_release"
                    + " layout SessionN/dialog/EmoEvaluation/<dialog>.txt");
        }
        return new ArrayList<>(byNumber.values());
    }

    /** Reads every transcription file of a session into {@code transcripts}, rejecting repeated ids. */
    private void readTranscripts(Path session, Map<String, TranscriptLine> transcripts, ScanBuilder scan)
            throws IOException {
        Path dir = new Path(session, "dialog/transcriptions");
        if (!files.isDirectory(dir)) {
            throw new IOException("transcriptions directory not found: " + dir);
        }
        for (Path file : files.files(dir, ".txt")) {
            List<String> lines = files.readLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                int space = indexOfWhitespace(line);
                String first = space < 0 ? line : line.substring(0, space);
                if (!UTTERANCE_ID.matcher(first).matches()) continue;
                String place = file + ":" + (i + 1);
                Matcher m = TRANSCRIPT.matcher(line);
                TranscriptLine t = m.matches() && m.group(1).equals(first)
                        ? new TranscriptLine(first, m.group(2).trim(), null, place)
                        : new TranscriptLine(
                                first,
                                null,
                                "malformed transcript line at " + place
                                        + ": expected '<utterance> [<start>-<end>]: <text>', got '" + line + "'",
                                place);
                TranscriptLine earlier = transcripts.putIfAbsent(first, t);
                if (earlier != null) {
                    scan.saw();
                    scan.reject(
                            first,
                            place,
                            "duplicate transcript line for " + first + ": first at " + earlier.place + ", again at "
                                    + place + "; kept the first");
                }
            }
        }
    }

    private void readLabels(
            Path session, Map<String, TranscriptLine> transcripts, Set<String> labelled, ScanBuilder scan)
            throws IOException {
        Path dir = new Path(session, "dialog/EmoEvaluation");
        if (!files.isDirectory(dir)) {
            throw new IOException("EmoEvaluation directory not found: " + dir);
        }
        for (Path file : files.files(dir, ".txt")) {
            String dialog = file.getName().substring(0, file.getName().length() - ".txt".length());
            List<String> lines = files.readLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (!line.startsWith("[")) continue; // annotator lines, the % header, blank lines
                scan.saw();
                String place = file + ":" + (i + 1);
                Matcher m = HEADER.matcher(line);
                if (!m.matches()) {
                    String id = findUtteranceId(line);
                    if (id != null) labelled.add(id);
                    scan.reject(
                            id,
                            place,
                            "malformed EmoEvaluation line at " + place + ": expected"
                                    + " '[<start> - <end>]<TAB><utterance><TAB><label><TAB>[<V>, <A>, <D>]', got '"
                                    + line + "'");
                    continue;
                }
                String id = m.group(1);
                String rawLabel = m.group(2);
                Matcher idMatch = UTTERANCE_ID.matcher(id);
                if (!idMatch.matches()) {
                    scan.reject(
                            id,
                            place,
                            "malformed utterance id '" + id + "' at " + place + ": expected e.g."
                                    + " Ses01F_impro01_F000 (session, dialog, speaker letter + number)");
                    continue;
                }
                labelled.add(id);
                String earlier = scan.placeOfEarlierOccurrence(id, place);
                if (earlier != null) {
                    scan.reject(
                            id,
                            place,
                            "duplicate utterance id " + id + ": first at " + earlier + ", again at " + place
                                    + "; kept the first");
                    continue;
                }
                LabelScheme labels = settings.labels();
                String label = labels.classOf(rawLabel);
                TranscriptLine transcript = transcripts.get(id);
                if (labels.isExcluded(rawLabel)) {
                    scan.exclude(id, rawLabel);
                } else if (label == null) {
                    scan.reject(
                            id,
                            place,
                            "unknown label '" + rawLabel + "' at " + place + "; " + labels.describeKnownLabels());
                } else if (transcript == null) {
                    scan.reject(
                            id,
                            place,
                            "no transcript line for " + id + " in "
                                    + new Path(session, "dialog/transcriptions/" + dialog + ".txt") + " (or any other"
                                    + " transcription file)");
                } else if (transcript.problem != null) {
                    scan.reject(id, transcript.place, transcript.problem);
                } else {
                    UtteranceInfo origin = originOf(id);
                    String speaker = origin.speaker;
                    String sessionId = origin.session;
                    String audio = new Path(session, settings.audioPath(dialog, id)).toString();
                    scan.accept(new Utterance(
                            id,
                            corpus,
                            audio,
                            transcript.text,
                            rawLabel,
                            label,
                            labels.indexOf(label),
                            speaker,
                            sessionId,
                            null));
                }
            }
        }
    }

    /** Speaker and session by the id ({@code Ses01F_impro01_M012}: Ses01M, Ses01), or null for another id. */
    static UtteranceInfo originOf(String utteranceId) {
        Matcher m = UTTERANCE_ID.matcher(utteranceId);
        if (!m.matches()) return null;
        return new UtteranceInfo(utteranceId, m.group(1) + m.group(2).toUpperCase(Locale.ROOT), m.group(1), null);
    }

    private static String findUtteranceId(String line) {
        for (String token : line.split("\\s+")) {
            if (UTTERANCE_ID.matcher(token).matches()) return token;
        }
        return null;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) return i;
        }
        return -1;
    }

    /** A transcript line: its text, or the reason it could not be parsed. */
    private static final class TranscriptLine {
        final String utteranceId;
        final String text;
        final String problem;
        final String place;

        TranscriptLine(String utteranceId, String text, String problem, String place) {
            this.utteranceId = utteranceId;
            this.text = text;
            this.problem = problem;
            this.place = place;
        }
    }
}
