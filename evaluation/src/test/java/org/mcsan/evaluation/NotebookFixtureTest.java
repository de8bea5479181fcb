package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run-directory files that {@code notebooks/results.ipynb} reads, checked on two realistic evaluated
 * runs with seeded random predictions:
 * <ul>
 *   <li>{@code ablation}: IEMOCAP-like (4 classes, leave-one-session-out over 5 sessions), three trials
 *       (full, audio only, text only), one test fold without "sad", one unit without a training history;</li>
 *   <li>{@code single-fold}: one trial on one fold over predefined splits, as for MELD (no std, no
 *       comparison).</li>
 * </ul>
 * With the system property {@code mcsan.notebook.fixture.out=DIR} both runs are also copied to
 * {@code DIR/ablation} and {@code DIR/single-fold} (DIR must not exist), to develop and check the
 * notebook against.
 */
class NotebookFixtureTest {

    private static final List<String> CLASSES = Arrays.asList("neu", "hap", "ang", "sad");
    private static final String[] SESSIONS = {"Ses01", "Ses02", "Ses03", "Ses04", "Ses05"};
    private static final String[] TRIALS = {"full", "audio", "text"};
    /** Probability of a correct prediction per trial and class (neu, hap, ang, sad). */
    private static final double[][] SKILL = {
        {0.70, 0.75, 0.72, 0.68}, {0.55, 0.48, 0.66, 0.62}, {0.62, 0.64, 0.50, 0.45}
    };

    private static final int EPOCHS = 12;
    /** In the ablation run, test fold 2 (Ses03) has no "sad" utterance and trial 2 fold 4 no history.json. */
    private static final int FOLD_WITHOUT_SAD = 2;

    private static final int TRIAL_WITHOUT_HISTORY = 2;
    private static final int FOLD_WITHOUT_HISTORY = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("NotebookFixtureTest")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    @Test
    void writesEveryFileTheNotebookReads(@TempDir File dir) throws IOException {
        File ablation = new File(dir, "ablation");
        writeRun(ablation, "iemocap", sessionFolds(), SESSIONS.length, TRIALS);
        Fixtures.evaluate(spark, ablation.getAbsolutePath());
        File single = new File(dir, "single-fold");
        writeRun(single, "meld", officialSplitFold(), 1, new String[] {TRIALS[0]});
        Fixtures.evaluate(spark, single.getAbsolutePath());

        assertTablesAndSummary(ablation, TRIALS.length, SESSIONS.length);
        JsonNode summary = JSON.readTree(new File(ablation, "summary.json"));
        assertTrue(new File(ablation, "comparison.csv").isFile());
        assertHeaderHas(
                new File(ablation, "comparison.csv"),
                "trial",
                "trial_name",
                "overrides",
                "split",
                "folds",
                "wa_mean",
                "wa_std",
                "ua_mean",
                "ua_std",
                "weighted_f1_mean",
                "weighted_f1_std",
                "pooled_wa",
                "headline_metric",
                "headline_value");
        assertTrue(summary.get("comparison").has("best_trial"));
        assertEquals(
                "sad",
                summary.get("trials")
                        .get(0)
                        .get("classes_absent")
                        .get("test")
                        .get(SESSIONS[FOLD_WITHOUT_SAD])
                        .get(0)
                        .asText());
        for (int t = 0; t < TRIALS.length; t++) {
            for (int f = 0; f < SESSIONS.length; f++) {
                boolean expected = !(t == TRIAL_WITHOUT_HISTORY && f == FOLD_WITHOUT_HISTORY);
                assertEquals(expected, historyFile(ablation, t, f).isFile(), "history of trial " + t + " fold " + f);
            }
        }

        assertTablesAndSummary(single, 1, 1);
        JsonNode one =
                JSON.readTree(new File(single, "summary.json")).get("trials").get(0);
        assertTrue(one.get("ua").get("std").isNull(), "std over one fold is undefined: " + one.get("ua"));
        assertEquals(false, new File(single, "comparison.csv").exists());
        assertTrue(historyFile(single, 0, 0).isFile());

        String out = System.getProperty("mcsan.notebook.fixture.out");
        if (out != null && !out.isEmpty()) {
            copyTree(dir.toPath(), Paths.get(out));
        }
    }

