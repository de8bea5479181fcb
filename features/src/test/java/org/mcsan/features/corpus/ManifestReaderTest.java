package org.mcsan.features.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    @TempDir
    Path dir;

    private static final ManifestSettings DERIVED_CLASSES = new ManifestSettings(
            Collections.<String>emptyList(),
            Collections.singletonMap("glad", "Happy"),
            Collections.singletonList("other"),
            ManifestSettings.Format.AUTO);

    private CorpusScan read(Path manifest, ManifestSettings settings) throws IOException {
        return new ManifestReader(manifest.toString(), settings, new Configuration()).read();
    }

    private static Map<String, Utterance> byId(CorpusScan scan) {
        Map<String, Utterance> m = new HashMap<>();
        for (Utterance u : scan.utterances()) m.put(u.utteranceId(), u);
        return m;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    @Test
    void csvWithRelativeAndAbsolutePathsAndDerivedClasses() throws IOException {
        Path manifest = write(
                "sub/manifest.csv",
                String.join(
                        "\n",
                        "utterance_id,audio_path,transcript,label,speaker,split",
                        "u1,audio/u1.wav,\"Hello, world\",sad,spk1,train",
                        "u2,/data/abs/u2.wav,Hi,Happy,spk2,",
                        "u3,audio/u3.wav,,neutral,spk1,test",
                        "u4,audio/u4.wav,Other,other,spk3,train",
                        "u1,audio/u1b.wav,Again,sad,spk1,train",
                        "u5,audio/u5.wav,No speaker,sad,,train",
                        "u6,audio/u6.wav,Too,many,fields,here,x",
                        "u7,audio/u7.wav,Glad to,GLAD,spk3,dev",
                        ""));
        CorpusScan scan = read(manifest, DERIVED_CLASSES);
        assertEquals("manifest", scan.corpus());
        assertEquals(
                Arrays.asList("Happy", "neutral", "sad"),
                scan.classes(),
                "derived classes: distinct labels after the label map, minus excluded, sorted");
        assertEquals(8, scan.recordsSeen());
        Map<String, Utterance> u = byId(scan);
        assertEquals(4, u.size());
        assertEquals("Happy", u.get("u7").label());
        assertEquals("GLAD", u.get("u7").rawLabel());
        assertEquals(Collections.singletonMap("other", 1L), scan.excludedByLabel());
        assertEquals(3, scan.rejected().size(), scan.rejected().toString());

        Utterance u1 = u.get("u1");
        assertEquals("Hello, world", u1.transcript());
        assertEquals(2, u1.labelIndex());
        assertEquals("train", u1.split());
        assertNull(u1.session());
        assertTrue(u1.audioPath().endsWith(dir.resolve("sub/audio/u1.wav").toString()), u1.audioPath());
        assertEquals("/data/abs/u2.wav", u.get("u2").audioPath());
        assertNull(u.get("u2").split());
        assertEquals("", u.get("u3").transcript());

        List<RejectedItem> r = scan.rejected();
        assertTrue(
                r.get(0).reason().startsWith("duplicate utterance_id u1")
                        && r.get(0).reason().contains(":2")
                        && r.get(0).reason().contains(":6"),
                r.get(0).reason());
        assertTrue(r.get(1).reason().startsWith("empty speaker at "), r.get(1).reason());
        assertTrue(
                r.get(2).reason().contains("7 fields, the header has 6")
                        && r.get(2).path().endsWith(":8"),
                r.get(2).toString());
    }

    @Test
    void tsvAndSniffedDelimiterWithConfiguredClasses() throws IOException {
        String rows = String.join(
                "\n",
                "utterance_id\taudio_path\ttranscript\tlabel\tspeaker\tsession",
                "a\ta.wav\tYes, indeed\tang\ts1\tsessA",
                "b\tb.wav\tNo\tfru\ts2\tsessB");
        ManifestSettings classes = new ManifestSettings(
                Arrays.asList("neu", "ang"),
                Collections.<String, String>emptyMap(),
                Collections.<String>emptyList(),
                ManifestSettings.Format.AUTO);
        for (Path manifest : Arrays.asList(write("m.tsv", rows), write("m.txt", rows))) {
            CorpusScan scan = read(manifest, classes);
            assertEquals(Arrays.asList("neu", "ang"), scan.classes());
            assertEquals(1, scan.utterances().size());
            Utterance a = scan.utterances().get(0);
            assertEquals("Yes, indeed", a.transcript());
            assertEquals(1, a.labelIndex());
            assertEquals("sessA", a.session());
            assertEquals(1, scan.rejected().size());
            assertTrue(
                    scan.rejected().get(0).reason().startsWith("unknown label 'fru'"),
                    scan.rejected().get(0).reason());
        }
    }

    @Test
    void aMissingColumnIsAClearError() throws IOException {
        Path manifest = write("m.csv", "utterance_id,path,transcript,label,speaker\nu1,a.wav,Hi,sad,s\n");
        IOException e = assertThrows(IOException.class, () -> read(manifest, DERIVED_CLASSES));
        assertTrue(
                e.getMessage().contains("has no column 'audio_path'")
                        && e.getMessage().contains("columns found: [utterance_id, path, transcript, label, speaker]"),
                e.getMessage());
    }

    @Test
    void parquetFileAndDirectory() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("message manifest {"
                + " required binary utterance_id (UTF8); required binary audio_path (UTF8);"
                + " optional binary transcript (UTF8); required binary label (UTF8); required binary speaker (UTF8);"
                + " optional int32 split; }");
        Path parquetDir = dir.resolve("manifest.parquet");
        Files.createDirectories(parquetDir);
        Path part = parquetDir.resolve("part-00000.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(part.toString()))
                .withType(schema)
                .build()) {
            writer.write(groups.newGroup()
                    .append("utterance_id", "p1")
                    .append("audio_path", "clips/p1.wav")
                    .append("transcript", "Caf\u00e9 time")
                    .append("label", "joy")
                    .append("speaker", "x")
                    .append("split", 3));
            writer.write(groups.newGroup()
                    .append("utterance_id", "p2")
                    .append("audio_path", "clips/p2.wav")
                    .append("label", "anger")
                    .append("speaker", "y"));
        }
        Files.write(parquetDir.resolve("_SUCCESS"), new byte[0]);
        for (Path manifest : Arrays.asList(parquetDir, part)) {
            CorpusScan scan = read(manifest, DERIVED_CLASSES);
            assertEquals(Arrays.asList("anger", "joy"), scan.classes());
            Map<String, Utterance> u = byId(scan);
            assertEquals("Caf\u00e9 time", u.get("p1").transcript());
            assertEquals("3", u.get("p1").split());
            assertTrue(
                    u.get("p1")
                            .audioPath()
                            .endsWith(parquetDir.resolve("clips/p1.wav").toString()),
                    u.get("p1").audioPath());
            assertNull(u.get("p2").transcript(), "a null transcript stays null; the feature job rejects it");
            assertNull(u.get("p2").split());
        }
    }
}
