package org.mcsan.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.features.audio.AudioSettings;
import org.mcsan.features.audio.Mfcc;
import org.mcsan.features.audio.MfccSettings;
import org.mcsan.features.audio.Resampler;

/** The feature job end to end on a small IEMOCAP-layout corpus with one input of every bad kind. */
class FeatureJobTest {
    private static final int DIM = 300;
    private static final int MAX_FRAMES = 30;

    @TempDir
    static Path tmp;

    static Path corpus;
    static Path glove;
    /** Samples written for the good utterances, by id. */
    static final Map<String, short[]> PCM = new HashMap<>();

    private static final String[] GLOVE_WORDS = {
        "excuse",
        "me",
        ".",
        "Do",
        "do",
        "you",
        "have",
        "your",
        "forms",
        "?",
        "I",
        "n't",
        "know",
        "we",
        "'ll",
        "see",
        "Okay",
        "okay",
        "caf\u00e9",
        ","
    };

    /** The test's GloVe vector of a word: distinct per word, deterministic. */
    static float value(String word, int k) {
        return (Math.floorMod(word.hashCode(), 997) + k) / 1000f;
    }

    static String header(String id, String label) {
        return "[1.0000 - 2.0000]\t" + id + "\t" + label + "\t[2.5000, 2.5000, 2.5000]";
    }

    static String transcript(String id, String text) {
        return id + " [001.0000-002.0000]:" + (text.isEmpty() ? "" : " " + text);
    }