    private static void assertTablesAndSummary(File run, int trials, int folds) throws IOException {
        assertHeaderHas(
                new File(run, "metrics.csv"),
                "trial",
                "trial_name",
                "fold",
                "fold_name",
                "split",
                "row_type",
                "folds",
                "utterances",
                "wa",
                "ua",
                "weighted_f1",
                "macro_f1",
                "classes_absent");
        assertHeaderHas(
                new File(run, "class_metrics.csv"),
                "trial",
                "fold",
                "split",
                "row_type",
                "class",
                "support",
                "precision",
                "recall",
                "f1");
        assertHeaderHas(
                new File(run, "confusion.csv"),
                "trial",
                "trial_name",
                "split",
                "row_type",
                "true_index",
                "true_class",
                "pred_index",
                "pred_class",
                "count",
                "row_share");
        JsonNode summary = JSON.readTree(new File(run, "summary.json"));
        assertEquals(CLASSES.size(), summary.get("classes").size());
        assertEquals("test", summary.get("split").asText());
        assertEquals(trials, summary.get("trials").size());
        for (JsonNode t : summary.get("trials")) {
            for (String field : new String[] {
                "trial", "name", "overrides", "headline", "wa", "ua", "weighted_f1", "pooled", "classes_absent"
            }) {
                assertTrue(t.has(field), run.getName() + "/summary.json trial " + t.get("trial") + " lacks " + field);
            }
            assertEquals(folds, t.get("ua").get("n").asInt());
        }
        assertTrue(new File(run, "folds.json").isFile()
                && new File(run, "trials.json").isFile()
                && new File(run, "config.conf").isFile());
    }

    private static void assertHeaderHas(File csv, String... columns) throws IOException {
        assertTrue(csv.isFile(), csv + " missing");
        List<String> header = Arrays.asList(
                Files.readAllLines(csv.toPath(), StandardCharsets.UTF_8).get(0).split(","));
        for (String c : columns) {
            assertTrue(header.contains(c), csv.getName() + " has no column " + c + ": " + header);
        }
    }

    private static File historyFile(File run, int trial, int fold) {
        return new File(run, "units/trial-" + trial + "/fold-" + fold + "/history.json");
    }

    /** Leave-one-session-out: fold f tests session f, validates on the next one and trains on the rest. */
    private static String sessionFolds() {
        StringBuilder folds = new StringBuilder();
        for (int f = 0; f < SESSIONS.length; f++) {
            String val = SESSIONS[(f + 1) % SESSIONS.length];
            List<String> train = new ArrayList<>();
            for (String s : SESSIONS) {
                if (!s.equals(SESSIONS[f]) && !s.equals(val)) {
                    train.add("\"" + s + "F\",\"" + s + "M\"");
                }
            }
            folds.append(f > 0 ? "," : "")
                    .append("{\"fold\":")
                    .append(f)
                    .append(",\"name\":\"")
                    .append(SESSIONS[f])
                    .append("\",\"train\":[")
                    .append(String.join(",", train))
                    .append("],\"val\":[\"")
                    .append(val)
                    .append("F\",\"")
                    .append(val)
                    .append("M\"],\"test\":[\"")
                    .append(SESSIONS[f])
                    .append("F\",\"")
                    .append(SESSIONS[f])
                    .append("M\"]}");
        }
        return "[" + folds + "]";
    }

    /** One fold over a corpus' predefined splits (as for MELD). */
    private static String officialSplitFold() {
        return "[{\"fold\":0,\"name\":\"official\",\"train\":[\"train\"],\"val\":[\"dev\"],\"test\":[\"test\"]}]";
    }

