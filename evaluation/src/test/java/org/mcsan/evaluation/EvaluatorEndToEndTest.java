package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.DataQuality;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.UtteranceInfo;

/**
 * A fixture run directory (IEMOCAP-like: 4 classes, 2 folds, 2 trials) with predictions written by
 * Spark in the trainer's partitioned layout, evaluated end to end.
 *
 * <p>Trial 0 test matrices (rows true neu, hap, ang, sad; columns predicted), computed by hand:
 * <pre>
 * fold 0 (Ses01F): [[2,1,0,0],[0,2,0,0],[0,0,1,1],[0,0,0,0]]  sad absent
 *     total 7, correct 5 -> WA 5/7; recall neu 2/3, hap 1, ang 1/2 -> UA (2/3 + 1 + 1/2)/3 = 13/18
 * fold 1 (Ses01M): [[1,0,0,1],[0,1,0,0],[0,0,2,0],[0,0,0,1]]
 *     total 6, correct 5 -> WA 5/6; recall 1/2, 1, 1, 1 -> UA 7/8
 * mean WA = (5/7 + 5/6)/2 = 65/84, sample std = (5/6 - 5/7)/sqrt(2) = (5/42)/sqrt(2)
 * mean UA = (13/18 + 7/8)/2 = 115/144, sample std = (7/8 - 13/18)/sqrt(2) = (11/72)/sqrt(2)
 * pooled: [[3,1,0,1],[0,3,0,0],[0,0,3,1],[0,0,0,1]]  total 13, correct 10 -> WA 10/13
 *     recall 3/5, 1, 3/4, 1 -> UA 3.35/4 = 0.8375
 *     predicted 3, 4, 3, 3 -> precision 3/3, 3/4, 3/3, 1/3 -> F1 0.75, 6/7, 6/7, 1/2
 *     WF1 = (5*0.75 + 3*6/7 + 4*6/7 + 1*1/2)/13 = 10.25/13 = 41/52
 * </pre>
 * Trial 1 test: fold 0 [[3,0,0,0],[1,1,0,0],[0,0,2,0],[0,0,0,0]] (WA 6/7), fold 1
 * [[2,0,0,0],[0,1,0,0],[0,0,1,1],[0,0,0,1]] (WA 5/6) -> mean WA (6/7 + 5/6)/2 = 71/84.
 * Every val split is predicted perfectly.
 */
class EvaluatorEndToEndTest {

