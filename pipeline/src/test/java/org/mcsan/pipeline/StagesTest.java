package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.run.DataQuality;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.prediction.PredictSettings;
import org.mcsan.prediction.PredictSummary;
import org.mcsan.training.UnitOutcome;

/**
 * The train and predict stages on a small feature dataset: parallel units, outputs, skipping, resume, refusal of
 * changed settings; predictions of one unit and of the fold ensemble, and what predict refuses.
 */
class StagesTest {
    @TempDir
    static Path dir;

    private static final String MANIFEST = "{\"corpus\":{\"name\":\"synthetic\",\"classes\":[\"neu\",\"hap\",\"ang\"]},"
            + "\"settings\":{\"features\":{\"mfcc\":{\"num-coefficients\":40}}}}";
    private static SparkSession spark;
    private static String dataset;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSessions.start(settings("unused").mcsan());
        dataset = writeDataset(dir.resolve("dataset"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Settings settings(String runDir, String... extra) {
        List<String> sets = new ArrayList<>(Arrays.asList(
                "mcsan.spark.master=local[2]",
                "mcsan.run.cores-per-unit=1",
                "mcsan.run.dir=" + runDir,
                "mcsan.run.features=" + dataset,
                "mcsan.model.hidden-size=8",
                "mcsan.model.heads=2",
                "mcsan.model.ffn-size=16",
                "mcsan.model.conv-channels=8",
                "mcsan.model.classifier-hidden-size=8",
                "mcsan.model.dropout=0.1",
                "mcsan.train.batch-size=16",
                "mcsan.train.learning-rate=0.01",
                "mcsan.train.epochs=3",
                "mcsan.folds.only=[0, 1]"));
        sets.addAll(Arrays.asList(extra));
        return Settings.load(Collections.<File>emptyList(), sets, new Properties());
    }

    /** 3 sessions x 2 speakers x 10 utterances; class c shifts MFCC coefficient c and text dimension c. */
    private static String writeDataset(Path out) throws Exception {
        StructType schema = new StructType()
                .add("utterance_id", DataTypes.StringType)
                .add("speaker", DataTypes.StringType)
                .add("session", DataTypes.StringType)
                .add("split", DataTypes.StringType)
                .add("label_index", DataTypes.IntegerType)
                .add("num_words", DataTypes.IntegerType)
                .add("text_emb", DataTypes.createArrayType(DataTypes.FloatType))
                .add("num_frames", DataTypes.IntegerType)
                .add("mfcc", DataTypes.createArrayType(DataTypes.FloatType));
        Random r = new Random(5);
        List<Row> rows = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            for (String g : new String[] {"F", "M"}) {
                for (int i = 0; i < 10; i++) {
                    int label = i % 3;
                    int frames = 12 + r.nextInt(40);
                    int words = 1 + r.nextInt(5);
                    List<Float> mfcc = new ArrayList<>();
                    for (int k = 0; k < frames * 40; k++) {
                        mfcc.add((float) (r.nextGaussian() + (k % 40 == label ? 2 : 0)));
                    }
                    List<Float> text = new ArrayList<>();
                    for (int k = 0; k < words * 300; k++) {
                        text.add((float) (r.nextGaussian() * 0.3 + (k % 300 == label ? 1 : 0)));
                    }
                    rows.add(RowFactory.create(
                            "Ses0" + s + g + "_" + i,
                            "Ses0" + s + g,
                            "Ses0" + s,
                            null,
                            label,
                            words,
                            text,
                            frames,
                            mfcc));
                }
            }
        }
        spark.createDataFrame(rows, schema)
                .repartition(2)
                .write()
                .parquet(out.resolve("features").toString());
        // Records without features: Ses01F lost one to the audio stage, one of unknown speaker could not be read,
        // Ses01M had one whose label is outside the class set.
        spark.createDataFrame(
                        Arrays.asList(
                                RowFactory.create(
                                        "Ses01F_x",
                                        "/a/Ses01F_x.wav",
                                        "audio",
                                        "unreadable WAV",
                                        "Ses01F",
                                        "Ses01",
                                        null),
                                RowFactory.create(null, "/a/labels.txt:3", "read", "malformed line", null, null, null)),
                        FeatureSchema.REJECTED)
                .write()
                .parquet(out.resolve(FeatureSchema.REJECTED_DIR).toString());
        spark.createDataFrame(
                        Arrays.asList(RowFactory.create("Ses01M_y", "xxx", "Ses01M", "Ses01", null)),
                        FeatureSchema.EXCLUDED)
                .write()
                .parquet(out.resolve(FeatureSchema.EXCLUDED_DIR).toString());
        Files.write(out.resolve("manifest.json"), MANIFEST.getBytes(StandardCharsets.UTF_8));
        return out.toString();
    }

    private static List<String> predictions(String run) {
        List<String> out = new ArrayList<>();
        for (Row row : spark.read()
                .parquet(run + "/predictions")
                .orderBy("trial", "fold", "split", "utterance_id")
                .collectAsList()) {
            out.add(row.mkString("|"));
        }
        return out;
    }

    @Test
    void unitsRunInParallelWriteTheirOutputsAndAreSkippedOnceComplete() throws Exception {
        String run = dir.resolve("run-parallel").toString();
        List<long[]> intervals = new CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                intervals.add(
                        new long[] {end.taskInfo().launchTime(), end.taskInfo().finishTime()});
            }
        };
        spark.sparkContext().addSparkListener(listener);
        List<UnitOutcome> outcomes;
        int before = intervals.size();
        try {
            outcomes = Stages.train(spark, settings(run));
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        assertEquals(2, outcomes.size());
        long[] a = intervals.get(intervals.size() - 2);
        long[] b = intervals.get(intervals.size() - 1);
        assertTrue(intervals.size() - before >= 2);
        assertTrue(
                a[0] < b[1] && b[0] < a[1],
                "the two units' tasks overlap in time: " + Arrays.toString(a) + " " + Arrays.toString(b));

        for (String f : new String[] {"config.conf", "folds.json", "trials.json"}) {
            assertTrue(new File(run, f).isFile(), f);
        }
        for (int fold = 0; fold < 2; fold++) {
            for (String f : new String[] {"model.bigdl", "model.safetensors", "normalizer.json", "history.json"}) {
                assertTrue(
                        new File(run, "units/trial-0/fold-" + fold + "/" + f).exists(),
                        f + " in "
                                + java.nio.file.Files.walk(new File(run).toPath())
                                        .map(Object::toString)
                                        .collect(java.util.stream.Collectors.joining("\n")));
            }
            assertTrue(!new File(run, "checkpoints/trial-0/fold-" + fold).exists(), "checkpoints removed after commit");
        }
        List<Row> rows = spark.read().parquet(run + "/predictions").collectAsList();
        // Fold 0 tests Ses01F and validates on Ses01M; fold 1 the other way round: 10 + 10 utterances each.
        assertEquals(40, rows.size());
        assertEquals(
                20,
                spark.read()
                        .parquet(run + "/predictions")
                        .where("split = 'test'")
                        .count());
        assertEquals(
                3,
                rows.get(0)
                        .<Float>getList(rows.get(0).fieldIndex("probabilities"))
                        .size());

        assertTrue(Stages.train(spark, settings(run)).isEmpty(), "complete units are not retrained");

        // Every record of the dataset is counted in its role of each fold: fold 0 tests Ses01F, validates Ses01M.
        DataQuality quality = DataQuality.parse(
                new String(Files.readAllBytes(new File(run, "data-quality.json").toPath()), StandardCharsets.UTF_8),
                "data-quality.json");
        assertEquals(new DataQuality.Counts(10, 0, Collections.singletonMap("audio", 1L)), quality.of(0, "test"));
        assertEquals(new DataQuality.Counts(10, 1, Collections.<String, Long>emptyMap()), quality.of(0, "val"));
        assertEquals(new DataQuality.Counts(40, 0, Collections.<String, Long>emptyMap()), quality.of(0, "train"));
        assertEquals(new DataQuality.Counts(0, 0, Collections.singletonMap("read", 1L)), quality.unassigned());
        Stages.evaluate(spark, run);
        JsonNode headline = new ObjectMapper()
                .readTree(new File(run, "summary.json"))
                .get("trials")
                .get(0)
                .get("headline");
        // 6 folds planned, 2 trained: the pooled test split is far from complete, and says why
        assertEquals(
                "test (pooled over 6 folds): 20 of 61 utterances scored (1 rejected: audio; 40 not scored yet); 1 more"
                        + " excluded by label; unknown split: 1 rejected (read), 0 excluded by label",
                headline.get("data").asText());
    }

