package org.mcsan.features.corpus;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a generic manifest: a CSV or TSV file, or a Parquet file or directory of Parquet files (read with
 * parquet-hadoop in this JVM: no Spark cluster needed), with columns {@code utterance_id, audio_path, transcript,
 * label, speaker} and optionally {@code session, split}. Relative audio paths are resolved against the manifest's
 * directory. A manifest without a {@code label} column is unlabelled (an input to prediction): its utterances have
 * no label, {@code speaker} is optional ("unknown" where absent), and the class list must be given.
 *
 * <p>The class list is {@code mcsan.corpus.manifest.classes} when set; when empty it is the distinct classes of
 * the manifest's labels (after {@code label-map}, minus the excluded labels), sorted, so that label indices are
 * stable for a given set of labels.
 * Labels are matched case-insensitively. Each data row is one utterance record.
 */
public final class ManifestReader implements CorpusReader {
    static final String CORPUS = "manifest";
    static final List<String> REQUIRED = Arrays.asList("utterance_id", "audio_path", "transcript", "label", "speaker");
    /** What an unlabelled manifest needs. */
    static final List<String> REQUIRED_UNLABELLED = Arrays.asList("utterance_id", "audio_path", "transcript");

    static final String UNKNOWN_SPEAKER = "unknown";

    private final Path manifest;
    private final ManifestSettings settings;
    private final CorpusFiles files;
    private final Configuration hadoopConf;
    /** Whether the manifest has a label column; known once its header is read. */
    private boolean labelled = true;

    /** @param manifest the manifest file or Parquet directory (local path or Hadoop URI) */
    public ManifestReader(String manifest, ManifestSettings settings, Configuration hadoopConf) {
        this.manifest = new Path(manifest);
        this.settings = settings;
        this.files = new CorpusFiles(hadoopConf);
        this.hadoopConf = hadoopConf;
    }

    @Override
    public CorpusScan read() throws IOException {
        if (!files.exists(manifest)) {
            throw new FileNotFoundException("manifest not found: " + manifest);
        }
        List<Row> rows = format() == ManifestSettings.Format.PARQUET ? readParquet() : readDelimited(delimiter());
        List<String> classes = classes(rows);
        Map<String, String> labelMap = new LinkedHashMap<>(settings.labelMap());
        if (settings.classes().isEmpty()) {
            // derived classes: an entry whose class is not among them names a label that does not occur
            labelMap.values().retainAll(classes);
        }
        LabelScheme labels;
        try {
            labels = LabelScheme.withClassNames(classes, labelMap, settings.excluded());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mcsan.corpus.manifest: " + e.getMessage(), e);
        }
        Path baseDir = files.isDirectory(manifest) ? manifest : manifest.getParent();
        ScanBuilder scan = new ScanBuilder(CORPUS);
        for (Row row : rows) {
            // What a well-formed row tells of where the utterance belongs goes with its rejection or exclusion.
            if (row.problem != null) {
                scan.saw();
            } else {
                scan.saw(
                        emptyToNull(row.get("speaker")),
                        emptyToNull(row.get("session")),
                        emptyToNull(row.get("split")));
            }
            if (row.problem != null) {
                scan.reject(emptyToNull(row.get("utterance_id")), row.place, row.problem);
                continue;
            }
            String id = row.get("utterance_id").trim();
            String audio = row.get("audio_path").trim();
            String speaker = labelled || !row.get("speaker").trim().isEmpty()
                    ? row.get("speaker").trim()
                    : UNKNOWN_SPEAKER;
            String rawLabel = labelled ? row.get("label").trim() : null;
            String missing = id.isEmpty()
                    ? "utterance_id"
                    : audio.isEmpty()
                            ? "audio_path"
                            : speaker.isEmpty() ? "speaker" : labelled && rawLabel.isEmpty() ? "label" : null;
            if (missing != null) {
                scan.reject(id.isEmpty() ? null : id, row.place, "empty " + missing + " at " + row.place);
                continue;
            }
            String earlier = scan.placeOfEarlierOccurrence(id, row.place);
            if (earlier != null) {
                scan.reject(
                        id,
                        row.place,
                        "duplicate utterance_id " + id + ": first at " + earlier + ", again at " + row.place
                                + "; kept the first");
                continue;
            }
            String audioPath = resolve(baseDir, audio);
            String transcript = row.values.get("transcript");
            String session = emptyToNull(row.get("session"));
            String split = emptyToNull(row.get("split"));
            if (!labelled) {
                scan.accept(new Utterance(
                        id, CORPUS, audioPath, transcript, null, null, Utterance.UNLABELLED, speaker, session, split));
                continue;
            }
            scan.classify(
                    labels,
                    id,
                    rawLabel,
                    row.place,
                    (label, index) -> new Utterance(
                            id, CORPUS, audioPath, transcript, rawLabel, label, index, speaker, session, split));
        }
        return scan.build(labels.classes());
    }

