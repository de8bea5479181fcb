package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.pipeline.config.Settings;

/**
 * mcsan run with the feature dataset and the run directory on HDFS (a MiniDFSCluster in this JVM, addressed by
 * full hdfs:// URIs), as a user runs it from the command line, on a small synthetic corpus that stays local: a run
 * that crashed after a unit's first epoch resumes from its checkpoint on HDFS, every output is on HDFS and complete,
 * a rerun reuses what is there, the results equal the same uninterrupted run's on the local file system, and
 * predict loads a unit from HDFS.
 */
class HdfsRunTest {
    private static final int[] FOLDS = {0, 1};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path local;

    private static MiniDFSCluster cluster;
    private static FileSystem hdfs;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, local.resolve("minidfs").toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    /** mcsan run on the synthetic corpus with a tiny network, 2 epochs and 2 folds; {@code extra}: more --set. */
    private static MainTest.Result run(Path corpus, String dataset, String runDir, String... extra) {
        List<String> sets = new ArrayList<>(Arrays.asList(
                "mcsan.spark.master=local[2]",
                "mcsan.run.cores-per-unit=1",
                "mcsan.corpus.kind=synthetic",
                "mcsan.corpus.path=" + corpus.resolve("IEMOCAP_full_release"),
                "mcsan.features.glove.path=" + corpus.resolve("glove.synthetic.300d.txt"),
                "mcsan.features.output=" + dataset,
                "mcsan.run.dir=" + runDir,
                "mcsan.model.hidden-size=8",
                "mcsan.model.heads=2",
                "mcsan.model.ffn-size=16",
                "mcsan.model.conv-channels=8",
                "mcsan.model.classifier-hidden-size=8",
                "mcsan.train.batch-size=8",
                "mcsan.train.epochs=2",
                "mcsan.folds.only=[0, 1]"));
        sets.addAll(Arrays.asList(extra));
        List<String> args = new ArrayList<>(Collections.singletonList("run"));
        for (String set : sets) {
            args.add("--set");
            args.add(set);
        }
        return MainTest.run(args.toArray(new String[0]));
    }

    private static org.apache.hadoop.fs.Path hdfsPath(String dir, String relative) {
        return new org.apache.hadoop.fs.Path(dir + "/" + relative);
    }

    private static byte[] bytes(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String text(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
        return new String(bytes(fs, file), StandardCharsets.UTF_8);
    }

    /** Every path under {@code dir} (files and directories), to look for leftovers of uncommitted outputs. */
    private static List<org.apache.hadoop.fs.Path> tree(org.apache.hadoop.fs.Path dir) throws IOException {
        List<org.apache.hadoop.fs.Path> out = new ArrayList<>();
        for (FileStatus s : hdfs.listStatus(dir)) {
            out.add(s.getPath());
            if (s.isDirectory()) {
                out.addAll(tree(s.getPath()));
            }
        }
        return out;
    }

    private static void assertNoUncommittedLeftovers(String dir) throws IOException {
        for (org.apache.hadoop.fs.Path p : tree(new org.apache.hadoop.fs.Path(dir))) {
            String name = p.getName();
            assertFalse(
                    name.contains(".tmp-") || name.contains(".old-") || name.equals("_temporary"),
                    "left behind on HDFS: " + p);
        }
    }

    /**
     * The files under {@code dir}, relative to it, Spark's part files as {@code part-N} (their number follows the
     * cores the job had, their names are random); hidden files (the local file system's .crc checksums) and the
     * TensorBoard event files (named by time and host) are left out.
     */
    private static Set<String> files(FileSystem fs, String dir) throws IOException {
        String root =
                fs.makeQualified(new org.apache.hadoop.fs.Path(dir)).toUri().getPath();
        Set<String> out = new TreeSet<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(new org.apache.hadoop.fs.Path(dir), true);
        while (it.hasNext()) {
            org.apache.hadoop.fs.Path p = it.next().getPath();
            String relative = p.toUri().getPath().substring(root.length() + 1);
            if (!p.getName().startsWith(".") && !relative.startsWith("tensorboard/")) {
                out.add(relative.replaceAll(
                        "part-[0-9]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "part-N"));
            }
        }
        return out;
    }

    /**
     * Waits until no Spark task thread runs in this JVM: when a job aborts, local mode does not interrupt the other
     * tasks, which go on until they end by themselves (here: at their own deliberate failure after epoch 1), and
     * the next attempt must not train a unit that is still being trained.
     */
    private static void awaitNoRunningTask() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("Executor task launch worker"))) {
            assertTrue(System.nanoTime() < deadline, "Spark tasks still running");
            Thread.sleep(100);
        }
    }