    static void write(Path p, byte[] bytes) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    static void write(Path p, List<String> lines) throws IOException {
        write(p, String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void writeCorpusAndGlove() throws IOException {
        corpus = tmp.resolve("IEMOCAP_full_release");
        String d1 = "Ses01F_impro01";
        Path s1 = corpus.resolve("Session1");
        Path wav1 = s1.resolve("sentences/wav/" + d1);
        write(
                s1.resolve("dialog/EmoEvaluation/" + d1 + ".txt"),
                Arrays.asList(
                        "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]",
                        "",
                        header(d1 + "_F000", "neu"),
                        "C-E1:\tNeutral;\t()",
                        header(d1 + "_M000", "exc"),
                        header(d1 + "_F001", "ang"),
                        header(d1 + "_M001", "sad"),
                        header(d1 + "_F002", "neu"),
                        header(d1 + "_F003", "neu"),
                        header(d1 + "_F004", "neu"),
                        header(d1 + "_F005", "neu"),
                        header(d1 + "_F006", "neu"),
                        header(d1 + "_F007", "neu"),
                        header(d1 + "_F008", "neu"),
                        header(d1 + "_F009", "neu"),
                        header(d1 + "_F010", "neu"),
                        header(d1 + "_M002", "ang"),
                        header(d1 + "_F000", "sad"),
                        header(d1 + "_M004", "bored"),
                        header(d1 + "_M005", "fru"),
                        header(d1 + "_M006", "xxx")));
        write(
                s1.resolve("dialog/transcriptions/" + d1 + ".txt"),
                Arrays.asList(
                        transcript(d1 + "_F000", "Excuse me."),
                        transcript(d1 + "_M000", "Do you have your forms?"),
                        "M: [BREATHING]",
                        transcript(d1 + "_F001", "I don't know [LAUGHTER]."),
                        transcript(d1 + "_M001", "Caf\u00e9 na\u00efve xyzzy"),
                        transcript(d1 + "_F002", "Missing file."),
                        transcript(d1 + "_F003", "Truncated."),
                        transcript(d1 + "_F004", "ADPCM."),
                        transcript(d1 + "_F005", "Zero."),
                        transcript(d1 + "_F006", "NaN."),
                        transcript(d1 + "_F007", "Short."),
                        transcript(d1 + "_F008", "Not a WAV."),
                        transcript(d1 + "_F009", ""),
                        transcript(d1 + "_F010", "[LAUGHTER]"),
                        transcript(d1 + "_M004", "Bored."),
                        transcript(d1 + "_M005", "Frustrated."),
                        transcript(d1 + "_M006", "Whatever.")));
        PCM.put(d1 + "_F000", WavBytes.tone(8000, 16000, 220, 1)); // 0.5 s: 48 frames, 30 kept
        PCM.put(d1 + "_M000", WavBytes.tone(2400, 8000, 300, 1)); // 8 kHz: resampled
        PCM.put(d1 + "_F001", WavBytes.tone(4000, 16000, 440, 2)); // stereo
        PCM.put(d1 + "_M001", WavBytes.tone(8820, 44100, 500, 1)); // 44.1 kHz, 0.2 s
        write(wav1.resolve(d1 + "_F000.wav"), WavBytes.pcm16(PCM.get(d1 + "_F000"), 16000, 1));
        write(wav1.resolve(d1 + "_M000.wav"), WavBytes.pcm16(PCM.get(d1 + "_M000"), 8000, 1));
        write(wav1.resolve(d1 + "_F001.wav"), WavBytes.pcm16(PCM.get(d1 + "_F001"), 16000, 2));
        write(wav1.resolve(d1 + "_M001.wav"), WavBytes.pcm16(PCM.get(d1 + "_M001"), 44100, 1));
        write(wav1.resolve(d1 + "_F003.wav"), WavBytes.truncated(32000, 1000, 16000));
        write(wav1.resolve(d1 + "_F004.wav"), WavBytes.adpcm(16000));
        write(wav1.resolve(d1 + "_F005.wav"), WavBytes.pcm16(new short[0], 16000, 1));
        float[] nan = new float[4000];
        nan[1234] = Float.NaN;
        write(wav1.resolve(d1 + "_F006.wav"), WavBytes.float32(nan, 16000));
        write(wav1.resolve(d1 + "_F007.wav"), WavBytes.pcm16(WavBytes.tone(100, 16000, 220, 1), 16000, 1));
        write(wav1.resolve(d1 + "_F008.wav"), "not audio at all".getBytes(StandardCharsets.US_ASCII));
        write(wav1.resolve(d1 + "_F009.wav"), WavBytes.pcm16(WavBytes.tone(4000, 16000, 220, 1), 16000, 1));
        write(wav1.resolve(d1 + "_F010.wav"), WavBytes.pcm16(WavBytes.tone(4000, 16000, 220, 1), 16000, 1));

        String d2 = "Ses02M_script01_1";
        Path s2 = corpus.resolve("Session2");
        write(
                s2.resolve("dialog/EmoEvaluation/" + d2 + ".txt"),
                Arrays.asList(header(d2 + "_F000", "hap"), header(d2 + "_M000", "neu"), header(d2 + "_M001", "neu")));
        write(
                s2.resolve("dialog/transcriptions/" + d2 + ".txt"),
                Arrays.asList(
                        transcript(d2 + "_F000", "We'll see."),
                        transcript(d2 + "_M000", "Okay."),
                        transcript(d2 + "_M001", "Only a video.")));
        // only an .mp4 beside the missing .wav: the job hands it to ffmpeg (absent here, or failing on these bytes)
        write(s2.resolve("sentences/wav/" + d2 + "/" + d2 + "_M001.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
        PCM.put(d2 + "_F000", WavBytes.tone(3200, 16000, 330, 1));
        PCM.put(d2 + "_M000", WavBytes.tone(16000, 16000, 180, 1)); // the longest: 1 s
        for (String id : new String[] {d2 + "_F000", d2 + "_M000"}) {
            write(s2.resolve("sentences/wav/" + d2 + "/" + id + ".wav"), WavBytes.pcm16(PCM.get(id), 16000, 1));
        }

        glove = tmp.resolve("glove/glove.test.300d.txt");
        List<String> lines = new ArrayList<>();
        for (String w : GLOVE_WORDS) {
            StringBuilder line = new StringBuilder(w);
            for (int k = 0; k < DIM; k++) line.append(' ').append(value(w, k));
            lines.add(line.toString());
        }
        lines.add("short 0.1 0.2");
        write(glove, lines);
    }

    /** The feature job with the settings of a test configuration. */
    private static FeatureJobSummary run(SparkSession spark, Config mcsan) throws IOException {
        return FeatureJob.run(spark, FeatureJobSettings.from(mcsan));
    }

    static Config config(String output, String more) {
        return ConfigFactory.parseString("mcsan.corpus { kind = iemocap, path = \"" + corpus + "\" }\n"
                        + "mcsan.features { output = \"" + output + "\", partitions = 3, glove.path = \"" + glove
                        + "\", mfcc.max-frames = " + MAX_FRAMES + " }\n" + more)
                .withFallback(ConfigFactory.defaultReference())
                .resolve()
                .getConfig("mcsan");
    }

    static Map<String, Row> rowsById(Dataset<Row> ds) {
        Map<String, Row> m = new TreeMap<>();
        for (Row r : ds.collectAsList()) m.put(r.getString(r.fieldIndex("utterance_id")), r);
        return m;
    }

    static float[] floats(Row r, String column) {
        List<Float> l = r.getList(r.fieldIndex(column));
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) f[i] = l.get(i);
        return f;
    }

    static float[] scaled(short[] pcm) {
        float[] f = new float[pcm.length];
        for (int i = 0; i < f.length; i++) f[i] = pcm[i] / 32768f;
        return f;
    }

    static float[] gloveRows(String... words) {
        float[] f = new float[words.length * DIM];
        for (int i = 0; i < words.length; i++) {
            if (words[i] == null) continue; // OOV: zero row
            for (int k = 0; k < DIM; k++) f[i * DIM + k] = value(words[i], k);
        }
        return f;
    }

    static List<String> hiddenLeftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") && !n.endsWith(".crc"))
                    .collect(Collectors.toList());
        }
    }

    @Test
    void writesTheDatasetWithRejectionsAndReconciledCounts() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path out = tmp.resolve("out1/dataset");
        Config mcsan = config(out.toString(), "mcsan.features.max-rejected-fraction = 1.0");
        FeatureJobSummary summary = run(spark, mcsan);

        assertEquals(21, summary.read());
        assertEquals(6, summary.written());
        assertEquals(13, summary.rejected());
        assertEquals(2, summary.excluded());
        Map<String, Long> byStage = new TreeMap<>();
        byStage.put("audio", 8L);
        byStage.put("read", 3L);
        byStage.put("text", 2L);
        assertEquals(byStage, summary.rejectedByStage());
        assertEquals(3, summary.partitions());

        // the schema is FeatureSchema.FEATURES, column for column (Parquet reads every column back as nullable)
        Dataset<Row> features = spark.read().parquet(out.resolve("features").toString());
        assertEquals(
                Arrays.asList(FeatureSchema.FEATURES.fieldNames()),
                Arrays.asList(features.schema().fieldNames()));
        assertEquals(
                Arrays.asList(
                        "utterance_id",
                        "corpus",
                        "speaker",
                        "session",
                        "split",
                        "label",
                        "label_index",
                        "transcript",
                        "transcript_original",
                        "tokens",
                        "num_words",
                        "text_emb",
                        "oov_words",
                        "num_frames",
                        "orig_frames",
                        "mfcc",
                        "duration_s",
                        "sample_rate",
                        "audio_path"),
                Arrays.asList(features.schema().fieldNames()));
        for (StructField f : FeatureSchema.FEATURES.fields()) {
            StructType read = features.schema();
            assertEquals(
                    f.dataType().simpleString(), read.apply(f.name()).dataType().simpleString(), f.name());
        }
        assertEquals("array<float>", features.schema().apply("mfcc").dataType().simpleString());
        assertEquals(
                "array<string>", features.schema().apply("tokens").dataType().simpleString());

        Map<String, Row> rows = rowsById(features);
        assertEquals(
                new java.util.TreeSet<>(Arrays.asList(
                        "Ses01F_impro01_F000",
                        "Ses01F_impro01_M000",
                        "Ses01F_impro01_F001",
                        "Ses01F_impro01_M001",
                        "Ses02M_script01_1_F000",
                        "Ses02M_script01_1_M000")),
                rows.keySet());

        MfccSettings mfccSettings = MfccSettings.from(mcsan.getConfig("features.mfcc"));
        Mfcc mfcc = new Mfcc(mfccSettings);
        Row f000 = rows.get("Ses01F_impro01_F000");
        assertEquals("iemocap", f000.getAs("corpus"));
        assertEquals("Ses01F", f000.getAs("speaker"));
        assertEquals("Ses01", f000.getAs("session"));
        assertNull(f000.getAs("split"));
        assertEquals("neu", f000.getAs("label"));
        assertEquals(0, (int) f000.getAs("label_index"));
        assertEquals("Excuse me.", f000.getAs("transcript"));
        assertEquals(Arrays.asList("Excuse", "me", "."), f000.getList(f000.fieldIndex("tokens")));
        assertEquals(3, (int) f000.getAs("num_words"));
        assertEquals(0, (int) f000.getAs("oov_words"));
        assertArrayEquals(gloveRows("excuse", "me", "."), floats(f000, "text_emb"), "Excuse falls back to excuse");
        assertEquals(MAX_FRAMES, (int) f000.getAs("num_frames"));
        assertEquals(48, (int) f000.getAs("orig_frames"));
        assertArrayEquals(mfcc.compute(scaled(PCM.get("Ses01F_impro01_F000"))).values(), floats(f000, "mfcc"));
        assertEquals(0.5, f000.getAs("duration_s"), 1e-12);
        assertEquals(16000, (int) f000.getAs("sample_rate"));
        assertTrue(((String) f000.getAs("audio_path"))
                .endsWith("/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav"));

        Row m000 = rows.get("Ses01F_impro01_M000");
        assertEquals("hap", m000.getAs("label"), "exc is merged into hap");
        assertEquals("Ses01M", m000.getAs("speaker"));
        assertEquals(8000, (int) m000.getAs("sample_rate"));
        assertEquals(0.3, m000.getAs("duration_s"), 1e-12);
        float[] resampled = Resampler.from(AudioSettings.from(mcsan.getConfig("features.audio")))
                .resample(scaled(PCM.get("Ses01F_impro01_M000")), 8000);
        assertEquals(4800, resampled.length);
        assertArrayEquals(mfcc.compute(resampled).values(), floats(m000, "mfcc"));
        assertEquals(28, (int) m000.getAs("num_frames"));
        assertEquals(28, (int) m000.getAs("orig_frames"));

        Row f001 = rows.get("Ses01F_impro01_F001");
        assertEquals(
                Arrays.asList("I", "do", "n't", "know", "."),
                f001.getList(f001.fieldIndex("tokens")),
                "noise marker dropped, clitic split");
        assertArrayEquals(
                mfcc.compute(monoOf(PCM.get("Ses01F_impro01_F001"))).values(),
                floats(f001, "mfcc"),
                "stereo channels are averaged");

        Row m001 = rows.get("Ses01F_impro01_M001");
        assertEquals(Arrays.asList("Caf\u00e9", "na\u00efve", "xyzzy"), m001.getList(m001.fieldIndex("tokens")));
        assertEquals(2, (int) m001.getAs("oov_words"));
        assertArrayEquals(
                gloveRows("caf\u00e9", null, null),
                floats(m001, "text_emb"),
                "OOV tokens are zero rows under the default policy");
        assertEquals(44100, (int) m001.getAs("sample_rate"));

        Row okay = rows.get("Ses02M_script01_1_M000");
        assertArrayEquals(gloveRows("Okay", "."), floats(okay, "text_emb"), "the cased vector wins");
        assertEquals("Ses02M", okay.getAs("speaker"));
        assertEquals(MAX_FRAMES, (int) okay.getAs("num_frames"));
        assertEquals(1 + (16000 - 400) / 160, (int) okay.getAs("orig_frames"));

        // the float arrays are written without Parquet's dictionary encoding (see FeatureJob)
        List<Path> parts;
        try (Stream<Path> files = Files.list(out.resolve("features"))) {
            parts = files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .collect(Collectors.toList());
        }
        assertFalse(parts.isEmpty());
        for (Path part : parts) {
            ParquetMetadata footer =
                    ParquetFileReader.readFooter(new Configuration(), new org.apache.hadoop.fs.Path(part.toUri()));
            for (BlockMetaData block : footer.getBlocks()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    String name = column.getPath().toDotString();
                    if (name.startsWith("mfcc.") || name.startsWith("text_emb.")) {
                        assertFalse(
                                column.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                                        || column.getEncodings().contains(Encoding.RLE_DICTIONARY),
                                name + " in " + part + ": " + column.getEncodings());
                    }
                }
            }
        }