    /** A run directory as training leaves it: config, fold plan, trials, histories and predictions. */
    private static void writeRun(File run, String corpus, String foldsJson, int foldCount, String[] trialNames)
            throws IOException {
        write(
                new File(run, "config.conf"),
                "mcsan {\n  corpus = \"" + corpus + "\"\n  evaluation {\n"
                        + "    split = \"test\"\n    headline-metric = \"auto\"\n  }\n}\n");
        write(
                new File(run, "folds.json"),
                "{\"corpus\":\"" + corpus + "\",\"classes\":[\"neu\",\"hap\",\"ang\"," + "\"sad\"],\"folds\":"
                        + foldsJson + "}");
        StringBuilder trials = new StringBuilder();
        for (int t = 0; t < trialNames.length; t++) {
            trials.append(t > 0 ? "," : "")
                    .append("{\"trial\":")
                    .append(t)
                    .append(",\"name\":\"")
                    .append(trialNames[t])
                    .append("\",\"overrides\":{\"mcsan.model.variant\":\"")
                    .append(trialNames[t])
                    .append("\"}}");
        }
        write(new File(run, "trials.json"), "[" + trials + "]");

        Random random = new Random(20210606L);
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < trialNames.length; t++) {
            for (int f = 0; f < foldCount; f++) {
                addPredictions(rows, random, t, f, "test", f == FOLD_WITHOUT_SAD);
                addPredictions(rows, random, t, f, "val", false);
                if (!(t == TRIAL_WITHOUT_HISTORY && f == FOLD_WITHOUT_HISTORY)) {
                    write(historyFile(run, t, f), history(random, t, f));
                }
            }
        }
        StructType schema = new StructType()
                .add("utterance_id", DataTypes.StringType, false)
                .add("split", DataTypes.StringType, false)
                .add("label_index", DataTypes.IntegerType, false)
                .add("pred_index", DataTypes.IntegerType, false)
                .add("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("trial", DataTypes.IntegerType, false)
                .add("fold", DataTypes.IntegerType, false);
        spark.createDataFrame(rows, schema)
                .write()
                .partitionBy("trial", "fold")
                .parquet(new File(run, "predictions").getAbsolutePath());
    }

    /** 15-40 utterances per class; correct with the trial's skill for the class, else a random other class. */
    private static void addPredictions(
            List<Row> rows, Random random, int trial, int fold, String split, boolean withoutSad) {
        int n = 0;
        for (int c = 0; c < CLASSES.size(); c++) {
            if (withoutSad && "sad".equals(CLASSES.get(c))) {
                continue;
            }
            int count = 15 + random.nextInt(26);
            for (int i = 0; i < count; i++) {
                int pred = c;
                if (random.nextDouble() >= SKILL[trial][c]) {
                    pred = (c + 1 + random.nextInt(CLASSES.size() - 1)) % CLASSES.size();
                }
                Float[] probabilities = new Float[CLASSES.size()];
                Arrays.fill(probabilities, 0.1f);
                probabilities[pred] = 0.7f;
                rows.add(RowFactory.create(
                        "f" + fold + "_" + split + "_" + n++,
                        split,
                        c,
                        pred,
                        Arrays.asList(probabilities),
                        trial,
                        fold));
            }
        }
    }

    /** Falling training loss; validation UA that rises, peaks and then drifts down (over-fitting). */
    private static String history(Random random, int trial, int fold) {
        int peak = 5 + random.nextInt(5);
        double top = SKILL[trial][0] - 0.05 + 0.05 * random.nextDouble();
        double bestUa = -1;
        int selected = 0;
        StringBuilder epochs = new StringBuilder();
        for (int e = 1; e <= EPOCHS; e++) {
            double loss = 1.35 * Math.exp(-0.18 * e) + 0.15 + 0.02 * random.nextGaussian();
            double ua = e <= peak ? 0.30 + (top - 0.30) * e / peak : top - 0.012 * (e - peak);
            ua += 0.01 * random.nextGaussian();
            if (ua > bestUa) {
                bestUa = ua;
                selected = e;
            }
            epochs.append(e > 1 ? "," : "")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"epoch\":%d,\"train_loss\":%.4f,\"val_loss\":%.4f,\"val_wa\":%.4f,\"val_ua\":%.4f,"
                                    + "\"val_wf1\":%.4f,\"seconds\":%.1f}",
                            e,
                            loss,
                            1.6 - ua,
                            ua + 0.02,
                            ua,
                            ua - 0.01,
                            20 + 2 * random.nextDouble()));
        }
        return "{\"trial\":" + trial + ",\"fold\":" + fold + ",\"selection_metric\":\"ua\",\"selected_epoch\":"
                + selected + ",\"epochs\":[" + epochs + "]}";
    }

    private static void write(File file, String text) throws IOException {
        file.getParentFile().mkdirs();
        Files.write(file.toPath(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            throw new IOException("mcsan.notebook.fixture.out=" + to + " already exists; remove it or choose another");
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = new ArrayList<>();
            walk.sorted(Comparator.naturalOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
