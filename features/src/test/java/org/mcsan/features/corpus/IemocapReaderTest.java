package org.mcsan.features.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IemocapReaderTest {
    @TempDir
    Path root;

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** A small IEMOCAP_full_release tree with the quirks of the real one. */
    private void writeFixture() throws IOException {
        Path s1 = root.resolve("Session1/dialog");
        write(
                s1.resolve("EmoEvaluation/Ses01F_impro01.txt"),
                String.join(
                        "\n",
                        "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]",
                        "",
                        "[6.2901 - 8.2357]\tSes01F_impro01_F000\tneu\t[2.5000, 2.5000, 2.5000]",
                        "C-E2:\tNeutral;\t()",
                        "C-E3:\tNeutral;\t()",
                        "A-E3:\tval 3; act 2; dom  2;\t()",
                        "",
                        "[10.0100 - 11.3925]\tSes01F_impro01_M000\texc\t[2.0000, 3.5000, 3.5000]",
                        "C-E1:\tExcited;\t()",
                        "A-E2:\tval 4; act 3; dom  3;\t()",
                        "",
                        "[14.8872 - 18.0400]\tSes01F_impro01_F001\tfru\t[2.5000, 2.5000, 2.5000]",
                        "[19.2900 - 20.7800]\tSes01F_impro01_M001\tsad\t[2.0000, 2.0000, 2.0000]",
                        "[21.0000 - 22.0000]\tSes01F_impro01_F002\tbored\t[2.0000, 2.0000, 2.0000]",
                        "[23.0000 - 24.0000]\tSes01F_impro01_F003\tang\t[1.5000, 4.0000, 4.0000]",
                        "[25.0000 - 26.0000]\tSes01F_impro01_F003\tneu\t[2.5000, 2.5000, 2.5000]",
                        "[27.0000 - 28.0000] Ses01F_impro01_F004 ang",
                        ""));
        write(
                s1.resolve("transcriptions/Ses01F_impro01.txt"),
                String.join(
                        "\r\n",
                        "Ses01F_impro01_F000 [006.2901-008.2357]: Excuse me.",
                        "Ses01F_impro01_M000 [010.0100-011.3925]: Do you have your forms?",
                        "M: [BREATHING]",
                        "Ses01F_impro01_MXX0 [012.0000-013.0000]: Yeah.",
                        "Ses01F_impro01_F001 [014.8872-018.0400]: Is there a problem?",
                        "Ses01F_impro01_F002 [021.0000-022.0000]: Hmm.",
                        "Ses01F_impro01_F003 [023.0000-024.0000]: I'm angry [LAUGHTER].",
                        "Ses01F_impro01_F004 [027.0000-028.0000]: Whatever.",
                        "Ses01F_impro01_F005 [029.0000-030.0000]: Nobody labelled me.",
                        ""));
        // macOS AppleDouble files as found in copies of the release: must be ignored
        write(s1.resolve("EmoEvaluation/._Ses01F_impro01.txt"), new byte[] {0, 5, 22, 7, (byte) 0xff, '[', '\n'});
        write(s1.resolve("transcriptions/._Ses01F_impro01.txt"), new byte[] {0, 5, 22, 7, (byte) 0xff});
        // Sub-directories of EmoEvaluation (Categorical/, Attribute/) hold per-annotator files: not read
        write(
                s1.resolve("EmoEvaluation/Categorical/Ses01F_impro01_e1_cat.txt"),
                "Ses01F_impro01_F000 :Neutral state; ()\n");

        Path s2 = root.resolve("Session2/dialog");
        write(
                s2.resolve("EmoEvaluation/Ses02M_script01_1.txt"),
                String.join(
                        "\n",
                        "[1.0000 - 2.0000]\tSes02M_script01_1_F000\thap\t[4.0000, 3.0000, 3.0000]",
                        "[2.0000 - 3.0000]\tSes02M_script01_1_M001\tsad\t[1.0000, 2.0000, 2.0000]",
                        "[3.0000 - 4.0000]\tSes02M_script01_1_M002\txxx\t[2.0000, 2.0000, 2.0000]"));
        write(
                s2.resolve("transcriptions/Ses02M_script01_1.txt"),
                String.join(
                        "\n",
                        "Ses02M_script01_1_F000 [001.0000-002.0000]: We'll see.",
                        "Ses02M_script01_1_M001 [002.0000-003.0000]:",
                        "Ses02M_script01_1_M002 [003.0000-004.0000]: Okay."));

        // Sessions are discovered, not assumed to be 1..5; Session10 sorts after Session2
        Path s10 = root.resolve("Session10/dialog");
        write(
                s10.resolve("EmoEvaluation/Ses10F_impro01.txt"),
                "[1.0000 - 2.0000]\tSes10F_impro01_F000\tneu\t[2.5000, 2.5000, 2.5000]\n");
        write(s10.resolve("transcriptions/Ses10F_impro01.txt"), "Ses10F_impro01_F000 [001.0000-002.0000]: Hello.\n");
        Files.createDirectories(root.resolve("Documentation"));
    }

    private static IemocapReader reader(String corpus, Path root, Config overrides) {
        Config corpusSection =
                overrides.withFallback(ConfigFactory.defaultReference()).getConfig("mcsan.corpus");
        return new IemocapReader(
                corpus, root.toString(), IemocapSettings.from(corpusSection.getConfig("iemocap")), new Configuration());
    }

    private static Map<String, Utterance> byId(CorpusScan scan) {
        Map<String, Utterance> m = new HashMap<>();
        for (Utterance u : scan.utterances()) m.put(u.utteranceId(), u);
        return m;
    }

    private static RejectedItem rejectedFor(CorpusScan scan, String id) {
        List<RejectedItem> found = new ArrayList<>();
        for (RejectedItem r : scan.rejected()) if (id.equals(r.utteranceId())) found.add(r);
        assertEquals(1, found.size(), "rejections for " + id + ": " + scan.rejected());
        return found.get(0);
    }

    @Test
    void readsTheReleaseLayoutWithItsQuirks() throws IOException {
        writeFixture();
        CorpusScan scan = reader("iemocap", root, ConfigFactory.empty()).read();

        assertEquals("iemocap", scan.corpus());
        assertEquals(Arrays.asList("neu", "hap", "ang", "sad"), scan.classes());
        // 12 header lines + 1 transcript line without a header
        assertEquals(13, scan.recordsSeen());
        Map<String, Utterance> u = byId(scan);
        assertEquals(
                new java.util.TreeSet<>(Arrays.asList(
                        "Ses01F_impro01_F000",
                        "Ses01F_impro01_M000",
                        "Ses01F_impro01_F003",
                        "Ses02M_script01_1_F000",
                        "Ses02M_script01_1_M001",
                        "Ses10F_impro01_F000")),
                new java.util.TreeSet<>(u.keySet()));
        Map<String, Long> excluded = new HashMap<>();
        excluded.put("fru", 1L);
        excluded.put("xxx", 1L);
        assertEquals(excluded, scan.excludedByLabel());
        assertEquals(5, scan.rejected().size(), scan.rejected().toString());

        Utterance f000 = u.get("Ses01F_impro01_F000");
        assertEquals("Excuse me.", f000.transcript());
        assertEquals("neu", f000.label());
        assertEquals(0, f000.labelIndex());
        assertEquals("Ses01F", f000.speaker());
        assertEquals("Ses01", f000.session());
        assertNull(f000.split());
        assertTrue(
                f000.audioPath().endsWith("/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav"),
                f000.audioPath());

        Utterance m000 = u.get("Ses01F_impro01_M000");
        assertEquals("exc", m000.rawLabel());
        assertEquals("hap", m000.label());
        assertEquals(1, m000.labelIndex());
        assertEquals("Ses01M", m000.speaker(), "speaker letter comes from the final segment, not the dialog");

        assertEquals("Ses02F", u.get("Ses02M_script01_1_F000").speaker());
        assertEquals("", u.get("Ses02M_script01_1_M001").transcript(), "an empty transcript is kept as read");
        assertEquals("Ses10", u.get("Ses10F_impro01_F000").session());
        // the first of the duplicated F003 headers is kept (ang, not the later neu)
        assertEquals("ang", u.get("Ses01F_impro01_F003").label());
        assertEquals("I'm angry [LAUGHTER].", u.get("Ses01F_impro01_F003").transcript());

        for (RejectedItem r : scan.rejected()) {
            assertEquals("read", r.stage());
            if (r.utteranceId() != null
                    && IemocapReader.UTTERANCE_ID.matcher(r.utteranceId()).matches()) {
                // the speaker and session come from the id, so the record is counted in its fold's split
                assertEquals(IemocapReader.originOf(r.utteranceId()).speaker, r.speaker(), r.toString());
                assertTrue(r.utteranceId().startsWith(r.session()), r.toString());
            }
        }
        for (ExcludedItem e : scan.excluded()) {
            assertEquals(e.utteranceId().substring(0, 5), e.session());
            assertEquals(IemocapReader.originOf(e.utteranceId()).speaker, e.speaker());
        }
        assertEquals("Ses01M", IemocapReader.originOf("Ses01F_impro01_M012").speaker);
        String emo =
                root.resolve("Session1/dialog/EmoEvaluation/Ses01F_impro01.txt").toString();
        String trans = root.resolve("Session1/dialog/transcriptions/Ses01F_impro01.txt")
                .toString();
        RejectedItem noTranscript = rejectedFor(scan, "Ses01F_impro01_M001");
        assertTrue(
                noTranscript.reason().startsWith("no transcript line for Ses01F_impro01_M001"), noTranscript.reason());
        assertTrue(noTranscript.path().endsWith(emo + ":13"), noTranscript.path());
        RejectedItem unknown = rejectedFor(scan, "Ses01F_impro01_F002");
        assertTrue(unknown.reason().contains("unknown label 'bored'"), unknown.reason());
        assertTrue(
                unknown.reason().contains("[ang, exc, hap, neu, sad]"), "names the known labels: " + unknown.reason());
        RejectedItem duplicate = rejectedFor(scan, "Ses01F_impro01_F003");
        assertTrue(
                duplicate.reason().contains("first at ")
                        && duplicate.reason().contains(emo + ":15")
                        && duplicate.reason().contains("again at ")
                        && duplicate.reason().contains(emo + ":16"),
                duplicate.reason());
        RejectedItem malformed = rejectedFor(scan, "Ses01F_impro01_F004");
        assertTrue(
                malformed.reason().startsWith("malformed EmoEvaluation line at ")
                        && malformed.reason().contains(emo + ":17"),
                malformed.reason());
        RejectedItem orphan = rejectedFor(scan, "Ses01F_impro01_F005");
        assertTrue(orphan.reason().startsWith("transcript with no label"), orphan.reason());
        assertTrue(orphan.path().endsWith(trans + ":9"), orphan.path());
    }

    @Test
    void duplicateTranscriptLinesAndMalformedTranscriptsAreRejected() throws IOException {
        Path d = root.resolve("Session1/dialog");
        write(
                d.resolve("EmoEvaluation/Ses01M_impro02.txt"),
                String.join(
                        "\n",
                        "[1.0 - 2.0]\tSes01M_impro02_F000\tneu\t[2.5, 2.5, 2.5]",
                        "[2.0 - 3.0]\tSes01M_impro02_F001\tneu\t[2.5, 2.5, 2.5]"));
        write(
                d.resolve("transcriptions/Ses01M_impro02.txt"),
                String.join(
                        "\n",
                        "Ses01M_impro02_F000 [001.0000-002.0000]: One.",
                        "Ses01M_impro02_F000 [001.0000-002.0000]: One again.",
                        "Ses01M_impro02_F001 no brackets here"));
        CorpusScan scan = reader("iemocap", root, ConfigFactory.empty()).read();
        assertEquals(3, scan.recordsSeen());
        assertEquals(1, scan.utterances().size());
        assertEquals("One.", scan.utterances().get(0).transcript());
        RejectedItem dup = rejectedFor(scan, "Ses01M_impro02_F000");
        assertTrue(dup.reason().startsWith("duplicate transcript line"), dup.reason());
        RejectedItem bad = rejectedFor(scan, "Ses01M_impro02_F001");
        assertTrue(
                bad.reason().startsWith("malformed transcript line at ")
                        && bad.reason().contains(":3"),
                bad.reason());
    }

    @Test
    void classSetAndMappingAreConfigurable() throws IOException {
        writeFixture();
        Config fiveClass = ConfigFactory.parseString("mcsan.corpus.iemocap {"
                + " classes = [neu, hap, exc, ang, sad, fru],"
                + " label-map = [],"
                + " excluded = [sur, fea, oth, dis, xxx],"
                + " audio-path = \"wav/{utterance}.wav\" }");
        CorpusScan scan = reader("synthetic", root, fiveClass).read();
        Map<String, Utterance> u = byId(scan);
        assertEquals("synthetic", u.get("Ses01F_impro01_M000").corpus());
        assertEquals("exc", u.get("Ses01F_impro01_M000").label());
        assertEquals(2, u.get("Ses01F_impro01_M000").labelIndex());
        assertEquals(5, u.get("Ses01F_impro01_F001").labelIndex());
        assertEquals(7, scan.utterances().size());
        assertEquals(1, scan.excludedCount());
        assertTrue(u.get("Ses01F_impro01_F000").audioPath().endsWith("/Session1/wav/Ses01F_impro01_F000.wav"));
    }

    @Test
    void aDirectoryWithoutSessionsIsAClearError() throws IOException {
        Files.createDirectories(root.resolve("Documentation"));
        IOException e = assertThrows(
                IOException.class,
                () -> reader("iemocap", root, ConfigFactory.empty()).read());
        assertTrue(e.getMessage().contains("no SessionN directories under"), e.getMessage());
        IOException missing = assertThrows(
                IOException.class,
                () -> reader("iemocap", root.resolve("nope"), ConfigFactory.empty())
                        .read());
        assertTrue(missing.getMessage().contains("IEMOCAP corpus directory not found"), missing.getMessage());
    }

    @Test
    void mappingToAnUnlistedClassIsAConfigurationError() {
        Config bad = ConfigFactory.parseString("mcsan.corpus.iemocap.label-map = [\"exc=excited\"]");
        Exception e = assertThrows(ConfigException.class, () -> reader("iemocap", root, bad));
        assertTrue(e.getMessage().contains("'excited', which is not in the class list"), e.getMessage());
        Config malformed = ConfigFactory.parseString("mcsan.corpus.iemocap.label-map = [\"exc:hap\"]");
        e = assertThrows(ConfigException.class, () -> reader("iemocap", root, malformed));
        assertTrue(e.getMessage().contains("\"raw=class\""), e.getMessage());
        Config both = ConfigFactory.parseString("mcsan.corpus.iemocap.excluded = [exc]");
        e = assertThrows(ConfigException.class, () -> reader("iemocap", root, both));
        assertTrue(e.getMessage().contains("label 'exc' is both mapped to class 'hap' and excluded"), e.getMessage());
    }
}
