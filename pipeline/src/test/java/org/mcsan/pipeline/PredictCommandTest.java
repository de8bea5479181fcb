package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.io.Csv;
import org.mcsan.contracts.io.Directory;
import org.mcsan.pipeline.config.InvalidConfigException;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.synth.WavWriter;

/**
 * mcsan predict from the command line on a manifest, on one recording and on a feature dataset, against a run
 * trained (by the command line too) on a small labelled manifest corpus with real WAV files and GloVe vectors.
 */
class PredictCommandTest {
    private static final String[] WORDS = {"good", "bad", "calm", "loud", "fine", "sad"};
    private static final String[] LABELS = {"neu", "hap", "ang"};

    @TempDir
    Path dir;

    /** A tone whose pitch and loudness follow the class, so that the audio carries it. */
    private static float[] tone(int label, int index, Random r) {
        float[] samples = new float[16000 * (5 + index % 4) / 10];
        double f = 150 + 120 * label;
        for (int i = 0; i < samples.length; i++) {
            samples[i] =
                    (float) ((0.2 + 0.2 * label) * Math.sin(2 * Math.PI * f * i / 16000) + 0.01 * r.nextGaussian());
        }
        return samples;
    }

    private Path wav(String name, int label, int index, Random r) throws IOException {
        Path p = dir.resolve("audio").resolve(name + ".wav");
        Files.createDirectories(p.getParent());
        WavWriter.writeMono(p, tone(label, index, r), 16000);
        return p;
    }

    private String[] common() {
        return new String[] {
            "--set", "mcsan.spark.master=local[2]",
            "--set", "mcsan.model.hidden-size=8",
            "--set", "mcsan.model.heads=2",
            "--set", "mcsan.model.ffn-size=16",
            "--set", "mcsan.model.conv-channels=8",
            "--set", "mcsan.model.classifier-hidden-size=8",
            "--set", "mcsan.train.batch-size=8",
            "--set", "mcsan.train.epochs=2",
            "--set", "mcsan.folds.only=[0]"
        };
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(b, 0, out, 0, b.length);
        System.arraycopy(a, 0, out, b.length, a.length);
        return out;
    }