    private static final double EPS = 1e-9;
    private static final List<String> CLASSES = Arrays.asList("neu", "hap", "ang", "sad");
    private static final long[][] IDENTITY = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("EvaluatorEndToEndTest")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Prediction rows of one (trial, fold, split) from its confusion matrix. */
    private static void addRows(List<Row> rows, int trial, int fold, String split, String speaker, long[][] counts) {
        int n = 0;
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts[t].length; p++) {
                for (long c = 0; c < counts[t][p]; c++) {
                    Float[] probabilities = {0.1f, 0.1f, 0.1f, 0.1f};
                    probabilities[p] = 0.7f;
                    rows.add(RowFactory.create(
                            speaker + "_utt" + n++, split, t, p, Arrays.asList(probabilities), trial, fold));
                }
            }
        }
    }

    private static void writePredictions(File run, List<Row> rows) {
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

    private static void write(File file, String text) throws IOException {
        file.getParentFile().mkdirs();
        Files.write(file.toPath(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(File file) throws IOException {
        return new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
    }

    private static String history(int trial, int fold, int selected) {
        StringBuilder epochs = new StringBuilder();
        for (int e = 1; e <= 6; e++) {
            double loss = 1.4 / e;
            double ua = 0.3 + 0.1 * Math.min(e, selected) - 0.02 * Math.max(0, e - selected);
            epochs.append(e > 1 ? "," : "")
                    .append(String.format(
                            java.util.Locale.ROOT,
                            "{\"epoch\":%d,\"train_loss\":%.4f,\"val_loss\":%.4f,\"val_wa\":%.4f,\"val_ua\":%.4f,"
                                    + "\"val_wf1\":%.4f,\"seconds\":3.2}",
                            e,
                            loss,
                            loss + 0.1,
                            ua + 0.02,
                            ua,
                            ua - 0.01));
        }
        return "{\"trial\":" + trial + ",\"fold\":" + fold + ",\"selection_metric\":\"ua\",\"selected_epoch\":"
                + selected + ",\"epochs\":[" + epochs + "]}";
    }

    /** The fixture run: config, fold plan, two trials, histories (trial 1 fold 1 has none), predictions. */
    private static void writeRun(File run) throws IOException {
        write(
                new File(run, "config.conf"),
                "mcsan {\n  corpus = \"iemocap\"\n  evaluation {\n"
                        + "    split = \"test\"\n    headline-metric = \"auto\"\n    plot-width = 700\n    plot-height = 500\n"
                        + "  }\n}\n");
        write(
                new File(run, "folds.json"),
                "{\"corpus\":\"iemocap\",\"classes\":[\"neu\",\"hap\",\"ang\",\"sad\"],"
                        + "\"folds\":[{\"fold\":0,\"name\":\"Ses01F\",\"train\":[\"Ses02F\",\"Ses02M\"],\"val\":[\"Ses01M\"],"
                        + "\"test\":[\"Ses01F\"]},{\"fold\":1,\"name\":\"Ses01M\",\"train\":[\"Ses02F\",\"Ses02M\"],"
                        + "\"val\":[\"Ses01F\"],\"test\":[\"Ses01M\"]}]}");
        write(
                new File(run, "trials.json"),
                "[{\"trial\":0,\"name\":\"full\",\"overrides\":{\"mcsan.model.variant\":"
                        + "\"full\"}},{\"trial\":1,\"name\":\"audio\",\"overrides\":{\"mcsan.model.variant\":\"audio\"}}]");
        write(new File(run, "units/trial-0/fold-0/history.json"), history(0, 0, 4));
        write(new File(run, "units/trial-0/fold-1/history.json"), history(0, 1, 3));
        write(new File(run, "units/trial-1/fold-0/history.json"), history(1, 0, 5));

        List<Row> rows = new ArrayList<>();
        addRows(rows, 0, 0, "test", "Ses01F", new long[][] {{2, 1, 0, 0}, {0, 2, 0, 0}, {0, 0, 1, 1}, {0, 0, 0, 0}});
        addRows(rows, 0, 1, "test", "Ses01M", new long[][] {{1, 0, 0, 1}, {0, 1, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}});
        addRows(rows, 1, 0, "test", "Ses01F", new long[][] {{3, 0, 0, 0}, {1, 1, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 0}});
        addRows(rows, 1, 1, "test", "Ses01M", new long[][] {{2, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 1}, {0, 0, 0, 1}});
        for (int trial = 0; trial < 2; trial++) {
            addRows(rows, trial, 0, "val", "Ses01M", IDENTITY);
            addRows(rows, trial, 1, "val", "Ses01F", IDENTITY);
        }
        writePredictions(run, rows);
    }

    @Test
    void evaluatesAFixtureRun(@TempDir File run) throws IOException {
        writeRun(run);
        EvaluationSummary summary = Fixtures.evaluate(spark, run.getAbsolutePath());

        // The returned summary
        SplitAggregate test0 = summary.trial(0).test();
        assertEquals(65.0 / 84, test0.overFolds(Metric.WA).mean(), EPS);
        assertEquals((5.0 / 42) / Math.sqrt(2), test0.overFolds(Metric.WA).std(), EPS);
        assertEquals(115.0 / 144, test0.overFolds(Metric.UA).mean(), EPS);
        assertEquals((11.0 / 72) / Math.sqrt(2), test0.overFolds(Metric.UA).std(), EPS);
        assertEquals(71.0 / 84, summary.trial(1).test().overFolds(Metric.WA).mean(), EPS);
        String table = summary.formatSummaryTable();
        // 65/84 = 77.38 %, std 8.42 %; 115/144 = 79.86 %, std 10.80 %
        assertTrue(table.contains("77.38 +/- 8.42") && table.contains("79.86 +/- 10.80"), table);

        // metrics.csv: fold rows and aggregates
        List<String> csv = Arrays.asList(read(new File(run, "metrics.csv")).split("\n"));
        List<String> header = Arrays.asList(csv.get(0).split(","));
        String[] pooled = findCsvRow(csv, "0,full,,,test,pooled,");
        assertEquals(13, Integer.parseInt(pooled[header.indexOf("utterances")]));
        assertEquals(10.0 / 13, Double.parseDouble(pooled[header.indexOf("wa")]), EPS);
        assertEquals(0.8375, Double.parseDouble(pooled[header.indexOf("ua")]), EPS);
        assertEquals(41.0 / 52, Double.parseDouble(pooled[header.indexOf("weighted_f1")]), EPS);
        String[] fold0 = findCsvRow(csv, "0,full,0,Ses01F,test,fold,");
        assertEquals(13.0 / 18, Double.parseDouble(fold0[header.indexOf("ua")]), EPS);
        assertEquals("sad", fold0[header.indexOf("classes_absent")]);
        String[] std = findCsvRow(csv, "0,full,,,test,std,");
        assertEquals((5.0 / 42) / Math.sqrt(2), Double.parseDouble(std[header.indexOf("wa")]), EPS);
        // per trial: 4 fold rows (2 folds x 2 splits) + 2 splits x (mean, std, pooled) = 10; plus the header
        assertEquals(1 + 20, csv.size());

        // The same tables as Parquet
        assertEquals(
                20,
                spark.read().parquet(new File(run, "metrics").getAbsolutePath()).count());
        Row parquetPooled = spark.read()
                .parquet(new File(run, "metrics").getAbsolutePath())
                .filter("trial = 0 AND split = 'test' AND row_type = 'pooled'")
                .first();
        assertEquals(10.0 / 13, parquetPooled.<Double>getAs("wa"), EPS);
        // 6 matrices per trial (4 folds x splits + 2 pooled) x 4 classes
        assertEquals(
                48,
                spark.read()
                        .parquet(new File(run, "class_metrics").getAbsolutePath())
                        .count());
        assertEquals(
                192,
                spark.read()
                        .parquet(new File(run, "confusion").getAbsolutePath())
                        .count());
        assertTrue(new File(run, "class_metrics.csv").isFile() && new File(run, "confusion.csv").isFile());

        // summary.json
        JsonNode json = JSON.readTree(new File(run, "summary.json"));
        assertEquals("iemocap", json.get("corpus").asText());
        JsonNode t0 = json.get("trials").get(0);
        assertEquals("full", t0.get("name").asText());
        assertEquals(2, t0.get("fold_count").asInt());
        assertEquals(115.0 / 144, t0.get("ua").get("mean").asDouble(), EPS);
        assertEquals((11.0 / 72) / Math.sqrt(2), t0.get("ua").get("std").asDouble(), EPS);
        assertEquals(10.0 / 13, t0.get("pooled").get("wa").asDouble(), EPS);
        assertEquals("ua", t0.get("headline").get("metric").asText());
        assertEquals(115.0 / 144, t0.get("headline").get("value").asDouble(), EPS);
        assertEquals(
                "sad", t0.get("classes_absent").get("test").get("Ses01F").get(0).asText());
        assertEquals(0, t0.get("splits").get("val").get("missing_folds").size());
        assertEquals(
                "audio",
                json.get("trials")
                        .get(1)
                        .get("overrides")
                        .get("mcsan.model.variant")
                        .asText());
        // comparison: trial 1's mean UA (7/8 + 5/6)/2 = 41/48 beats trial 0's 115/144
        // (trial 1 fold 0: recall neu 3/3, hap 1/2, ang 2/2 -> UA 5/6; fold 1: 1, 1, 1/2, 1 -> UA 7/8)
        JsonNode comparisonJson = json.get("comparison");
        assertEquals(1, comparisonJson.get("best_trial").asInt());
        assertEquals(
                41.0 / 48,
                comparisonJson.get("trials").get(1).get("ua").get("mean").asDouble(),
                EPS);
        assertEquals(
                "mcsan.model.variant=audio",
                comparisonJson.get("trials").get(1).get("overrides").asText());
        assertEquals(
                10.0 / 13,
                comparisonJson.get("trials").get(0).get("pooled").get("wa").asDouble(),
                EPS);

        // leaderboard.csv: ranked on validation UA at the selected epoch (trial 1: 0.8 on its one fold; trial 0:
        // 0.7 and 0.6)
        List<String> leaderboard =
                Arrays.asList(read(new File(run, RunLayout.LEADERBOARD)).split("\n"));
        assertEquals(3, leaderboard.size());
        assertTrue(
                leaderboard.get(1).startsWith("1,ok,audio,audio,mcsan.model.variant=audio,ua,1,0.8,"),
                leaderboard.get(1));
        String[] second = leaderboard.get(2).split(",");
        assertEquals(
                Arrays.asList("2", "ok", "full", "full", "mcsan.model.variant=full", "ua", "2"),
                Arrays.asList(second).subList(0, 7));
        assertEquals(0.65, Double.parseDouble(second[7]), EPS);
        // comparison.csv: header + one row per trial
        List<String> comparison =
                Arrays.asList(read(new File(run, "comparison.csv")).split("\n"));
        assertEquals(3, comparison.size());
        assertTrue(comparison.get(2).startsWith("1,audio,mcsan.model.variant=audio,test,2,"), comparison.get(2));

        // plots, sized by the run's config.conf (700 x 500)
        for (String name : new String[] {"comparison.png", "confusion-trial-0.png", "folds-trial-1.png"}) {
            BufferedImage image = ImageIO.read(new File(run, "plots/" + name));
            assertEquals(700, image.getWidth(), name);
            assertEquals(500, image.getHeight(), name);
        }
        assertTrue(new File(run, "plots/learning-curves-trial-1.png").isFile());

        String html = read(new File(run, "report.html"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(html.contains("Trials compared (test split)"));
        assertTrue(html.contains("<td class=\"num\">77.38 ± 8.42</td>"), "trial 0 mean WA in the report");
        assertTrue(html.contains("No training history for fold(s) 1 (Ses01M)."));
        String md = read(new File(run, "report.md"));
        assertTrue(
                md.contains("](plots/confusion-trial-0.png)") && md.contains("](plots/learning-curves-trial-0.png)"));

        // Evaluating again replaces every output and leaves no temporary files behind.
        Fixtures.evaluate(spark, run.getAbsolutePath());
        String[] hidden = run.list((d, name) -> name.startsWith("."));
        assertEquals(0, hidden.length, "temporary files left: " + Arrays.toString(hidden));
        assertEquals(
                20,
                spark.read().parquet(new File(run, "metrics").getAbsolutePath()).count());
    }

    private static String[] findCsvRow(List<String> csv, String prefix) {
        for (String line : csv) {
            if (line.startsWith(prefix)) {
                return line.split(",", -1);
            }
        }
        throw new AssertionError("metrics.csv has no row starting with " + prefix + ":\n" + String.join("\n", csv));
    }

    @Test
    void rejectsAClassIndexOutsideTheClassList(@TempDir File run) throws IOException {
        writeRun(run);
        List<Row> bad = new ArrayList<>();
        bad.add(RowFactory.create("Ses01F_bad", "test", 4, 0, Arrays.asList(0.25f, 0.25f, 0.25f, 0.25f), 0, 0));
        spark.createDataFrame(
                        bad,
                        spark.read()
                                .parquet(new File(run, "predictions").getAbsolutePath())
                                .select(
                                        "utterance_id",
                                        "split",
                                        "label_index",
                                        "pred_index",
                                        "probabilities",
                                        "trial",
                                        "fold")
                                .schema())
                .write()
                .mode("append")
                .partitionBy("trial", "fold")
                .parquet(new File(run, "predictions").getAbsolutePath());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Fixtures.evaluate(spark, run.getAbsolutePath()));
        assertTrue(
                e.getMessage().contains("label_index 4") && e.getMessage().contains("utterance_id=Ses01F_bad"),
                e.getMessage());
        assertFalse(new File(run, "summary.json").exists());
    }

    @Test
    void rejectsAnUtterancePredictedTwiceInOneFold(@TempDir File run) throws IOException {
        writeRun(run);
        List<Row> dup = new ArrayList<>();
        // Ses01F_utt0 is already a test utterance of trial 0 fold 0; here it reappears in val.
        dup.add(RowFactory.create("Ses01F_utt0", "val", 0, 0, Arrays.asList(0.7f, 0.1f, 0.1f, 0.1f), 0, 0));
        spark.createDataFrame(
                        dup,
                        spark.read()
                                .parquet(new File(run, "predictions").getAbsolutePath())
                                .select(
                                        "utterance_id",
                                        "split",
                                        "label_index",
                                        "pred_index",
                                        "probabilities",
                                        "trial",
                                        "fold")
                                .schema())
                .write()
                .mode("append")
                .partitionBy("trial", "fold")
                .parquet(new File(run, "predictions").getAbsolutePath());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Fixtures.evaluate(spark, run.getAbsolutePath()));
        assertTrue(e.getMessage().contains("'Ses01F_utt0' appears 2 times in trial 0 fold 0"), e.getMessage());
    }

    @Test
    void missingRunFilesAreNamed(@TempDir File run) throws IOException {
        write(new File(run, "config.conf"), "mcsan {}\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Fixtures.evaluate(spark, run.getAbsolutePath()));
        assertTrue(e.getMessage().contains("has no file folds.json"), e.getMessage());
    }

    /**
     * The fixture run's data-quality.json, tallied by the training job's code from records: Ses01F has 7 feature
     * rows, 1 rejected (audio) and 1 excluded; Ses01M 6 feature rows; the training speakers 5 each; one record of
     * unknown speaker was rejected while reading.
     */
    private static void writeDataQuality(File run) throws IOException {
        FoldPlan plan = FoldPlan.parse(read(new File(run, "folds.json")), "folds.json");
        DataQuality.Builder quality = new DataQuality.Builder(plan);
        String[][] speakers = {{"Ses01F", "7"}, {"Ses01M", "6"}, {"Ses02F", "5"}, {"Ses02M", "5"}};
        for (String[] s : speakers) {
            for (int i = 0; i < Integer.parseInt(s[1]); i++) {
                quality.features(new UtteranceInfo(s[0] + "_" + i, s[0], null, null));
            }
        }
        quality.rejected(new UtteranceInfo("Ses01F_x", "Ses01F", null, null), "audio");
        quality.excluded(new UtteranceInfo("Ses01F_y", "Ses01F", null, null));
        quality.rejected(new UtteranceInfo(null, null, null, null), "read");
        write(new File(run, "data-quality.json"), quality.build().toJson());
    }

    @Test
    void summaryAndReportAccountForEveryUtteranceOfEachSplit(@TempDir File run) throws IOException {
        writeRun(run);
        writeDataQuality(run);
        EvaluationSummary summary = Fixtures.evaluate(spark, run.getAbsolutePath());

        JsonNode trial =
                JSON.readTree(new File(run, "summary.json")).get("trials").get(0);
        JsonNode quality = trial.get("data_quality");
        // pooled test: Ses01F (fold 0) 7 scored + 1 rejected + 1 excluded, Ses01M (fold 1) 6 scored
        JsonNode test = quality.get("splits").get("test");
        assertEquals(15, test.get("corpus").asLong());
        assertEquals(1, test.get("excluded_by_label").asLong());
        assertEquals(1, test.get("rejected").asLong());
        assertEquals(1, test.get("rejected_by_stage").get("audio").asLong());
        assertEquals(13, test.get("scored").asLong());
        assertFalse(test.get("complete").asBoolean());
        assertEquals(
                1, quality.get("splits").get("unknown_split").get("rejected").asLong());
        // counts add up in every split, pooled and per fold: corpus = excluded + rejected + scored/trained + not scored
        List<JsonNode> entries = new ArrayList<>();
        quality.get("splits").forEach(entries::add);
        for (JsonNode fold : quality.get("folds")) {
            for (String role : new String[] {"train", "val", "test"}) entries.add(fold.get(role));
        }
        for (JsonNode e : entries) {
            long used = e.has("scored")
                    ? e.get("scored").asLong() + e.get("not_scored").asLong()
                    : e.path("trained").asLong();
            long stages = 0;
            for (JsonNode n : e.get("rejected_by_stage")) stages += n.asLong();
            assertEquals(e.get("rejected").asLong(), stages, e.toString());
            assertEquals(
                    e.get("corpus").asLong(),
                    e.get("excluded_by_label").asLong() + e.get("rejected").asLong() + used,
                    e.toString());
        }
        // val of fold 0 is Ses01M: 6 feature rows, 4 predicted in this fixture
        JsonNode val0 = quality.get("folds").get(0).get("val");
        assertEquals(4, val0.get("scored").asLong());
        assertEquals(2, val0.get("not_scored").asLong());
        assertEquals(10, quality.get("folds").get(0).get("train").get("trained").asLong());

        JsonNode headline = trial.get("headline");
        assertFalse(headline.get("complete").asBoolean());
        assertEquals(
                "test (pooled over 2 folds): 13 of 14 utterances scored (1 rejected: audio); 1 more excluded by label;"
                        + " unknown split: 1 rejected (read), 0 excluded by label",
                headline.get("data").asText());
        assertTrue(summary.formatSummaryTable().contains("trial 0 data: test (pooled over 2 folds): 13 of 14"));

        String html = read(new File(run, "report.html"));
        assertTrue(
                html.contains("<p class=\"note\">Incomplete: the headline of trial 0 (full) is computed on part"),
                html);
        assertTrue(html.contains("Data behind the results"));
    }

    @Test
    void aRunWithoutDataQualitySaysItIsNotRecorded(@TempDir File run) throws IOException {
        writeRun(run);
        Fixtures.evaluate(spark, run.getAbsolutePath());
        JsonNode trial =
                JSON.readTree(new File(run, "summary.json")).get("trials").get(0);
        assertTrue(trial.get("data_quality").isNull());
        assertTrue(trial.get("headline").get("complete").asBoolean());
        assertTrue(read(new File(run, "report.html")).contains("Not recorded: the run has no data-quality.json"));
    }

    /** A MELD-shaped run: the official split as one fold, 3 classes, one trial. */
    private static void writeSingleSplitRun(File run) throws IOException {
        write(
                new File(run, "config.conf"),
                "mcsan {\n  corpus { kind = meld, path = \"/data/MELD.Raw\", meld { classes = [neutral, joy, anger] },"
                        + " iemocap { classes = [neu] }, manifest { classes = [] } }\n"
                        + "  bench { quick = true }\n  synth { speakers = 2 }\n  train { epochs = 6 }\n"
                        + "  evaluation { split = test, headline-metric = auto, plot-width = 640, plot-height = 480 }\n}\n");
        write(
                new File(run, "folds.json"),
                "{\"corpus\":\"meld\",\"strategy\":\"split\",\"classes\":[\"neutral\",\"joy\",\"anger\"],"
                        + "\"folds\":[{\"fold\":0,\"name\":\"official\",\"group_by\":\"split\",\"train\":[\"train\"],"
                        + "\"val\":[\"dev\"],\"test\":[\"test\"]}]}");
        write(new File(run, "trials.json"), "[{\"trial\":0,\"name\":\"default\",\"overrides\":{}}]");
        write(new File(run, "units/trial-0/fold-0/history.json"), history(0, 0, 4));
        List<Row> rows = new ArrayList<>();
        addRows(rows, 0, 0, "test", "test", new long[][] {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}});
        addRows(rows, 0, 0, "val", "dev", new long[][] {{2, 0, 0}, {0, 2, 0}, {0, 0, 1}});
        writePredictionsOf(run, rows, 3);
        FoldPlan plan = FoldPlan.parse(read(new File(run, "folds.json")), "folds.json");
        DataQuality.Builder quality = new DataQuality.Builder(plan);
        for (int i = 0; i < 13; i++) quality.features(new UtteranceInfo("test_" + i, "s", null, "test"));
        quality.rejected(new UtteranceInfo("test_x", "s", null, "test"), "audio");
        for (int i = 0; i < 5; i++) quality.features(new UtteranceInfo("dev_" + i, "s", null, "dev"));
        for (int i = 0; i < 20; i++) quality.features(new UtteranceInfo("train_" + i, "s", null, "train"));
        write(new File(run, "data-quality.json"), quality.build().toJson());
    }

    private static void writePredictionsOf(File run, List<Row> rows, int classes) {
        List<Row> sized = new ArrayList<>();
        for (Row r : rows) {
            @SuppressWarnings("unchecked")
            List<Float> p = new ArrayList<>(((List<Float>) r.get(4)).subList(0, classes));
            sized.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), p, r.get(5), r.get(6)));
        }
        writePredictions(run, sized);
    }

    @Test
    void aSingleSplitReportLeadsWithTheHeadlineAndHasNoCrossValidationFurniture(@TempDir File run) throws IOException {
        writeSingleSplitRun(run);
        EvaluationSummary summary = Fixtures.evaluate(spark, run.getAbsolutePath());
        assertTrue(summary.isSingleSplit());
        String html = read(new File(run, "report.html"));
        for (String furniture :
                new String[] {"per fold", "Per fold", "mean ± std", "over 1 folds", "pooled", "Pooled"}) {
            assertFalse(html.contains(furniture), "a single split's report shows no '" + furniture + "'");
        }
        assertFalse(new File(run, "plots/folds-trial-0.png").exists(), "no per-fold chart");
        BufferedImage perClass = ImageIO.read(new File(run, "plots/per-class-trial-0.png"));
        assertEquals(640, perClass.getWidth());
        // The order: headline, per-class metrics and their chart, confusion matrix, learning curve, data, configuration
        int[] at = {
            html.indexOf("Headline: test weighted F1 = "),
            html.indexOf("<h3>Per-class metrics, test split</h3>"),
            html.indexOf("Per-class precision, recall and F1 on the test split"),
            html.indexOf("<h3>Confusion matrix, test split</h3>"),
            html.indexOf("<h3>Learning curve</h3>"),
            html.indexOf("<h3>Data behind the results</h3>"),
            html.indexOf("<h2>Configuration</h2>"),
            html.indexOf("<details><summary>")
        };
        for (int i = 0; i < at.length; i++) {
            assertTrue(
                    at[i] >= 0 && (i == 0 || at[i] > at[i - 1]), "section " + i + " in order: " + Arrays.toString(at));
        }
        assertTrue(html.contains("test: 13 of 14 utterances scored (1 rejected: audio)"), html);
        String console = summary.formatSummaryTable();
        assertFalse(console.contains("pooled") || console.contains("+/-"), console);
        assertTrue(console.contains("a single split (official)"), console);

        // Only the configuration the run used: not bench, synth or the other corpus readers
        String config = html.substring(html.indexOf("<details>"));
        assertTrue(config.contains("meld") && config.contains("epochs"), config);
        for (String unused : new String[] {"bench", "synth", "iemocap", "manifest"}) {
            assertFalse(config.contains(unused + " {") || config.contains(unused + "{"), unused + " in " + config);
        }
        assertTrue(html.contains("left out: mcsan.bench, mcsan.synth, mcsan.corpus.iemocap, mcsan.corpus.manifest"));
    }
}
