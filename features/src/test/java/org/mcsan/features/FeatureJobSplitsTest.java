package org.mcsan.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.features.corpus.FfmpegDecoder;
import org.mcsan.features.corpus.Utterance;

/**
 * The feature job on corpora with predefined splits: every rejected and excluded record keeps its split, the
 * manifest counts each split, and max-rejected-fraction applies to each split as well as to the whole corpus.
 */
class FeatureJobSplitsTest {
    @TempDir
    static Path tmp;

    static Path manifest;
    static Path glove;

    /**
     * 40 train utterances, all good; test: 3 good, 1 whose audio is missing, 1 excluded by label; one row too
     * malformed to know its split. Whole corpus: 2 of 45 in the class set rejected (4.4 %); test: 1 of 4 (25 %).
     */
    @BeforeAll
    static void writeCorpus() throws IOException {
        Path audio = tmp.resolve("corpus/audio");
        List<String> lines = new ArrayList<>();
        lines.add("utterance_id,audio_path,transcript,label,speaker,session,split");
        for (int i = 0; i < 40; i++) {
            String id = "tr" + i;
            FeatureJobTest.write(
                    audio.resolve(id + ".wav"), WavBytes.pcm16(WavBytes.tone(4000, 16000, 200 + i, 1), 16000, 1));
            lines.add(id + ",audio/" + id + ".wav,Excuse me.," + (i % 2 == 0 ? "neu" : "ang") + ",spk" + (i % 4) + ",d"
                    + (i / 8) + ",train");
        }
        for (int i = 0; i < 3; i++) {
            String id = "te" + i;
            FeatureJobTest.write(
                    audio.resolve(id + ".wav"), WavBytes.pcm16(WavBytes.tone(4000, 16000, 300 + i, 1), 16000, 1));
            lines.add(id + ",audio/" + id + ".wav,Okay.,neu,spk9,t0,test");
        }
        lines.add("te3,audio/te3.wav,Okay.,ang,spk9,t0,test"); // no such file
        lines.add("te4,audio/te4.wav,Okay.,xxx,spk9,t0,test"); // excluded by label
        lines.add("bad,too,few"); // malformed: its split is not known
        manifest = tmp.resolve("corpus/manifest.csv");
        FeatureJobTest.write(manifest, lines);
        glove = tmp.resolve("glove.txt");
        StringBuilder vector = new StringBuilder();
        for (int k = 0; k < 300; k++) vector.append(" 0.1");
        FeatureJobTest.write(glove, Arrays.asList("Excuse" + vector, "me" + vector, "." + vector, "Okay" + vector));
    }

    private static Config config(String output, String more) {
        return ConfigFactory.parseString("mcsan.corpus { kind = manifest, path = \"" + manifest
                        + "\", manifest.excluded = [xxx] }\n"
                        + "mcsan.features { output = \"" + output + "\", partitions = 2, glove.path = \"" + glove
                        + "\" }\n" + more)
                .withFallback(ConfigFactory.defaultReference())
                .resolve()
                .getConfig("mcsan");
    }