        // one rejected row per bad input, with its stage and reason
        Map<String, Row> rejected =
                rowsById(spark.read().parquet(out.resolve("rejected").toString()));
        assertEquals(13, rejected.size());
        assertRejected(rejected, "Ses01F_impro01_F002", "audio", "audio file not found: ");
        assertRejected(
                rejected,
                "Ses01F_impro01_F003",
                "audio",
                "unreadable WAV: 'data' chunk declares 32000 bytes" + " but only 1000 are present (file truncated)");
        assertRejected(rejected, "Ses01F_impro01_F004", "audio", "unreadable WAV: ");
        assertRejected(
                rejected, "Ses01F_impro01_F005", "audio", "unreadable WAV: no audio: 'data' chunk holds 0 bytes");
        assertRejected(
                rejected,
                "Ses01F_impro01_F006",
                "audio",
                "audio is not finite: 1 of 4000 samples are NaN" + " or infinite (first at sample 1234");
        assertRejected(
                rejected,
                "Ses01F_impro01_F007",
                "audio",
                "audio shorter than one MFCC frame: 100 samples at"
                        + " 16000 Hz (6.3 ms); a frame needs 400 samples at 16000 Hz (25.0 ms)");
        assertRejected(rejected, "Ses01F_impro01_F008", "audio", "unreadable WAV: not a RIFF file");
        assertRejected(rejected, "Ses02M_script01_1_M001", "audio", "cannot read audio: ffmpeg");
        assertTrue(((String) rejected.get("Ses02M_script01_1_M001").getAs("path")).endsWith("_M001.mp4"));
        assertRejected(rejected, "Ses01F_impro01_F009", "text", "empty transcript");
        assertRejected(rejected, "Ses01F_impro01_F010", "text", "no words in the transcript after tokenization");
        assertRejected(rejected, "Ses01F_impro01_M002", "read", "no transcript line for Ses01F_impro01_M002");
        assertRejected(rejected, "Ses01F_impro01_F000", "read", "duplicate utterance id Ses01F_impro01_F000");
        assertRejected(rejected, "Ses01F_impro01_M004", "read", "unknown label 'bored'");
        String adpcm = rejected.get("Ses01F_impro01_F004").getAs("reason");
        assertTrue(adpcm.contains("0x0002") && adpcm.contains("not supported"), adpcm);

