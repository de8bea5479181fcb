package org.mcsan.features.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GloveReaderTest {
    @TempDir
    Path dir;

    static final Set<String> WANTED = new HashSet<>(
            Arrays.asList("the", ".", "at&t inc", "bad", "Hello", "hello", "caf\u00e9", "last", "n't", "missing"));

    /** The expectations shared by the local reader and the Spark lookup. */
    static void assertFixtureTable(GloveTable t) {
        assertEquals(GloveFixture.DIM, t.dim());
        assertEquals(
                new HashSet<>(Arrays.asList("the", ".", "at&t inc", "Hello", "hello", "caf\u00e9", "last", "n't")),
                t.vectors().keySet());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, t.get("the"), "the first of two lines wins");
        assertArrayEquals(new float[] {1f, 2f, 3f}, t.get("."), "a CRLF line end is tolerated");
        assertArrayEquals(new float[] {0.5f, -0.5f, 0.01f}, t.get("at&t inc"));
        assertArrayEquals(new float[] {0f, 0f, 1f}, t.get("caf\u00e9"));
        assertArrayEquals(new float[] {4f, 5f, 6f}, t.get("last"));
        assertNull(t.get("bad"));
        assertEquals(WANTED.size(), t.wantedWords());
        GloveStats s = t.stats();
        assertEquals(GloveFixture.LINES, s.linesRead());
        assertEquals(2, s.wrongFieldCount());
        assertEquals(1, s.badNumbers());
        assertEquals(3, s.malformedLines());
        assertEquals(1, s.invalidUtf8());
        assertEquals(1, s.duplicateWords());
    }

    @Test
    void readsPlainText() throws IOException {
        assertFixtureTable(
                GloveReader.read(GloveFixture.plain(dir).toString(), GloveFixture.DIM, WANTED, new Configuration()));
    }

    @Test
    void readsGzip() throws IOException {
        assertFixtureTable(
                GloveReader.read(GloveFixture.gzipped(dir).toString(), GloveFixture.DIM, WANTED, new Configuration()));
    }

    @Test
    void readsEverythingWithoutAVocabularyAndChecksTheDimension() throws IOException {
        GloveTable all =
                GloveReader.read(GloveFixture.plain(dir).toString(), GloveFixture.DIM, null, new Configuration());
        assertEquals(8 + 200, all.size(), "8 good words and 200 fillers");
        GloveTable wrongDim = GloveReader.read(GloveFixture.plain(dir).toString(), 4, null, new Configuration());
        assertEquals(0, wrongDim.size(), "a 3-d file read as 4-d has no good line");
        assertEquals(GloveFixture.LINES - 1, wrongDim.stats().wrongFieldCount());
        assertEquals(1, wrongDim.stats().badNumbers(), "'at&t inc 0.5 -0.5 1e-2' reads as 'at&t' + a bad number");
        assertThrows(
                FileNotFoundException.class,
                () -> GloveReader.read(dir.resolve("none.txt").toString(), 3, null, new Configuration()));
        IllegalArgumentException zip = assertThrows(
                IllegalArgumentException.class,
                () -> GloveReader.read(dir.resolve("glove.840B.300d.zip").toString(), 300, null, new Configuration()));
        assertTrue(zip.getMessage().contains("unzip glove.840B.300d.zip"), zip.getMessage());
    }
}