    @Test
    void aSplitWithTooManyRejectedFailsTheJobThoughTheCorpusHasFew() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path out = tmp.resolve("out-default/dataset");
        IOException e = assertThrows(
                IOException.class, () -> FeatureJob.run(spark, FeatureJobSettings.from(config(out.toString(), ""))));
        assertTrue(
                e.getMessage()
                        .startsWith("In split 'test', 1 of 4 utterances in the class set (25.0%) were rejected, more"
                                + " than mcsan.features.max-rejected-fraction = 0.05 (applied to the whole corpus and"
                                + " to each split)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("audio file not found"), e.getMessage());
        assertFalse(Files.exists(out), "nothing at the output path");
    }

    @Test
    void rejectedAndExcludedRecordsKeepTheirSplitAndEachSplitIsCounted() throws IOException {
        SparkSession spark = SparkTestSession.get();
        Path out = tmp.resolve("out-lenient/dataset");
        FeatureJobSummary summary = FeatureJob.run(
                spark, FeatureJobSettings.from(config(out.toString(), "mcsan.features.max-rejected-fraction = 0.3")));
        assertEquals(46, summary.read());
        assertEquals(43, summary.written());

        Map<String, Row> rejected = FeatureJobTest.rowsById(
                spark.read().parquet(out.resolve(FeatureSchema.REJECTED_DIR).toString()));
        Row missing = rejected.get("te3");
        assertEquals("test", missing.getAs(FeatureSchema.SPLIT));
        assertEquals("spk9", missing.getAs(FeatureSchema.SPEAKER));
        assertEquals("t0", missing.getAs(FeatureSchema.SESSION));
        String reason = missing.getAs(FeatureSchema.REJECTED_REASON);
        String wav = tmp.resolve("corpus/audio/te3.wav").toString();
        assertTrue(
                reason.startsWith("audio file not found: tried ")
                        && reason.contains(wav)
                        && reason.contains(wav.replace(".wav", ".mp4")),
                "names every file name tried: " + reason);
        List<Row> unknown = new ArrayList<>();
        for (Row r : rejected.values()) if (r.getAs(FeatureSchema.SPLIT) == null) unknown.add(r);
        assertEquals(1, unknown.size(), "the malformed row, of unknown split");
        assertEquals("read", unknown.get(0).getAs(FeatureSchema.REJECTED_STAGE));

        List<Row> excluded = spark.read()
                .parquet(out.resolve(FeatureSchema.EXCLUDED_DIR).toString())
                .collectAsList();
        assertEquals(1, excluded.size());
        Row te4 = excluded.get(0);
        assertEquals("te4", te4.getAs(FeatureSchema.UTTERANCE_ID));
        assertEquals("xxx", te4.getAs(FeatureSchema.RAW_LABEL));
        assertEquals("test", te4.getAs(FeatureSchema.SPLIT));
        assertEquals("spk9", te4.getAs(FeatureSchema.SPEAKER));

        JsonNode counts = new ObjectMapper()
                .readTree(out.resolve("manifest.json").toFile())
                .get("counts");
        JsonNode bySplit = counts.get("by_split");
        assertEquals(Arrays.asList("test", "train", "unknown"), fieldNames(bySplit), "by name, unknown last");
        assertSplit(bySplit.get("train"), 40, 40, 0, 0);
        assertSplit(bySplit.get("test"), 5, 3, 1, 1);
        assertSplit(bySplit.get("unknown"), 1, 0, 1, 0);
        assertEquals(
                1, bySplit.get("test").get("rejected_by_stage").get("audio").asLong());
        long read = 0;
        long written = 0;
        for (JsonNode s : bySplit) {
            read += s.get("read").asLong();
            written += s.get("written").asLong();
        }
        assertEquals(counts.get("read").asLong(), read, "the splits add up to the corpus");
        assertEquals(counts.get("written").asLong(), written);
    }

    private static void assertSplit(JsonNode split, long read, long written, long rejected, long excluded) {
        assertEquals(read, split.get("read").asLong(), split.toString());
        assertEquals(written, split.get("written").asLong(), split.toString());
        assertEquals(rejected, split.get("rejected").asLong(), split.toString());
        assertEquals(excluded, split.get("excluded").asLong(), split.toString());
        assertEquals(read, written + rejected + excluded, split.toString());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aCorpusOfOnlyMp4ClipsNeedsFfmpegBeforeAnySparkJob() {
        Utterance u = new Utterance(
                "test_dia0_utt0", "meld", "/m/dia0_utt0.wav", "Hi.", "joy", "joy", 4, "Ross", "test_dia0", "test");
        List<WorkItem> mp4Only = Collections.singletonList(
                new WorkItem(u, Arrays.asList("Hi", "."), "/m/output_repeated_splits_test/dia0_utt0.mp4", 1000));
        FfmpegDecoder none = FfmpegDecoder.onPath(tmp.resolve("no-bin").toString());
        ConfigException e =
                assertThrows(ConfigException.class, () -> FeatureJob.checkDecoderAvailable(mp4Only, none, "/m"));
        assertTrue(
                e.getMessage().startsWith("ffmpeg is missing: all 1 audio clips of the corpus at /m"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install ffmpeg"), e.getMessage());

        // with a WAV among them the job goes on: the clips it cannot decode are rejected with the reason
        List<WorkItem> mixed = new ArrayList<>(mp4Only);
        mixed.add(new WorkItem(u, Arrays.asList("Hi"), "/m/dia1_utt0.wav", 1000));
        FeatureJob.checkDecoderAvailable(mixed, none, "/m");
    }
}