    /** A table's rows in a fixed order, each as text (every column, arrays included). */
    private static List<String> rows(SparkSession spark, String table, String... order) {
        List<String> out = new ArrayList<>();
        for (Row r : spark.read()
                .parquet(table)
                .orderBy(order[0], Arrays.copyOfRange(order, 1, order.length))
                .collectAsList()) {
            out.add(r.mkString("|"));
        }
        return out;
    }

    @Test
    void theWholeRunOnHdfsIsCompleteAndEqualsTheSameRunOnTheLocalFileSystem() throws Exception {
        Path corpus = local.resolve("synthetic");
        MainTest.Result synth =
                MainTest.run("synth", "--out", corpus.toString(), "--sessions", "2", "--utterances-per-speaker", "8");
        assertEquals(0, synth.code, synth.err);

        String root = hdfs.getUri().toString();
        String dataset = root + "/data/synthetic";
        String runDir = root + "/runs/hdfs";
        // A first attempt dies after each unit's first epoch; what it checkpointed on HDFS is resumed below.
        MainTest.Result crashed = run(corpus, dataset, runDir, "mcsan.run.fail-after-epoch=1");
        assertEquals(1, crashed.code, crashed.out + crashed.err);
        assertTrue(crashed.err.contains("stops here on purpose"), crashed.err);
        awaitNoRunningTask();
        Map<Integer, JsonNode> checkpointed = new TreeMap<>(); // fold -> its epoch-1 record, as checkpointed
        for (int fold : FOLDS) {
            assertFalse(hdfs.exists(hdfsPath(runDir, RunLayout.unitDir(0, fold))), "no unit committed");
            // Checkpoints' own layout (private to training): epoch-NNNN/state.json holds the history so far.
            org.apache.hadoop.fs.Path state =
                    hdfsPath(runDir, RunLayout.checkpointDir(0, fold) + "/epoch-0001/state.json");
            if (hdfs.exists(state)) {
                checkpointed.put(
                        fold, JSON.readTree(text(hdfs, state)).get("history").get(0));
            }
        }
        assertEquals(FOLDS.length, checkpointed.size(), "every unit's epoch-1 checkpoint is on HDFS");

        MainTest.Result onHdfs = run(corpus, dataset, runDir);
        assertEquals(0, onHdfs.code, onHdfs.out + onHdfs.err);
        for (Map.Entry<Integer, JsonNode> e : checkpointed.entrySet()) {
            JsonNode history =
                    JSON.readTree(text(hdfs, hdfsPath(runDir, RunLayout.unitFile(0, e.getKey(), RunLayout.HISTORY))));
            assertEquals(
                    e.getValue(),
                    history.get("epochs").get(0),
                    "fold " + e.getKey() + " resumed from its checkpoint: epoch 1's record, its time included, is the"
                            + " one saved before the crash");
        }
        assertTrue(onHdfs.out.contains("report: " + runDir + "/" + RunLayout.REPORT_HTML), onHdfs.out);

        // The feature dataset, complete, on HDFS.
        for (String name :
                new String[] {FeatureSchema.MANIFEST_FILE, FeatureSchema.FEATURES_DIR, FeatureSchema.REJECTED_DIR}) {
            assertTrue(hdfs.exists(hdfsPath(dataset, name)), name + " in " + tree(hdfsPath(dataset, "")));
        }
        // The run directory, complete, on HDFS: plan files, every fold's unit and predictions, the evaluation.
        for (String name : new String[] {
            RunLayout.CONFIG,
            RunLayout.FOLDS,
            RunLayout.TRIALS,
            RunLayout.DATASET_MANIFEST,
            RunLayout.METRICS,
            RunLayout.METRICS + ".csv",
            RunLayout.CLASS_METRICS + ".csv",
            RunLayout.CONFUSION + ".csv",
            RunLayout.SUMMARY,
            RunLayout.REPORT_MD,
            RunLayout.REPORT_HTML
        }) {
            assertTrue(hdfs.exists(hdfsPath(runDir, name)), name + " in " + tree(hdfsPath(runDir, "")));
        }
        assertTrue(hdfs.listStatus(hdfsPath(runDir, RunLayout.PLOTS)).length > 0, "plots");
        for (int fold : FOLDS) {
            for (String file : new String[] {
                RunLayout.MODEL_BIGDL,
                RunLayout.MODEL_SAFETENSORS,
                RunLayout.NORMALIZER,
                RunLayout.UNIT_DESCRIPTION,
                RunLayout.HISTORY
            }) {
                assertTrue(hdfs.isFile(hdfsPath(runDir, RunLayout.unitFile(0, fold, file))), fold + ": " + file);
            }
            assertTrue(
                    hdfs.listStatus(
                                            hdfsPath(runDir, RunLayout.predictionsPartition(0, fold)),
                                            p -> p.getName().endsWith(".parquet"))
                                    .length
                            > 0,
                    "predictions of fold " + fold);
            assertFalse(hdfs.exists(hdfsPath(runDir, RunLayout.checkpointDir(0, fold))), "checkpoints removed");
            assertTrue(hdfs.listStatus(hdfsPath(runDir, RunLayout.tensorboardDir(0, fold))).length > 0, "event log");
        }
        assertNoUncommittedLeftovers(dataset);
        assertNoUncommittedLeftovers(runDir);
        // Nothing of it went to the local disk (java.io.File would have made "hdfs:" relative to the working dir).
        assertFalse(Files.exists(Paths.get("hdfs:")), "a local directory named hdfs: was created");

        // A rerun reuses the dataset and the trained units (both found on HDFS) and only evaluates again.
        long datasetTime = hdfs.getFileStatus(hdfsPath(dataset, FeatureSchema.MANIFEST_FILE))
                .getModificationTime();
        long unitTime = hdfs.getFileStatus(hdfsPath(runDir, RunLayout.unitFile(0, 0, RunLayout.MODEL_SAFETENSORS)))
                .getModificationTime();
        MainTest.Result rerun = run(corpus, dataset, runDir);
        assertEquals(0, rerun.code, rerun.out + rerun.err);
        assertEquals(
                datasetTime,
                hdfs.getFileStatus(hdfsPath(dataset, FeatureSchema.MANIFEST_FILE))
                        .getModificationTime(),
                "the feature dataset was reused");
        assertEquals(
                unitTime,
                hdfs.getFileStatus(hdfsPath(runDir, RunLayout.unitFile(0, 0, RunLayout.MODEL_SAFETENSORS)))
                        .getModificationTime(),
                "the trained unit was not trained again");
        assertNoUncommittedLeftovers(runDir);

        // The same run on the local file system, uninterrupted, gives the same results: resuming on HDFS lost nothing.
        String localDataset = local.resolve("data/synthetic").toString();
        String localRun = local.resolve("runs/local").toString();
        MainTest.Result onLocal = run(corpus, localDataset, localRun);
        assertEquals(0, onLocal.code, onLocal.out + onLocal.err);
        FileSystem disk = FileSystem.getLocal(new Configuration());
        assertEquals(files(disk, localDataset), files(hdfs, dataset), "the same dataset files");
        Set<String> runFiles = files(hdfs, runDir);
        assertTrue(
                runFiles.containsAll(Arrays.asList(RunLayout.FOLDS, RunLayout.unitFile(0, 1, RunLayout.MODEL_BIGDL))));
        assertEquals(files(disk, localRun), runFiles, "the same run files");
        for (int fold : FOLDS) {
            String weights = RunLayout.unitFile(0, fold, RunLayout.MODEL_SAFETENSORS);
            assertArrayEquals(
                    bytes(disk, new org.apache.hadoop.fs.Path(localRun, weights)),
                    bytes(hdfs, hdfsPath(runDir, weights)),
                    weights);
            String history = RunLayout.unitFile(0, fold, RunLayout.HISTORY);
            assertEquals(
                    text(disk, new org.apache.hadoop.fs.Path(localRun, history))
                            .replaceAll("\"seconds\" : [0-9.E-]+", ""),
                    text(hdfs, hdfsPath(runDir, history)).replaceAll("\"seconds\" : [0-9.E-]+", ""),
                    history);
        }
        for (String table : new String[] {RunLayout.METRICS, RunLayout.CLASS_METRICS, RunLayout.CONFUSION}) {
            assertEquals(
                    text(disk, new org.apache.hadoop.fs.Path(localRun, table + ".csv")),
                    text(hdfs, hdfsPath(runDir, table + ".csv")),
                    table);
        }
        Row tested; // one of fold 0's test utterances, with what the run predicted for it
        String audio;
        String transcript;
        SparkSession spark = SparkSessions.start(
                Settings.load(Collections.emptyList(), Arrays.asList("mcsan.spark.master=local[1]"), new Properties())
                        .mcsan());
        try {
            List<String> features = rows(spark, dataset + "/" + FeatureSchema.FEATURES_DIR, "utterance_id");
            assertTrue(features.size() >= 16, "utterances: " + features.size());
            assertEquals(rows(spark, localDataset + "/" + FeatureSchema.FEATURES_DIR, "utterance_id"), features);
            List<String> predictions =
                    rows(spark, runDir + "/" + RunLayout.PREDICTIONS, "trial", "fold", "split", "utterance_id");
            assertFalse(predictions.isEmpty());
            assertEquals(
                    rows(spark, localRun + "/" + RunLayout.PREDICTIONS, "trial", "fold", "split", "utterance_id"),
                    predictions);

            tested = spark.read()
                    .parquet(runDir + "/" + RunLayout.PREDICTIONS)
                    .where("fold = 0 and split = 'test'")
                    .orderBy("utterance_id")
                    .first();
            Row input = spark.read()
                    .parquet(dataset + "/" + FeatureSchema.FEATURES_DIR)
                    .where(FeatureSchema.UTTERANCE_ID + " = '" + tested.getAs("utterance_id") + "'")
                    .first();
            audio = new org.apache.hadoop.fs.Path(input.<String>getAs(FeatureSchema.AUDIO_PATH))
                    .toUri()
                    .getPath();
            transcript = input.getAs(FeatureSchema.TRANSCRIPT);
        } finally {
            spark.stop();
        }

        // Predicting that recording with fold 0's unit, loaded from HDFS, into an output directory on HDFS gives what
        // the run predicted for it.
        String predicted = root + "/predicted";
        MainTest.Result one = MainTest.run(
                "predict",
                runDir,
                "--audio",
                audio,
                "--text",
                transcript,
                "--fold",
                "0",
                "--out",
                predicted,
                "--set",
                "mcsan.spark.master=local[2]");
        assertEquals(0, one.code, one.out + one.err);
        assertTrue(hdfs.isFile(hdfsPath(predicted, PredictCommand.SINGLE_RECORDING_MANIFEST)));
        String[] lines = text(hdfs, hdfsPath(predicted, "predictions.csv")).split("\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        List<String> header = Arrays.asList(lines[0].split(","));
        String[] row = lines[1].split(",");
        assertEquals(tested.<String>getAs("utterance_id"), row[header.indexOf("utterance_id")]);
        List<Float> expected = tested.getList(tested.fieldIndex("probabilities"));
        int classes = 0; // the prob_<class> columns follow the run's classes, as the probabilities do
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("prob_")) {
                assertEquals(expected.get(classes++), Float.parseFloat(row[i]), 1e-6, header.get(i));
            }
        }
        assertEquals(expected.size(), classes, header.toString());
        assertFalse(Files.exists(Paths.get("hdfs:")), "a local directory named hdfs: was created");
    }
}