    private static Map<String, String[]> rows(Path csv) throws IOException {
        Map<String, String[]> out = new HashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            out.put(fields[0], fields);
        }
        return out;
    }

    /**
     * The dataset is reused by a configuration that made it, and refused, naming the key, by one that asks for
     * other corpus or feature settings.
     */
    private void checkReuse(String dataset, Path corpus, Path glove) {
        List<String> sets = new ArrayList<>();
        String[] c = common();
        for (int i = 1; i < c.length; i += 2) {
            sets.add(c[i]);
        }
        sets.add("mcsan.corpus.kind=manifest");
        sets.add("mcsan.corpus.path=" + corpus);
        sets.add("mcsan.features.glove.path=" + glove);
        sets.add("mcsan.features.output=" + dataset);
        Directory made = Directory.open(new Configuration(), dataset);
        Stages.checkReusable(made, Settings.load(Collections.<File>emptyList(), sets, new Properties()));
        for (String[] change : new String[][] {
            {"mcsan.features.mfcc.num-coefficients=13", "mcsan.features.mfcc.num-coefficients"},
            {"mcsan.corpus.path=/no/such/corpus.csv", "mcsan.corpus.path"},
            {"mcsan.features.glove.path=/no/such/glove.txt", "mcsan.features.glove.path"}
        }) {
            List<String> changed = new ArrayList<>(sets);
            changed.add(change[0]);
            InvalidConfigException e = assertThrows(
                    InvalidConfigException.class,
                    () -> Stages.checkReusable(
                            made, Settings.load(Collections.<File>emptyList(), changed, new Properties())));
            assertTrue(
                    e.getMessage().contains(change[1] + ": the dataset was made with")
                            && e.getMessage().contains("mcsan.features.overwrite"),
                    e.getMessage());
        }
    }

    /** utterance id → probabilities of the test rows in one unit's partition of a run's predictions table. */
    private static Map<String, float[]> runTestProbabilities(Path partition) throws IOException {
        Map<String, float[]> out = new HashMap<>();
        List<Path> files = new ArrayList<>();
        Files.list(partition).filter(p -> p.toString().endsWith(".parquet")).forEach(files::add);
        for (Path file : files) {
            try (ParquetReader<Group> reader = ParquetReader.builder(
                            new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
                    .build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    if (!g.getString("split", 0).equals("test")) {
                        continue;
                    }
                    Group list = g.getGroup("probabilities", 0);
                    float[] p = new float[list.getFieldRepetitionCount("list")];
                    for (int i = 0; i < p.length; i++) {
                        p[i] = list.getGroup("list", i).getFloat("element", 0);
                    }
                    out.put(g.getString("utterance_id", 0), p);
                }
            }
        }
        return out;
    }

    @Test
    void predictsAManifestOneRecordingAndADatasetWithTheRunsFeatureSettings() throws Exception {
        Random r = new Random(3);
        // A labelled corpus: 3 sessions x 2 speakers x 4 utterances, and GloVe vectors for its words.
        StringBuilder corpus =
                new StringBuilder(Csv.line("utterance_id", "audio_path", "transcript", "label", "speaker", "session"));
        for (int s = 1; s <= 3; s++) {
            for (String g : new String[] {"F", "M"}) {
                for (int i = 0; i < 4; i++) {
                    int label = (i + s) % 3;
                    String id = "S" + s + g + "_" + i;
                    corpus.append(Csv.line(
                            id,
                            wav(id, label, i, r),
                            WORDS[label] + " " + WORDS[3 + label],
                            LABELS[label],
                            "S" + s + g,
                            "S" + s));
                }
            }
        }
        Path labelled = dir.resolve("corpus.csv");
        Files.write(labelled, corpus.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder glove = new StringBuilder();
        for (String w : WORDS) {
            glove.append(w);
            for (int k = 0; k < 300; k++) {
                glove.append(String.format(Locale.ROOT, " %.4f", r.nextGaussian()));
            }
            glove.append('\n');
        }
        Path gloveFile = dir.resolve("glove.txt");
        Files.write(gloveFile, glove.toString().getBytes(StandardCharsets.UTF_8));
        String dataset = dir.resolve("dataset").toString();
        String run = dir.resolve("run").toString();

        MainTest.Result features = MainTest.run(concat(
                common(),
                "features",
                "--corpus-kind",
                "manifest",
                "--corpus",
                labelled.toString(),
                "--glove",
                gloveFile.toString(),
                "--out",
                dataset));
        assertEquals(0, features.code, features.err);
        checkReuse(dataset, labelled, gloveFile);
        MainTest.Result train = MainTest.run(concat(common(), "train", "--features", dataset, "--run-dir", run));
        assertEquals(0, train.code, train.err);

        // An unlabelled manifest: two good rows, a missing file, an unreadable WAV, an empty transcript.
        Path garbage = dir.resolve("audio/garbage.wav");
        Files.write(garbage, "not a wav file".getBytes(StandardCharsets.UTF_8));
        Path unlabelled = dir.resolve("new.csv");
        Files.write(
                unlabelled,
                (Csv.line("utterance_id", "audio_path", "transcript")
                                + Csv.line("new_a", wav("new_a", 0, 1, r), "good calm")
                                + Csv.line("new_b", wav("new_b", 2, 2, r), "sad, fine")
                                + Csv.line("missing", dir.resolve("audio/none.wav"), "good")
                                + Csv.line("unreadable", garbage, "bad")
                                + Csv.line("silent", wav("silent", 1, 0, r), ""))
                        .getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("predicted");
        MainTest.Result predicted = MainTest.run(
                concat(common(), "predict", run, "--manifest", unlabelled.toString(), "--out", out.toString()));
        assertEquals(0, predicted.code, predicted.err);
        Map<String, String[]> rows = rows(out.resolve("predictions.csv"));
        assertEquals(2, rows.size(), rows.keySet().toString());
        assertEquals("", rows.get("new_a")[1], "no label: the label column is empty");
        assertTrue(!Files.exists(out.resolve("metrics.json")), "no labels, no metrics");
        String rejected = new String(Files.readAllBytes(out.resolve("rejected.csv")), StandardCharsets.UTF_8);
        assertTrue(
                rejected.contains("missing,")
                        && rejected.contains("unreadable,")
                        && rejected.contains("silent,")
                        && rejected.contains("empty transcript"),
                rejected);

        // The same features as the run's dataset: predicting the corpus from its manifest equals predicting the
        // dataset the run was trained on.
        Path fromManifest = dir.resolve("from-manifest");
        Path fromDataset = dir.resolve("from-dataset");
        assertEquals(
                0,
                MainTest.run(concat(
                                common(),
                                "predict",
                                run,
                                "--manifest",
                                labelled.toString(),
                                "--out",
                                fromManifest.toString()))
                        .code);
        assertEquals(
                0,
                MainTest.run(concat(common(), "predict", run, "--features", dataset, "--out", fromDataset.toString()))
                        .code);
        Map<String, String[]> a = rows(fromManifest.resolve("predictions.csv"));
        Map<String, String[]> b = rows(fromDataset.resolve("predictions.csv"));
        assertEquals(24, a.size());
        for (Map.Entry<String, String[]> e : a.entrySet()) {
            for (int c = 3; c < 6; c++) {
                assertEquals(Float.parseFloat(b.get(e.getKey())[c]), Float.parseFloat(e.getValue()[c]), 1e-6);
            }
            assertEquals(b.get(e.getKey())[1], e.getValue()[1], "the true label is kept");
        }
        assertTrue(Files.exists(fromManifest.resolve("metrics.json")), "labelled input: metrics are written");

        // Fold 0's unit reproduces the run's own probabilities for fold 0's test utterances.
        Path fold0 = dir.resolve("fold-0");
        assertEquals(
                0,
                MainTest.run(concat(
                                common(),
                                "predict",
                                run,
                                "--features",
                                dataset,
                                "--fold",
                                "0",
                                "--out",
                                fold0.toString()))
                        .code);
        Map<String, String[]> ours = rows(fold0.resolve("predictions.csv"));
        Map<String, float[]> test = runTestProbabilities(Paths.get(run, "predictions", "trial=0", "fold=0"));
        assertEquals(4, test.size(), "fold 0 tests one speaker's 4 utterances");
        for (Map.Entry<String, float[]> e : test.entrySet()) {
            for (int k = 0; k < 3; k++) {
                assertEquals(e.getValue()[k], Float.parseFloat(ours.get(e.getKey())[3 + k]), 1e-6, e.getKey());
            }
        }

        // One recording: a small table on the console.
        MainTest.Result single = MainTest.run(
                concat(common(), "predict", run, "--audio", wav("one", 2, 3, r).toString(), "--text", "sad loud"));
        assertEquals(0, single.code, single.err);
        assertTrue(single.out.contains("predicted") && single.out.contains("p(ang)"), single.out);

        // A feature setting that differs from the run's is refused, naming the key.
        MainTest.Result conflict = MainTest.run(concat(
                common(),
                "predict",
                run,
                "--manifest",
                unlabelled.toString(),
                "--out",
                dir.resolve("conflict").toString(),
                "--set",
                "mcsan.features.mfcc.num-coefficients=13"));
        assertEquals(2, conflict.code, conflict.out + conflict.err);
        assertTrue(conflict.err.contains("mcsan.features.mfcc.num-coefficients"), conflict.err);

        // An exported bundle predicts like the run, checks the GloVe file by its hash, and carries no checkpoints.
        Path bundle = dir.resolve("bundle");
        MainTest.Result export = MainTest.run("export", run, "--out", bundle.toString());
        assertEquals(0, export.code, export.err);
        assertTrue(Files.isRegularFile(bundle.resolve("bundle.json"))
                && Files.isDirectory(bundle.resolve("units"))
                && !Files.exists(bundle.resolve("checkpoints"))
                && !Files.exists(bundle.resolve("predictions")));
        Path fromBundle = dir.resolve("from-bundle");
        assertEquals(
                0,
                MainTest.run(concat(
                                common(),
                                "predict",
                                bundle.toString(),
                                "--manifest",
                                labelled.toString(),
                                "--out",
                                fromBundle.toString()))
                        .code);
        Map<String, String[]> c = rows(fromBundle.resolve("predictions.csv"));
        for (Map.Entry<String, String[]> e : a.entrySet()) {
            assertEquals(String.join(",", e.getValue()), String.join(",", c.get(e.getKey())));
        }
        Path otherGlove = dir.resolve("other-glove.txt");
        Files.write(otherGlove, glove.toString().replace("good ", "nice ").getBytes(StandardCharsets.UTF_8));
        MainTest.Result wrongGlove = MainTest.run(concat(
                common(),
                "predict",
                bundle.toString(),
                "--manifest",
                labelled.toString(),
                "--glove",
                otherGlove.toString(),
                "--out",
                dir.resolve("wrong").toString()));
        assertEquals(2, wrongGlove.code, wrongGlove.err);
        assertTrue(wrongGlove.err.contains("SHA-256"), wrongGlove.err);

        // Training refuses a dataset without labels.
        MainTest.Result unlabelledTraining = MainTest.run(concat(
                common(),
                "train",
                "--features",
                out.resolve("features").toString(),
                "--run-dir",
                dir.resolve("run-unlabelled").toString()));
        assertEquals(1, unlabelledTraining.code);
        assertTrue(unlabelledTraining.err.contains("unlabelled"), unlabelledTraining.err);
    }
}