        JsonNode manifest =
                new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("ok", manifest.get("status").asText());
        JsonNode counts = manifest.get("counts");
        assertEquals(21, counts.get("read").asLong());
        assertEquals(6, counts.get("written").asLong());
        assertEquals(13, counts.get("rejected").asLong());
        assertEquals(2, counts.get("excluded").asLong());
        assertEquals(1, counts.get("excluded_by_label").get("fru").asLong());
        assertEquals(1, counts.get("excluded_by_label").get("xxx").asLong());
        assertEquals(8, counts.get("rejected_by_stage").get("audio").asLong());
        assertEquals(
                org.mcsan.contracts.BuildInfo.version(),
                manifest.get("software").get("mcsan").asText());
        assertFalse(org.mcsan.contracts.BuildInfo.version().contains("${"), "the version is filled in at build time");
        assertEquals(spark.version(), manifest.get("software").get("spark").asText());
        assertEquals(2, manifest.get("text").get("oov_words_written").asLong());
        assertEquals(
                MAX_FRAMES,
                manifest.get("settings")
                        .get("features")
                        .get("mfcc")
                        .get("max-frames")
                        .asInt());
        assertEquals(3, manifest.get("partitions").get("count").asInt());
        assertEquals(1, manifest.get("glove").get("malformed_lines").asLong());

