package org.mcsan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and settings give byte-identical output; another seed gives other output. Uses a small corpus. */
class SyntheticCorpusDeterminismTest {

    @TempDir
    Path dir;

    private static SynthSettings small(long seed) {
        return SynthSettings.from(ConfigFactory.parseString(
                        "sessions = 1, utterances-per-speaker = 6, dialogs-per-session = 2, seed = " + seed)
                .withFallback(ConfigFactory.defaultReference().getConfig("mcsan.synth")));
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        SynthSummary first = SyntheticCorpus.generate(dir.resolve("a"), small(7));
        SyntheticCorpus.generate(dir.resolve("b"), small(7));
        SyntheticCorpus.generate(dir.resolve("c"), small(8));
        Map<String, byte[]> a = files(dir.resolve("a"));
        Map<String, byte[]> b = files(dir.resolve("b"));
        Map<String, byte[]> c = files(dir.resolve("c"));

        assertEquals(12, first.utterances());
        assertEquals(2, first.dialogs());
        assertEquals(a.keySet(), b.keySet());
        for (String file : a.keySet()) {
            assertArrayEquals(a.get(file), b.get(file), file);
        }
        // The layout is fixed by the settings, the content by the seed.
        assertEquals(a.keySet(), c.keySet());
        int differing = 0;
        for (String file : a.keySet()) {
            differing += Arrays.equals(a.get(file), c.get(file)) ? 0 : 1;
        }
        assertEquals(a.size(), differing, "every file depends on the seed");
    }

    @Test
    void refusesToWriteOverAnExistingCorpus() throws IOException {
        Path out = dir.resolve("out");
        SyntheticCorpus.generate(out, small(1));
        Map<String, byte[]> before = files(out);
        FileAlreadyExistsException error =
                assertThrows(FileAlreadyExistsException.class, () -> SyntheticCorpus.generate(out, small(2)));
        assertTrue(error.getMessage().contains("IEMOCAP_full_release"), error.getMessage());
        Map<String, byte[]> after = files(out);
        assertEquals(before.keySet(), after.keySet());
        for (String file : before.keySet()) {
            assertArrayEquals(before.get(file), after.get(file), file);
        }
    }

    @Test
    void replacesLeftoversOfAnInterruptedRun() throws IOException {
        Path out = dir.resolve("out");
        Path leftover = out.resolve("IEMOCAP_full_release.partial/Session1/sentences/wav/stale.wav");
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[] {1, 2, 3});
        SyntheticCorpus.generate(out, small(3));
        assertFalse(Files.exists(out.resolve("IEMOCAP_full_release.partial")));
        assertFalse(Files.exists(out.resolve("IEMOCAP_full_release/Session1/sentences/wav/stale.wav")));
    }

    @Test
    void followsCustomSettings() throws IOException {
        SynthSettings settings = SynthSettings.from(ConfigFactory.parseString(
                        "sessions = 2, utterances-per-speaker = 5, dialogs-per-session = 1, min-duration-s = 2.0, "
                                + "max-duration-s = 2.5, label-proportions { neu = 0, hap = 0, exc = 0, ang = 0, sad = 1, "
                                + "fru = 0, xxx = 0, sur = 0 }")
                .withFallback(ConfigFactory.defaultReference().getConfig("mcsan.synth")));
        SynthSummary summary = SyntheticCorpus.generate(dir.resolve("custom"), settings);
        ParsedCorpus corpus = ParsedCorpus.read(summary.corpusRoot());
        assertEquals(20, corpus.utterances.size());
        assertEquals(4, summary.utterancesBySpeaker().size());
        for (ParsedCorpus.Utterance utterance : corpus.utterances.values()) {
            assertEquals("sad", utterance.label);
            double seconds = TestWav.read(corpus.wavOf(utterance)).seconds();
            assertTrue(seconds >= 2.0 && seconds <= 2.5, utterance.id + ": " + seconds);
        }
        assertEquals(Integer.valueOf(20), summary.utterancesByLabel().get("sad"));
        assertEquals(Integer.valueOf(0), summary.utterancesByLabel().get("ang"));
        assertNotEquals(0.0, summary.audioSeconds());
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