    private List<String> classes(List<Row> rows) {
        if (!settings.classes().isEmpty()) return settings.classes();
        if (!labelled) {
            throw new IllegalArgumentException("manifest " + manifest + " has no label column (an unlabelled manifest);"
                    + " its class list must be given in mcsan.corpus.manifest.classes");
        }
        Set<String> excluded = new HashSet<>();
        for (String label : settings.excluded()) excluded.add(key(label));
        Map<String, String> mapped = new HashMap<>();
        for (Map.Entry<String, String> e : settings.labelMap().entrySet()) mapped.put(key(e.getKey()), e.getValue());
        TreeMap<String, String> byKey = new TreeMap<>();
        for (Row row : rows) {
            String label = row.problem == null ? row.get("label").trim() : "";
            if (label.isEmpty() || excluded.contains(key(label))) continue;
            String cls = mapped.getOrDefault(key(label), label);
            byKey.putIfAbsent(key(cls), cls);
        }
        if (byKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "manifest " + manifest + " has no usable labels and" + " mcsan.corpus.manifest.classes is empty");
        }
        return new ArrayList<>(new TreeSet<>(byKey.values()));
    }

    private static String key(String label) {
        return label.trim().toLowerCase(Locale.ROOT);
    }

    private static String resolve(Path baseDir, String audio) {
        Path p = new Path(audio);
        if (p.isAbsolute() || p.toUri().getScheme() != null) return p.toString();
        return new Path(baseDir, audio).toString();
    }

    private static String emptyToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }

    private ManifestSettings.Format format() throws IOException {
        if (settings.format() != ManifestSettings.Format.AUTO) return settings.format();
        String name = manifest.getName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || files.isDirectory(manifest)) return ManifestSettings.Format.PARQUET;
        if (name.endsWith(".tsv") || name.endsWith(".tab")) return ManifestSettings.Format.TSV;
        if (name.endsWith(".csv")) return ManifestSettings.Format.CSV;
        return ManifestSettings.Format.AUTO;
    }

    /** The delimiter by format, or for an unknown extension by the header line: tabs win over commas. */
    private char delimiter() throws IOException {
        switch (format()) {
            case CSV:
                return ',';
            case TSV:
                return '\t';
            default:
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(files.open(manifest), StandardCharsets.ISO_8859_1))) {
                    String header = r.readLine();
                    if (header == null) throw new IOException("manifest is empty: " + manifest);
                    return count(header, '\t') > count(header, ',') ? '\t' : ',';
                }
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
        return n;
    }

    private List<Row> readDelimited(char delimiter) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(files.open(manifest), delimiter)) {
            CsvReader.Record header = reader.next();
            if (header == null) throw new IOException("manifest is empty: " + manifest);
            Map<String, Integer> column = new LinkedHashMap<>();
            for (int i = 0; i < header.fields.size(); i++) {
                column.put(header.fields.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
            checkColumns(column.keySet());
            CsvReader.Record rec;
            while ((rec = reader.next()) != null) {
                if (rec.isBlank()) continue;
                String place = manifest + ":" + rec.line;
                Map<String, String> values = new HashMap<>();
                for (Map.Entry<String, Integer> c : column.entrySet()) {
                    if (c.getValue() < rec.fields.size()) values.put(c.getKey(), rec.fields.get(c.getValue()));
                }
                String problem = rec.problem != null
                        ? "malformed row at " + place + ": " + rec.problem
                        : rec.fields.size() != header.fields.size()
                                ? "malformed row at " + place + ": " + rec.fields.size() + " fields, the header has "
                                        + header.fields.size()
                                : null;
                rows.add(new Row(values, place, problem));
            }
        }
        return rows;
    }

    private void checkColumns(Collection<String> found) throws IOException {
        labelled = found.contains("label");
        for (String name : labelled ? REQUIRED : REQUIRED_UNLABELLED) {
            if (!found.contains(name)) {
                throw new IOException("manifest " + manifest + " has no column '" + name + "' (required: " + REQUIRED
                        + ", optional: [session, split]; without a label column, for prediction: "
                        + REQUIRED_UNLABELLED + "); columns found: " + found);
            }
        }
    }

    private List<Row> readParquet() throws IOException {
        List<Path> parts =
                files.isDirectory(manifest) ? files.files(manifest, ".parquet") : Collections.singletonList(manifest);
        if (parts.isEmpty()) throw new IOException("no .parquet files in manifest directory " + manifest);
        List<Row> rows = new ArrayList<>();
        for (Path part : parts) {
            MessageType schema;
            try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(part, hadoopConf))) {
                schema = footer.getFooter().getFileMetaData().getSchema();
            }
            List<String> found = new ArrayList<>();
            for (Type field : schema.getFields()) found.add(field.getName());
            checkColumns(found);
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), part)
                    .withConf(hadoopConf)
                    .build()) {
                Group g;
                long index = 0;
                while ((g = reader.read()) != null) {
                    Map<String, String> values = new HashMap<>();
                    for (String name : found) values.put(name, value(g, name));
                    rows.add(new Row(values, part + "#row" + index++, null));
                }
            }
        }
        return rows;
    }

    /** A top-level field as a string (strings decoded as UTF-8, other primitives printed), or null. */
    private static String value(Group g, String name) {
        GroupType type = g.getType();
        int i = type.getFieldIndex(name);
        if (g.getFieldRepetitionCount(i) == 0 || !type.getType(i).isPrimitive()) return null;
        PrimitiveType.PrimitiveTypeName kind = type.getType(i).asPrimitiveType().getPrimitiveTypeName();
        return kind == PrimitiveType.PrimitiveTypeName.BINARY ? g.getString(i, 0) : g.getValueToString(i, 0);
    }

    /** A manifest row: column → value (absent columns and nulls are absent keys), its place, or its problem. */
    private static final class Row {
        final Map<String, String> values;
        final String place;
        final String problem;

        Row(Map<String, String> values, String place, String problem) {
            this.values = values;
            this.place = place;
            this.problem = problem;
        }

        /** The value, or "" for a missing column or a null value. */
        String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v;
        }
    }
}
