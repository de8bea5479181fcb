package org.mcsan.features.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeldReaderTest {
    static final String HEADER =
            "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID,Season,Episode,StartTime,EndTime";

    @TempDir
    Path root;

    /** Concatenates UTF-8 text and raw bytes, to put windows-1252 bytes into an otherwise UTF-8 file. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof byte[] ? (byte[]) p : ((String) p).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    private void writeFixture() throws IOException {
        byte[] train = bytes(
                "\uFEFF" + HEADER + "\r\n",
                "1,\"also I was the point person on my company\u2019s transition from the KL-5 to GR-6 system.\","
                        + "Chandler,neutral,neutral,0,0,8,21,\"00:16:16,059\",\"00:16:21,731\"\r\n",
                // windows-1252 apostrophe (0x92) in the utterance; the speaker field is clean UTF-8
                "2,\"You must",
                new byte[] {(byte) 0x92},
                "ve had your hands full.\",The Interviewer,"
                        + "neutral,neutral,0,1,8,21,\"00:16:21,940\",\"00:16:23,442\"\r\n",
                // quoted field with a comma, doubled quotes and a line break; ids are not contiguous
                "5,\"He said \"\"no\"\", and then,\nhe left.\",Ross,Surprise,positive,2,3,1,1,"
                        + "\"00:14:38,127\",\"00:14:40,000\"\r\n",
                "\r\n",
                "9,\"Same ids again\",Ross,joy,positive,2,3,1,1,\"00:14:41,000\",\"00:14:42,000\"\r\n",
                "10,\"What?\",Monica,boredom,neutral,3,0,1,1,\"00:01:00,000\",\"00:01:01,000\"\r\n",
                "11,\"Too few fields\",Monica,joy\r\n",
                "12,\"Oh.\",Phoebe,anger,negative,x1,0,1,1,\"00:01:00,000\",\"00:01:01,000\"\r\n",
                "1040,\"Bye!\",Joey,joy,positive,1038,14,3,3,\"00:20:00,000\",\"00:20:01,000\"\r\n");
        Files.write(root.resolve("train_sent_emo.csv"), train);
        Files.write(
                root.resolve("dev_sent_emo.csv"),
                bytes(
                        HEADER + "\n",
                        "1,\"Oh my God!\",Rachel,fear,negative,0,0,1,1,\"00:00:01,000\",\"00:00:02,000\"\n"));
        Files.write(
                root.resolve("test_sent_emo.csv"),
                bytes(
                        HEADER + "\n",
                        "1,\"Why do all you\u2019re coffee mugs have numbers on the bottom?\",Mark,surprise,positive,0,0,"
                                + "3,19,\"00:14:38,127\",\"00:14:40,378\"\n",
                        "2,\"Oh. That\u2019s so Monica can keep track.\",Rachel,anger,negative,0,1,3,19,"
                                + "\"00:14:40,629\",\"00:14:47,385\"\n"));
    }

    private MeldReader reader(Config overrides) {
        Config section =
                overrides.withFallback(ConfigFactory.defaultReference()).getConfig("mcsan.corpus.meld");
        return new MeldReader(root.toString(), MeldSettings.from(section), new Configuration());
    }

    private static Map<String, Utterance> byId(CorpusScan scan) {
        Map<String, Utterance> m = new HashMap<>();
        for (Utterance u : scan.utterances()) m.put(u.utteranceId(), u);
        return m;
    }

    /**
     * MELD's mangled punctuation, as the released CSVs hold it (valid UTF-8): a C1 control (C2 92 for ’), a doubly
     * encoded ’ (C3 A2 C2 80 C2 99), and a clean row. Transcripts are repaired, the original kept, the kinds counted.
     */
    @Test
    void mangledPunctuationIsRepairedKeptAndCounted() throws IOException {
        String row = ",Joey,joy,positive,0,%d,1,1,\"00:00:01,000\",\"00:00:02,000\"\n";
        Files.write(
                root.resolve("train_sent_emo.csv"),
                bytes(
                        HEADER + "\n",
                        "1,\"I",
                        new byte[] {(byte) 0xC2, (byte) 0x92},
                        "m fine.\"" + String.format(row, 0),
                        "2,\"you",
                        new byte[] {(byte) 0xC3, (byte) 0xA2, (byte) 0xC2, (byte) 0x80, (byte) 0xC2, (byte) 0x99},
                        "re late\"" + String.format(row, 1),
                        "3,\"Clean text.\"" + String.format(row, 2)));
        Files.write(root.resolve("dev_sent_emo.csv"), bytes(HEADER + "\n"));
        Files.write(root.resolve("test_sent_emo.csv"), bytes(HEADER + "\n"));
        CorpusScan scan = reader(ConfigFactory.empty()).read();
        Map<String, Utterance> u = byId(scan);
        assertEquals("I\u2019m fine.", u.get("train_dia0_utt0").transcript());
        assertEquals("I\u0092m fine.", u.get("train_dia0_utt0").originalTranscript());
        assertEquals("you\u2019re late", u.get("train_dia0_utt1").transcript());
        assertEquals("you\u00e2\u0080\u0099re late", u.get("train_dia0_utt1").originalTranscript());
        assertEquals("Clean text.", u.get("train_dia0_utt2").transcript());
        assertEquals(null, u.get("train_dia0_utt2").originalTranscript());
        Map<String, Long> expected = new java.util.TreeMap<>();
        expected.put(org.mcsan.features.text.TextRepair.C1_CONTROL, 1L);
        expected.put(org.mcsan.features.text.TextRepair.DOUBLE_ENCODED, 1L);
        assertEquals(expected, scan.transcriptRepairs());
    }

    @Test
    void readsTheThreeSplitsWithTheirQuirks() throws IOException {
        writeFixture();
        CorpusScan scan = reader(ConfigFactory.empty()).read();

        assertEquals("meld", scan.corpus());
        assertEquals(
                java.util.Arrays.asList("neutral", "surprise", "fear", "sadness", "joy", "disgust", "anger"),
                scan.classes());
        assertEquals(11, scan.recordsSeen(), "8 train rows + 1 dev + 2 test; the blank line is not a record");
        Map<String, Utterance> u = byId(scan);
        assertEquals(7, u.size(), u.keySet().toString());
        assertEquals(4, scan.rejected().size(), scan.rejected().toString());
        assertEquals(Collections.emptyMap(), scan.excludedByLabel());

        Utterance first = u.get("train_dia0_utt0");
        assertEquals(
                "also I was the point person on my company\u2019s transition from the KL-5 to GR-6 system.",
                first.transcript());
        assertEquals("Chandler", first.speaker());
        assertEquals("train", first.split());
        assertEquals("train_dia0", first.session());
        assertEquals(0, first.labelIndex());
        assertTrue(first.audioPath().endsWith("/train_splits/dia0_utt0.wav"), first.audioPath());

        Utterance cp1252 = u.get("train_dia0_utt1");
        assertEquals("You must\u2019ve had your hands full.", cp1252.transcript());
        assertEquals("The Interviewer", cp1252.speaker());

        Utterance quoted = u.get("train_dia2_utt3");
        assertEquals("He said \"no\", and then,\nhe left.", quoted.transcript());
        assertEquals("Surprise", quoted.rawLabel());
        assertEquals("surprise", quoted.label());
        assertEquals(1, quoted.labelIndex());

        assertEquals("train_dia1038", u.get("train_dia1038_utt14").session());
        assertEquals("dev", u.get("dev_dia0_utt0").split());
        assertTrue(u.get("dev_dia0_utt0").audioPath().endsWith("/dev_splits_complete/dia0_utt0.wav"));
        assertTrue(u.get("test_dia0_utt1").audioPath().endsWith("/output_repeated_splits_test/dia0_utt1.wav"));
        assertEquals(
                "Oh. That\u2019s so Monica can keep track.",
                u.get("test_dia0_utt1").transcript());
        assertEquals(6, u.get("test_dia0_utt1").labelIndex());

        String csv = root.resolve("train_sent_emo.csv").toString();
        Map<String, String> reasons = new HashMap<>();
        for (RejectedItem r : scan.rejected()) {
            assertEquals("read", r.stage());
            assertEquals("train", r.split(), "the CSV tells every record's split, even a malformed one's: " + r);
            reasons.put(r.path().substring(r.path().lastIndexOf(':') + 1), r.reason());
        }
        for (RejectedItem r : scan.rejected()) {
            if (r.reason().startsWith("unknown label 'boredom'")) {
                assertEquals("Monica", r.speaker(), "a well-formed row's speaker and dialogue are kept");
                assertEquals("train_dia3", r.session());
            } else if (r.reason().contains("4 fields")) {
                assertNull(r.speaker(), "a malformed row's fields are not trusted");
            }
        }
        assertTrue(
                reasons.get("7").startsWith("duplicate utterance train_dia2_utt3")
                        && reasons.get("7").contains("first at ")
                        && reasons.get("7").contains(csv + ":4"),
                reasons.get("7"));
        assertTrue(reasons.get("8").startsWith("unknown label 'boredom'"), reasons.get("8"));
        assertTrue(reasons.get("9").contains("4 fields, the header has 11"), reasons.get("9"));
        assertTrue(reasons.get("10").contains("Dialogue_ID 'x1'"), reasons.get("10"));
    }

    @Test
    void aConfiguredWavDirectoryIsUsedPerSplit() throws IOException {
        writeFixture();
        CorpusScan scan = reader(ConfigFactory.parseString("mcsan.corpus.meld { wav-dir = wavs, splits = [dev],"
                        + " classes = [neutral, surprise, sadness, joy, disgust, anger], excluded = [fear] }"))
                .read();
        assertEquals(1, scan.recordsSeen());
        assertEquals(0, scan.utterances().size());
        assertEquals(Collections.singletonMap("fear", 1L), scan.excludedByLabel());
        ExcludedItem fear = scan.excluded().get(0);
        assertEquals("dev_dia0_utt0", fear.utteranceId());
        assertEquals("dev", fear.split());
        assertEquals("Rachel", fear.speaker());

        scan = reader(ConfigFactory.parseString("mcsan.corpus.meld { wav-dir = wavs, splits = [test] }"))
                .read();
        assertTrue(
                scan.utterances().get(0).audioPath().endsWith("/wavs/test/dia0_utt0.wav"),
                scan.utterances().get(0).audioPath());
    }

    @Test
    void aMissingColumnOrFileIsAClearError() throws IOException {
        writeFixture();
        Files.write(
                root.resolve("dev_sent_emo.csv"),
                bytes("Sr No.,Utterance,Speaker,Sentiment,Dialogue_ID," + "Utterance_ID\n1,Hi,Joey,neutral,0,0\n"));
        IOException e = assertThrows(
                IOException.class, () -> reader(ConfigFactory.empty()).read());
        assertTrue(
                e.getMessage().contains("has no column 'Emotion'")
                        && e.getMessage().contains("Sentiment"),
                e.getMessage());
        Files.delete(root.resolve("test_sent_emo.csv"));
        IOException missing = assertThrows(
                IOException.class,
                () -> reader(ConfigFactory.parseString("mcsan.corpus.meld.splits = [train, test]"))
                        .read());
        assertTrue(missing.getMessage().startsWith("MELD test CSV not found"), missing.getMessage());
    }
}
