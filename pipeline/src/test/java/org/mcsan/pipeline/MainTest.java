package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    static final class Result {
        final int code;
        final String out;
        final String err;

        Result(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int code = Main.run(args);
            return new Result(
                    code,
                    new String(out.toByteArray(), StandardCharsets.UTF_8),
                    new String(err.toByteArray(), StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void configShowsOverrideWithItsOrigin() {
        Result r = run("config", "--set", "mcsan.testing.count=8");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("count=8"), r.out);
        assertTrue(r.out.contains("# --set mcsan.testing.count=8"), r.out);
    }

    @Test
    void dashDOptionIsALayer() {
        Result r = run("config", "--json", "-D", "mcsan.testing.count=9");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"count\" : 9"), r.out);
    }

    @Test
    void typoExitsWithTwoAndNamesTheKey() {
        Result r = run("config", "--set", "mcsan.testing.cout=8");
        assertEquals(Main.USAGE, r.code);
        assertTrue(r.err.contains("mcsan.testing.cout: unknown key"), r.err);
        assertTrue(r.err.contains("did you mean mcsan.testing.count?"), r.err);
    }

    @Test
    void anInvalidSweepStopsTrainingAtStartUpWithTwoNamingTheKey() {
        // validated with the rest of the configuration, before a Spark session or any stage starts
        Result r = run(
                "train",
                "--set",
                "mcsan.sweep.method=random",
                "--set",
                "mcsan.sweep.space={ \"mcsan.model.dropout\" { uniform = [0.2, 1.5] } }");
        assertEquals(Main.USAGE, r.code, r.err);
        assertTrue(r.err.contains("mcsan.sweep.space.\"mcsan.model.dropout\""), r.err);
        assertTrue(r.err.contains("1.5"), r.err);

        Result both = run(
                "train",
                "--set",
                "mcsan.sweep.space={ \"mcsan.model.dropout\" { choice = [0.1, 0.2] } }",
                "--set",
                "mcsan.trials=[{ name = a }]");
        assertEquals(Main.USAGE, both.code, both.err);
        assertTrue(both.err.contains("cannot be combined"), both.err);
    }

    @Test
    void outOfRangeExitsWithTwo() {
        Result r = run("config", "--set", "mcsan.testing.count=0");
        assertEquals(Main.USAGE, r.code);
        assertTrue(r.err.contains("mcsan.testing.count: expected a value in [1, 10], got 0"), r.err);
    }

    @Test
    void aModulesCrossKeyCheckExitsWithTwo() {
        Result r = run(
                "features",
                "--corpus-kind",
                "synthetic",
                "--corpus",
                "/nonexistent",
                "--out",
                "/tmp/never",
                "--glove",
                "/nonexistent.txt",
                "--set",
                "mcsan.features.mfcc.sample-rate=8000",
                "--set",
                "mcsan.features.mfcc.high-frequency=4000",
                "--set",
                "mcsan.spark.master=local[1]");
        assertEquals(Main.USAGE, r.code, r.err);
        assertTrue(
                r.err.startsWith(
                        "invalid configuration:\n  - Invalid value at 'mcsan.features.audio.target-sample-rate'"),
                r.err);
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(Main.USAGE, run().code);
        assertEquals(Main.USAGE, run("config", "--no-such-option").code);
        assertEquals(Main.USAGE, run("no-such-command").code);
    }

    @Test
    void everyCommandHasHelp() {
        Result top = run("--help");
        assertEquals(0, top.code);
        java.util.Set<String> commands =
                new picocli.CommandLine(new Main()).getSubcommands().keySet();
        assertTrue(
                commands.containsAll(java.util.Arrays.asList("config", "version", "features", "bench")),
                commands.toString());
        for (String command : commands) {
            assertTrue(top.out.contains(command), top.out);
            Result r = run(command, "--help");
            assertEquals(0, r.code, command);
            assertTrue(r.out.startsWith("Usage: mcsan " + command), r.out);
        }
    }

    @Test
    void versionNamesTheStack() {
        Result r = run("version");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("spark 2.4.8"), r.out);
        assertTrue(r.out.contains("bigdl 0.13.0"), r.out);
    }

    @Test
    void aMissingCorpusIsAConfigurationErrorNamingItsKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path glove = dir.resolve("glove.txt");
        java.nio.file.Files.write(glove, "word 0.1 0.2\n".getBytes(StandardCharsets.UTF_8));
        Result r = run(
                "features",
                "--set",
                "mcsan.spark.master=local[1]",
                "--corpus-kind",
                "manifest",
                "--corpus",
                dir.resolve("no-such-manifest.csv").toString(),
                "--glove",
                glove.toString(),
                "--out",
                dir.resolve("out").toString());
        assertEquals(2, r.code, r.out + r.err);
        assertTrue(r.err.contains("mcsan.corpus.path") && r.err.contains("does not exist"), r.err);
        assertTrue(!java.nio.file.Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void aCorpusOfOnlyMp4ClipsWithoutFfmpegExits2BeforeAnySparkJob(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                org.mcsan.features.corpus.FfmpegDecoder.onSystemPath().isAvailable(), "ffmpeg is installed here");
        // MELD as distributed: the three CSVs and .mp4 clips, no .wav
        String header =
                "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID,Season,Episode,StartTime,EndTime\n";
        String[][] splits = {
            {"train", "train_sent_emo.csv", "train_splits"},
            {"dev", "dev_sent_emo.csv", "dev_splits_complete"},
            {"test", "test_sent_emo.csv", "output_repeated_splits_test"}
        };
        for (String[] split : splits) {
            java.nio.file.Files.write(
                    dir.resolve(split[1]),
                    (header + "1,Oh my God!,Rachel,joy,positive,0,0,1,1,\"00:00:01,000\",\"00:00:02,000\"\n")
                            .getBytes(StandardCharsets.UTF_8));
            java.nio.file.Files.createDirectories(dir.resolve(split[2]));
            java.nio.file.Files.write(dir.resolve(split[2]).resolve("dia0_utt0.mp4"), new byte[] {0, 0, 0, 24});
        }
        java.nio.file.Path glove = dir.resolve("glove.txt");
        java.nio.file.Files.write(glove, "word 0.1 0.2\n".getBytes(StandardCharsets.UTF_8));
        Result r = run(
                "features",
                "--set",
                "mcsan.spark.master=local[1]",
                "--set",
                "mcsan.features.glove.dim=2",
                "--corpus-kind",
                "meld",
                "--corpus",
                dir.toString(),
                "--glove",
                glove.toString(),
                "--out",
                dir.resolve("out").toString());
        assertEquals(2, r.code, r.out + r.err);
        assertTrue(
                r.err.contains("ffmpeg is missing: all 3 audio clips") && r.err.contains("apt-get install ffmpeg"),
                r.err);
        assertTrue(
                !r.err.contains("GloVe") && !r.out.contains("GloVe"), "stopped before the GloVe lookup (a Spark job)");
        assertTrue(!java.nio.file.Files.exists(dir.resolve("out")), "nothing written");
    }
}