    /** Two attempts of the same unit at once (a lost executor's still running, a resubmitted driver's) are safe. */
    @Test
    void concurrentAttemptsOfAUnitLeaveOneCompleteUnit() throws Exception {
        String single = dir.resolve("run-single").toString();
        java.io.StringWriter log = new java.io.StringWriter();
        org.apache.log4j.WriterAppender appender =
                new org.apache.log4j.WriterAppender(new org.apache.log4j.PatternLayout("%p %m%n"), log);
        // the training stage's loggers (the unit scheduler logs the concurrency)
        org.apache.log4j.Logger trainJob = org.apache.log4j.Logger.getLogger("org.mcsan.training");
        trainJob.addAppender(appender);
        try {
            Stages.train(spark, settings(single, "mcsan.folds.only=[0]"));
        } finally {
            trainJob.removeAppender(appender);
        }
        // local[2], one core per unit, one unit: the driver says how many run at once and that a slot stays idle
        assertTrue(
                log.toString().contains("INFO 1 unit(s) to train on 2 slot(s) (2 executor core(s) / 1 per unit"),
                log.toString());
        assertTrue(log.toString().contains("WARN 2 slot(s) for 1 unit(s): 1 slot(s) stay idle"), log.toString());

        String twice = dir.resolve("run-twice").toString();
        java.util.concurrent.ExecutorService drivers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<List<UnitOutcome>>> jobs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                jobs.add(drivers.submit(() -> Stages.train(spark, settings(twice, "mcsan.folds.only=[0]"))));
            }
            int trained = 0;
            for (java.util.concurrent.Future<List<UnitOutcome>> job : jobs) {
                trained += job.get().size();
            }
            assertTrue(trained >= 1, "at least one attempt trained the unit");
        } finally {
            drivers.shutdown();
        }
        assertEquals(predictions(single), predictions(twice));
        for (String parent : new String[] {"units/trial-0", "predictions"}) {
            for (File f : new File(twice, parent).listFiles()) {
                assertTrue(!f.getName().startsWith("."), "left behind: " + f);
            }
        }
    }

    @Test
    void aUnitOutOfMemoryIsRecordedWithWhatToChangeAndNotRetried() throws Exception {
        String run = dir.resolve("run-oom").toString();
        // a real allocation failure inside the Spark task (an array larger than this JVM's heap)
        Settings settings = settings(run, "mcsan.folds.only=[0]", "mcsan.train.fault=out-of-memory");
        List<UnitOutcome> outcomes = Stages.train(spark, settings);
        assertEquals(1, outcomes.size());
        // the run did not produce its result (a sweep would list the configuration as failed and go on)
        assertEquals(Main.FAILED, Stages.exitCode(settings, outcomes));
        Settings sweep =
                settings(run, "mcsan.sweep.space={ \"mcsan.train.fault\" { choice = [none, out-of-memory] } }");
        assertEquals(Main.OK, Stages.exitCode(sweep, outcomes));
        assertTrue(outcomes.get(0).failure.startsWith("out-of-memory: out of memory ("), outcomes.get(0).failure);
        File record = new File(run, RunLayout.failureFile(0, 0));
        org.mcsan.contracts.run.UnitFailure failure = org.mcsan.contracts.run.UnitFailure.parse(
                new String(Files.readAllBytes(record.toPath()), StandardCharsets.UTF_8), record.toString());
        assertEquals(org.mcsan.contracts.run.UnitFailure.OUT_OF_MEMORY, failure.kind());
        assertTrue(
                failure.reason().contains("mcsan.train.batch-size")
                        && failure.reason().contains("MCSAN_HEAP"),
                failure.reason());
        assertFalse(new File(run, RunLayout.unitDir(0, 0)).exists());
        assertFalse(new File(run, RunLayout.checkpointDir(0, 0)).exists());
        // not retried: a rerun trains nothing
        assertTrue(Stages.train(spark, settings).isEmpty());
    }

    @Test
    void interruptedUnitResumesToTheSamePredictions() throws Exception {
        String whole = dir.resolve("run-whole").toString();
        Stages.train(spark, settings(whole, "mcsan.folds.only=[0]"));

        String resumed = dir.resolve("run-resumed").toString();
        Exception crash = assertThrows(
                Exception.class,
                () -> Stages.train(spark, settings(resumed, "mcsan.folds.only=[0]", "mcsan.run.fail-after-epoch=2")));
        assertTrue(String.valueOf(crash.getMessage()).contains("stops here on purpose"), crash.getMessage());
        assertTrue(!new File(resumed, "units/trial-0/fold-0").exists(), "nothing committed for the crashed unit");

        List<UnitOutcome> outcomes = Stages.train(spark, settings(resumed, "mcsan.folds.only=[0]"));
        assertEquals(1, outcomes.size());
        assertEquals(1, outcomes.get(0).epochsTrainedNow, "resumed after epoch 2 of 3");
        assertEquals(predictions(whole), predictions(resumed), "same predictions as the uninterrupted run");
        assertEquals(
                new String(
                                Files.readAllBytes(new File(whole, "units/trial-0/fold-0/history.json").toPath()),
                                StandardCharsets.UTF_8)
                        .replaceAll("\"seconds\" : [0-9.E-]+", ""),
                new String(
                                Files.readAllBytes(new File(resumed, "units/trial-0/fold-0/history.json").toPath()),
                                StandardCharsets.UTF_8)
                        .replaceAll("\"seconds\" : [0-9.E-]+", ""));
    }

    @Test
    void everyPathATaskUsesIsMadeAbsoluteOnTheDriverAndRecordedSo() throws Exception {
        String cwd = System.getProperty("user.dir");
        Settings given = settings(
                "runs/relative",
                "mcsan.corpus.path=corpus/IEMOCAP_full_release",
                "mcsan.features.output=" + dir.resolve("features"),
                "mcsan.features.glove.path=file:/vectors/glove.txt");
        Settings absolute = Stages.withAbsolutePaths(spark.sparkContext().hadoopConfiguration(), given);
        assertEquals("file:" + cwd + "/runs/relative", absolute.mcsan().getString("run.dir"));
        assertEquals(
                "file:" + cwd + "/corpus/IEMOCAP_full_release", absolute.mcsan().getString("corpus.path"));
        assertEquals("file:" + dir.resolve("features"), absolute.mcsan().getString("features.output"));
        assertEquals("file:/vectors/glove.txt", absolute.mcsan().getString("features.glove.path"));
        assertEquals("file:" + dataset, absolute.mcsan().getString("run.features"));
        assertTrue(absolute.mcsan().getValue("run.dir").origin().description().contains("runs/relative"));

        Directory run = Directory.create(
                spark.sparkContext().hadoopConfiguration(),
                dir.resolve("recorded").toString());
        Stages.recordConfiguration(run, absolute);
        Config recorded = ConfigFactory.parseString(run.readText(RunLayout.CONFIG));
        assertEquals("file:" + cwd + "/runs/relative", recorded.getString("mcsan.run.dir"));
        // A path recorded absolute is the same setting as the path written relative (a run from before, a rerun).
        Stages.recordConfiguration(run, given);
        Stages.recordConfiguration(run, absolute);
    }

    @Test
    void aSweepTrainsEachSampledConfigurationAsUnitsRanksThemOnValidationAndALongerSweepAddsOnlyNewUnits()
            throws Exception {
        String run = dir.resolve("run-sweep").toString();
        String[] sweep = {
            "mcsan.train.epochs=1",
            "mcsan.folds.only=[0]",
            "mcsan.sweep.method=random",
            "mcsan.sweep.seed=3",
            "mcsan.sweep.space={ \"mcsan.train.learning-rate\" { log-uniform = [1e-3, 1e-1] } }"
        };
        List<String> two = new ArrayList<>(Arrays.asList(sweep));
        two.add("mcsan.sweep.trials=2");
        List<UnitOutcome> first = Stages.train(spark, settings(run, two.toArray(new String[0])));
        assertEquals(2, first.size()); // one unit per (trial, fold): 2 configurations x 1 seed x 1 fold
        String trialsBefore =
                new String(Files.readAllBytes(new File(run, RunLayout.TRIALS).toPath()), StandardCharsets.UTF_8);
        assertTrue(trialsBefore.contains("\"configuration\" : \"s001\""), trialsBefore);

        org.mcsan.evaluation.EvaluationSummary summary = Stages.evaluate(spark, run);
        org.mcsan.evaluation.Leaderboard board = summary.leaderboard();
        assertEquals(2, board.entries().size());
        double[] validation = new double[2];
        for (int t = 0; t < 2; t++) {
            String history = run + "/" + RunLayout.unitFile(t, 0, RunLayout.HISTORY);
            validation[t] = org.mcsan.contracts.run.UnitHistory.parse(
                            new String(Files.readAllBytes(new File(history).toPath()), StandardCharsets.UTF_8), history)
                    .selectedValue();
        }
        int better = validation[0] >= validation[1] ? 0 : 1;
        assertEquals(better, summary.selected().trial().index());
        assertEquals(validation[better], board.winner().validation().mean(), 1e-12);
        assertTrue(new File(run, RunLayout.LEADERBOARD).isFile());

        List<String> three = new ArrayList<>(Arrays.asList(sweep));
        three.add("mcsan.sweep.trials=3");
        List<UnitOutcome> second = Stages.train(spark, settings(run, three.toArray(new String[0])));
        assertEquals(1, second.size(), "only the added configuration's unit trains");
        assertEquals(2, second.get(0).trial);
        String trialsAfter =
                new String(Files.readAllBytes(new File(run, RunLayout.TRIALS).toPath()), StandardCharsets.UTF_8);
        assertTrue(trialsAfter.startsWith(trialsBefore.substring(0, trialsBefore.lastIndexOf('}') + 1)), trialsAfter);
    }

    @Test
    void aRerunWithChangedSettingsIsRefused() throws Exception {
        String run = dir.resolve("run-changed").toString();
        Stages.train(spark, settings(run, "mcsan.folds.only=[0]", "mcsan.train.epochs=1"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Stages.train(
                        spark,
                        settings(
                                run, "mcsan.folds.only=[0]", "mcsan.train.epochs=1", "mcsan.train.learning-rate=0.5")));
        assertTrue(e.getMessage().contains("different mcsan.train settings"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("mcsan.train.learning-rate: the run was trained with 0.01, this configuration"
                                + " has 0.5"),
                e.getMessage());
    }

    @Test
    void moreEpochsOnAFinishedRunAreRefusedSayingWhyAndWhatToDo() throws Exception {
        String run = dir.resolve("run-epochs").toString();
        Stages.train(spark, settings(run, "mcsan.folds.only=[0]", "mcsan.train.epochs=1"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Stages.train(spark, settings(run, "mcsan.folds.only=[0]", "mcsan.train.epochs=2")));
        assertTrue(
                e.getMessage().contains("mcsan.train.epochs: the run was trained with 1, this configuration has 2"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("continuing a run with more epochs is not supported")
                        && e.getMessage().contains("keeps only the weights of its selected epoch")
                        && e.getMessage().contains("a new mcsan.run.dir"),
                e.getMessage());
    }

    /** utterance id → probabilities, from a run's predictions table (one fold, one split). */
    private static Map<String, float[]> runProbabilities(String run, int fold, String split) {
        Map<String, float[]> out = new HashMap<>();
        for (Row r : spark.read()
                .parquet(run + "/predictions")
                .where("fold = " + fold + " and split = '" + split + "'")
                .collectAsList()) {
            List<Float> p = r.getList(r.fieldIndex("probabilities"));
            float[] a = new float[p.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = p.get(i);
            }
            out.put(r.getAs("utterance_id"), a);
        }
        return out;
    }

    /** utterance id → probabilities (prob_neu, prob_hap, prob_ang), from mcsan predict's output. */
    private static Map<String, float[]> predicted(String out) {
        Map<String, float[]> probabilities = new HashMap<>();
        for (Row r : spark.read().parquet(out + "/predictions").collectAsList()) {
            probabilities.put(
                    r.getAs("utterance_id"),
                    new float[] {r.<Float>getAs("prob_neu"), r.<Float>getAs("prob_hap"), r.<Float>getAs("prob_ang")});
        }
        return probabilities;
    }

    private static PredictSummary predict(
            String run, String input, String out, int trial, int fold, int batchSize, boolean overwrite)
            throws IOException {
        return Stages.predict(
                spark,
                settings(run),
                new PredictRequest(run, input, null, null, out, trial, fold, batchSize, overwrite));
    }

    private static String trainedRun() throws Exception {
        String run = dir.resolve("run-for-predict").toString();
        Stages.train(spark, settings(run));
        return run;
    }

    @Test
    void oneFoldsUnitReproducesTheRunsOwnTestProbabilities() throws Exception {
        String run = trainedRun();
        String out = dir.resolve("predict-fold-0").toString();
        PredictSummary summary = predict(run, dataset, out, PredictSettings.ONLY_TRIAL, 0, 7, false);
        assertEquals(60, summary.utterances, "every utterance of the input is predicted");
        Map<String, float[]> ours = predicted(out);
        Map<String, float[]> test = runProbabilities(run, 0, "test");
        assertTrue(test.size() >= 10, "fold 0 tests a speaker: " + test.size());
        for (Map.Entry<String, float[]> e : test.entrySet()) {
            float[] p = ours.get(e.getKey());
            for (int c = 0; c < 3; c++) {
                assertEquals(e.getValue()[c], p[c], 1e-6, e.getKey() + " class " + c);
            }
        }
        String csv = new String(Files.readAllBytes(new File(out, "predictions.csv").toPath()), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("utterance_id,label,predicted,prob_neu,prob_hap,prob_ang,models\n"), csv);
        assertTrue(new File(out, "metrics.json").isFile(), "the input has labels: metrics are written");
        assertTrue(summary.inputIsTrainingData && summary.toString().contains("NOT held-out"), summary.toString());
    }

    @Test
    void theEnsembleAveragesTheFoldsProbabilities() throws Exception {
        String run = trainedRun();
        String one = dir.resolve("predict-one-0").toString();
        String two = dir.resolve("predict-one-1").toString();
        String both = dir.resolve("predict-both").toString();
        predict(run, dataset, one, PredictSettings.ONLY_TRIAL, 0, 16, false);
        predict(run, dataset, two, PredictSettings.ONLY_TRIAL, 1, 16, false);
        PredictSummary summary =
                predict(run, dataset, both, PredictSettings.ONLY_TRIAL, PredictSettings.ALL_FOLDS, 16, false);
        assertEquals(Arrays.asList("trial-0/fold-0", "trial-0/fold-1"), summary.units);
        Map<String, float[]> a = predicted(one);
        Map<String, float[]> b = predicted(two);
        for (Map.Entry<String, float[]> e : predicted(both).entrySet()) {
            for (int c = 0; c < 3; c++) {
                assertEquals((a.get(e.getKey())[c] + b.get(e.getKey())[c]) / 2, e.getValue()[c], 1e-6);
            }
        }
        for (Row r : spark.read().parquet(both + "/predictions").collectAsList()) {
            assertEquals("trial-0/fold-0,trial-0/fold-1", r.getAs("models"));
        }
    }

    @Test
    void predictRefusesARunWithoutCompleteUnitsAndAnInputMadeWithOtherFeatureSettings() throws Exception {
        String failed = dir.resolve("run-without-units").toString();
        assertThrows(Exception.class, () -> Stages.train(spark, settings(failed, "mcsan.run.fail-after-epoch=1")));
        IllegalArgumentException none = assertThrows(
                IllegalArgumentException.class,
                () -> predict(
                        failed,
                        dataset,
                        dir.resolve("p1").toString(),
                        PredictSettings.ONLY_TRIAL,
                        PredictSettings.ALL_FOLDS,
                        16,
                        false));
        assertTrue(none.getMessage().contains("no complete unit"), none.getMessage());

        String run = trainedRun();
        Path other = dir.resolve("dataset-13-coefficients");
        Files.createDirectories(other);
        Files.write(
                other.resolve("manifest.json"), MANIFEST.replace(":40}", ":13}").getBytes(StandardCharsets.UTF_8));
        spark.read()
                .parquet(dataset + "/features")
                .write()
                .parquet(other.resolve("features").toString());
        ConfigException conflict = assertThrows(
                ConfigException.class,
                () -> predict(
                        run, other.toString(), dir.resolve("p2").toString(), PredictSettings.ONLY_TRIAL, 0, 16, false));
        assertTrue(
                conflict.getMessage().contains("mcsan.features.mfcc.num-coefficients is 40 for the run and 13"),
                conflict.getMessage());
    }

    @Test
    void aRunRecordsItsDatasetAndRefusesToResumeOnOneMadeWithOtherSettings() throws Exception {
        String run = dir.resolve("run-dataset-changed").toString();
        Stages.train(spark, settings(run, "mcsan.folds.only=[0]", "mcsan.train.epochs=1"));
        assertEquals(
                MANIFEST.replace(" ", ""),
                new String(Files.readAllBytes(new File(run, "dataset-manifest.json").toPath()), StandardCharsets.UTF_8)
                        .replaceAll("\\s", ""),
                "the run keeps the manifest of the dataset its units were trained on");
        Path other = dir.resolve("dataset-remade");
        Files.createDirectories(other);
        Files.write(
                other.resolve("manifest.json"), MANIFEST.replace(":40}", ":13}").getBytes(StandardCharsets.UTF_8));
        spark.read()
                .parquet(dataset + "/features")
                .write()
                .parquet(other.resolve("features").toString());
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Stages.train(
                        spark,
                        settings(run, "mcsan.folds.only=[0]", "mcsan.train.epochs=1", "mcsan.run.features=" + other)));
        assertTrue(e.getMessage().contains("trained on a feature dataset with other settings"), e.getMessage());
    }
}
