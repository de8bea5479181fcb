package org.mcsan.features.corpus;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads MELD's {@code train_sent_emo.csv}, {@code dev_sent_emo.csv} and {@code test_sent_emo.csv} (columns
 * {@code Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID,Season,Episode,StartTime,EndTime}).
 * Quoted fields may hold commas, doubled quotes and line breaks; text that is not valid UTF-8 is decoded field by
 * field as windows-1252 ({@link LenientText}). Ids need not be contiguous.
 *
 * <p>Utterance id {@code <split>_dia{D}_utt{U}}; split = train/dev/test; speaker = the Speaker column; session =
 * {@code <split>_dia{D}}. Audio: {@code <wav-dir>/<split>/dia{D}_utt{U}.wav} when a WAV directory is configured,
 * else {@code dia{D}_utt{U}.wav} in the split's media folder; when only the {@code .mp4} exists there, the audio
 * stage decodes it with ffmpeg. Each non-blank CSV row is one utterance record.
 */
public final class MeldReader implements CorpusReader {
    static final String CORPUS = "meld";
    private static final List<String> REQUIRED =
            Arrays.asList("Utterance", "Speaker", "Emotion", "Dialogue_ID", "Utterance_ID");

    private final Path root;
    private final MeldSettings settings;
    private final CorpusFiles files;

    /** @param root the directory holding the CSVs and media folders (local path or Hadoop URI) */
    public MeldReader(String root, MeldSettings settings, Configuration hadoopConf) {
        this.root = new Path(root);
        this.settings = settings;
        this.files = new CorpusFiles(hadoopConf);
    }

    @Override
    public CorpusScan read() throws IOException {
        ScanBuilder scan = new ScanBuilder(CORPUS);
        for (String split : settings.splits()) {
            Path csv = resolve(settings.csvFile(split));
            if (!files.exists(csv)) {
                throw new FileNotFoundException("MELD " + split + " CSV not found: " + csv);
            }
            Path audioDir = settings.wavDir().isEmpty()
                    ? resolve(settings.mediaDir(split))
                    : new Path(resolve(settings.wavDir()), split);
            try (CsvReader reader = new CsvReader(files.open(csv), ',')) {
                readSplit(split, csv, audioDir, reader, scan);
            }
        }
        return scan.build(settings.labels().classes());
    }

    private Path resolve(String p) {
        Path path = new Path(p);
        return path.isAbsoluteAndSchemeAuthorityNull() || path.toUri().getScheme() != null ? path : new Path(root, p);
    }

    private void readSplit(String split, Path csv, Path audioDir, CsvReader reader, ScanBuilder scan)
            throws IOException {
        CsvReader.Record header = reader.next();
        if (header == null) {
            throw new IOException("MELD " + split + " CSV is empty: " + csv);
        }
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.fields.size(); i++)
            column.put(header.fields.get(i).trim(), i);
        for (String name : REQUIRED) {
            if (!column.containsKey(name)) {
                throw new IOException("MELD " + split + " CSV " + csv + " has no column '" + name + "'; columns found: "
                        + header.fields);
            }
        }
        int width = header.fields.size();
        CsvReader.Record row;
        while ((row = reader.next()) != null) {
            if (row.isBlank()) continue;
            String place = csv + ":" + row.line;
            String dialogue = field(row, column.get("Dialogue_ID")).trim();
            String utterance = field(row, column.get("Utterance_ID")).trim();
            String id = isIndex(dialogue) && isIndex(utterance)
                    ? split + "_dia" + Integer.parseInt(dialogue) + "_utt" + Integer.parseInt(utterance)
                    : null;
            // The file tells the split of every record; speaker and dialogue only when the row is well-formed.
            boolean wellFormed = row.problem == null && row.fields.size() == width && id != null;
            String knownSpeaker = wellFormed ? field(row, column.get("Speaker")).trim() : "";
            scan.saw(
                    knownSpeaker.isEmpty() ? null : knownSpeaker,
                    wellFormed ? split + "_dia" + Integer.parseInt(dialogue) : null,
                    split);
            if (row.problem != null) {
                scan.reject(id, place, "malformed CSV at " + place + ": " + row.problem);
            } else if (row.fields.size() != width) {
                scan.reject(
                        id,
                        place,
                        "malformed CSV row at " + place + ": " + row.fields.size() + " fields, the header has "
                                + width);
            } else if (id == null) {
                scan.reject(
                        null,
                        place,
                        "malformed CSV row at " + place + ": Dialogue_ID '" + dialogue + "' and Utterance_ID '"
                                + utterance + "' must be non-negative integers");
            } else {
                String earlier = scan.placeOfEarlierOccurrence(id, place);
                String speaker = field(row, column.get("Speaker")).trim();
                String rawLabel = field(row, column.get("Emotion")).trim();
                if (earlier != null) {
                    scan.reject(
                            id,
                            place,
                            "duplicate utterance " + id + " (Dialogue_ID " + dialogue
                                    + ", Utterance_ID " + utterance + "): first at " + earlier + ", again at " + place
                                    + "; kept the first");
                } else if (speaker.isEmpty()) {
                    scan.reject(id, place, "empty Speaker at " + place);
                } else {
                    String dia = "dia" + Integer.parseInt(dialogue);
                    String audio = new Path(audioDir, dia + "_utt" + Integer.parseInt(utterance) + ".wav").toString();
                    String transcript = field(row, column.get("Utterance"));
                    scan.classify(
                            settings.labels(),
                            id,
                            rawLabel,
                            place,
                            (label, index) -> new Utterance(
                                    id,
                                    CORPUS,
                                    audio,
                                    transcript,
                                    rawLabel,
                                    label,
                                    index,
                                    speaker,
                                    split + "_" + dia,
                                    split));
                }
            }
        }
    }

    private static String field(CsvReader.Record row, int index) {
        return index < row.fields.size() ? row.fields.get(index) : "";
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty() || s.length() > 9) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
