package org.mcsan.evaluation;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitHistory;

/**
 * A small two-class, two-fold, two-trial run built in memory (no Spark). The hand-computed metrics
 * of these matrices are written out in {@link AggregationTest}.
 */
final class Fixtures {

    static final List<String> AB = Arrays.asList("a", "b");

    private Fixtures() {}

    static FoldPlan twoFoldPlan() {
        return new FoldPlan(
                "synthetic",
                "speaker",
                AB,
                Arrays.asList(
                        new Fold(
                                0,
                                "spk1",
                                Fold.BY_SPEAKER,
                                Arrays.asList("spk3", "spk4"),
                                Collections.singletonList("spk2"),
                                Collections.singletonList("spk1")),
                        new Fold(
                                1,
                                "spk2",
                                Fold.BY_SPEAKER,
                                Arrays.asList("spk3", "spk4"),
                                Collections.singletonList("spk1"),
                                Collections.singletonList("spk2"))));
    }

    static List<Trial> twoTrials() {
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("mcsan.model.variant", "audio");
        return Arrays.asList(
                new Trial(0, "full", Collections.<String, Object>singletonMap("mcsan.model.variant", "full")),
                new Trial(1, "audio", audio));
    }

    static ConfusionMatrix m(long[][] counts) {
        return ConfusionMatrix.of(AB, counts);
    }

    /**
     * trial 0: test fold 0 [[3,1],[0,2]], test fold 1 [[1,1],[2,2]], val fold 0 [[1,0],[0,1]], no val for fold 1.
     * trial 1: test fold 0 [[2,0],[0,0]] (class b absent), nothing else.
     */
    static Map<PredictionKey, ConfusionMatrix> matrices() {
        Map<PredictionKey, ConfusionMatrix> mm = new HashMap<>();
        mm.put(new PredictionKey(0, 0, "test"), m(new long[][] {{3, 1}, {0, 2}}));
        mm.put(new PredictionKey(0, 1, "test"), m(new long[][] {{1, 1}, {2, 2}}));
        mm.put(new PredictionKey(0, 0, "val"), m(new long[][] {{1, 0}, {0, 1}}));
        mm.put(new PredictionKey(1, 0, "test"), m(new long[][] {{2, 0}, {0, 0}}));
        return mm;
    }

    static UnitHistory history(int trial, int fold, int selectedEpoch) {
        return UnitHistory.parse(
                "{\"trial\":" + trial + ",\"fold\":" + fold
                        + ",\"selection_metric\":\"ua\",\"selected_epoch\":" + selectedEpoch + ",\"epochs\":["
                        + "{\"epoch\":1,\"train_loss\":1.30,\"val_loss\":1.20,\"val_wa\":0.40,\"val_ua\":0.38,\"val_wf1\":0.37,\"seconds\":2.0},"
                        + "{\"epoch\":2,\"train_loss\":1.05,\"val_loss\":1.02,\"val_wa\":0.52,\"val_ua\":0.50,\"val_wf1\":0.49,\"seconds\":2.1},"
                        + "{\"epoch\":3,\"train_loss\":0.86,\"val_loss\":0.95,\"val_wa\":0.58,\"val_ua\":0.57,\"val_wf1\":0.56,\"seconds\":2.0},"
                        + "{\"epoch\":4,\"train_loss\":0.70,\"val_loss\":0.97,\"val_wa\":0.57,\"val_ua\":0.55,\"val_wf1\":0.55,\"seconds\":2.2},"
                        + "{\"epoch\":5,\"train_loss\":0.58,\"val_loss\":1.04,\"val_wa\":0.56,\"val_ua\":0.54,\"val_wf1\":0.53,\"seconds\":2.0}"
                        + "]}",
                "history of trial " + trial + " fold " + fold);
    }

    /** trial 0 has both histories, trial 1 only fold 0's. */
    static Map<Integer, Map<Integer, UnitHistory>> histories() {
        Map<Integer, Map<Integer, UnitHistory>> h = new HashMap<>();
        Map<Integer, UnitHistory> t0 = new HashMap<>();
        t0.put(0, history(0, 0, 3));
        t0.put(1, history(0, 1, 3));
        h.put(0, t0);
        h.put(1, Collections.singletonMap(0, history(1, 0, 2)));
        return h;
    }

    /** A unit whose selected epoch (the second of two) has this validation value of the selection metric. */
    static UnitHistory unit(int trial, int fold, String metric, double value) {
        return UnitHistory.parse(
                String.format(
                        java.util.Locale.ROOT,
                        "{\"trial\":%d,\"fold\":%d,\"selection_metric\":\"%s\",\"selected_epoch\":2,\"epochs\":["
                                + "{\"epoch\":1,\"train_loss\":1.0,\"val_loss\":9.0,\"val_wa\":0.01,\"val_ua\":0.01,"
                                + "\"val_wf1\":0.01,\"val_mf1\":0.01,\"seconds\":1},"
                                + "{\"epoch\":2,\"train_loss\":0.9,\"val_loss\":%s,\"val_wa\":%s,\"val_ua\":%s,"
                                + "\"val_wf1\":%s,\"val_mf1\":%s,\"seconds\":1}]}",
                        trial,
                        fold,
                        metric,
                        value,
                        value,
                        value,
                        value,
                        value),
                "unit " + trial + "/" + fold);
    }

    static EvaluationSettings defaults() {
        return new EvaluationSettings("test", null, 800, 600);
    }

    static EvaluationSummary summary() {
        return new EvaluationSummary(
                "file:/runs/fixture",
                twoFoldPlan(),
                Aggregation.aggregate(twoFoldPlan(), twoTrials(), matrices(), histories(), defaults()),
                "test");
    }

    /** Evaluates a run with the settings it recorded, as mcsan evaluate does. */
    static EvaluationSummary evaluate(SparkSession spark, String runDir) {
        Directory run = Directory.open(spark.sparkContext().hadoopConfiguration(), runDir);
        return Evaluator.evaluate(
                spark, runDir, EvaluationSettings.ofRun(run.readText(RunLayout.CONFIG), run.path(RunLayout.CONFIG)));
    }
}