        // atomic commit: only the dataset is left beside it
        assertEquals(Arrays.asList("dataset"), listNames(out.getParent()));
    }

    private static float[] monoOf(short[] stereo) {
        float[] mono = new float[stereo.length / 2];
        for (int i = 0; i < mono.length; i++) mono[i] = (stereo[2 * i] / 32768f + stereo[2 * i + 1] / 32768f) / 2;
        return mono;
    }

    private static List<String> listNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static void assertRejected(Map<String, Row> rejected, String id, String stage, String reasonStart) {
        Row r = rejected.get(id);
        assertTrue(r != null, id + " is not in the rejected table: " + rejected.keySet());
        assertEquals(stage, r.getAs("stage"), id);
        String reason = r.getAs("reason");
        assertTrue(reason.startsWith(reasonStart), id + ": " + reason);
        assertFalse(((String) r.getAs("path")).isEmpty());
    }

    @Test
    void refusesToOverwriteUnlessAllowed() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path out = tmp.resolve("out2/dataset");
        run(spark, config(out.toString(), "mcsan.features.max-rejected-fraction = 1.0"));
        byte[] firstManifest = Files.readAllBytes(out.resolve("manifest.json"));

        IOException refused = assertThrows(
                IOException.class,
                () -> run(spark, config(out.toString(), "mcsan.features.max-rejected-fraction = 1.0")));
        assertTrue(
                refused.getMessage().contains("already exists")
                        && refused.getMessage().contains("mcsan.features.overwrite = true"),
                refused.getMessage());
        assertArrayEquals(firstManifest, Files.readAllBytes(out.resolve("manifest.json")), "left untouched");

        run(
                spark,
                config(
                        out.toString(),
                        "mcsan.features { max-rejected-fraction = 1.0," + " overwrite = true, mfcc.max-frames = 10 }"));
        Row f000 = rowsById(spark.read().parquet(out.resolve("features").toString()))
                .get("Ses01F_impro01_F000");
        assertEquals(10, (int) f000.getAs("num_frames"));
        assertEquals(Arrays.asList("dataset"), listNames(out.getParent()));
    }

    @Test
    void tooManyRejectedFailsAfterKeepingTheRejectedTable() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path out = tmp.resolve("out3/dataset");
        IOException e = assertThrows(IOException.class, () -> run(spark, config(out.toString(), "")));
        String msg = e.getMessage();
        assertTrue(
                msg.startsWith("13 of 19 utterances in the class set (68.4%) were rejected, more than"
                        + " mcsan.features.max-rejected-fraction = 0.05"),
                msg);
        assertTrue(msg.contains("Most common: stage audio, 'unreadable WAV' (4 times)"), msg);
        assertTrue(msg.contains("Likely cause: the audio files are not readable WAV files"), msg);
        assertFalse(Files.exists(out), "nothing at the output path");
        Path kept = tmp.resolve("out3/dataset.rejected");
        assertTrue(msg.contains(kept.toString()), msg);
        assertEquals(
                13, spark.read().parquet(kept.resolve("rejected").toString()).count());
        JsonNode manifest =
                new ObjectMapper().readTree(kept.resolve("manifest.json").toFile());
        assertTrue(manifest.get("status").asText().startsWith("failed"));
        assertEquals(Arrays.asList("dataset.rejected"), listNames(out.getParent()));

        // a later successful run removes the stale rejected table
        run(spark, config(out.toString(), "mcsan.features.max-rejected-fraction = 1.0"));
        assertEquals(Arrays.asList("dataset"), listNames(out.getParent()));
    }

    @Test
    void aFailingJobLeavesNothingAtTheOutputPath() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path out = tmp.resolve("out4/dataset");
        Files.createDirectories(out.getParent());
        Config noGlove = config(
                out.toString(),
                "mcsan.features { max-rejected-fraction = 1.0," + " glove.path = \"" + tmp.resolve("glove/missing.txt")
                        + "\" }");
        // A missing input is a configuration error naming its key (exit code 2), found before any Spark job.
        ConfigException e = assertThrows(ConfigException.class, () -> run(spark, noGlove));
        assertTrue(
                e.getMessage().contains("mcsan.features.glove.path")
                        && e.getMessage().contains("does not exist"),
                e.getMessage());
        Config noCorpus = config(out.toString(), "mcsan.corpus.path = \"" + tmp.resolve("no-corpus") + "\"");
        ConfigException c = assertThrows(ConfigException.class, () -> run(spark, noCorpus));
        assertTrue(
                c.getMessage().contains("mcsan.corpus.path") && c.getMessage().contains("does not exist"),
                c.getMessage());
        assertEquals(new ArrayList<String>(), listNames(out.getParent()), "no output, no temporary directory");

        Config insideCorpus = config(corpus.toString(), "");
        IOException inside = assertThrows(IOException.class, () -> run(spark, insideCorpus));
        assertTrue(inside.getMessage().contains("contains the input"), inside.getMessage());
        assertTrue(Files.isDirectory(corpus.resolve("Session1")));
        assertTrue(hiddenLeftovers(corpus.getParent()).isEmpty());
    }
}
