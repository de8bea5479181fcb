package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitHistory;

/**
 * Aggregation of the {@link Fixtures} run. Hand computation, classes (a, b):
 * <pre>
 * trial 0, test, fold 0: [[3,1],[0,2]]  total 6, correct 5 -> WA 5/6; recall a 3/4, b 2/2 -> UA 7/8
 *     precision a 3/3, b 2/3 -> F1 a = 2*0.75/1.75 = 6/7, F1 b = 2*(2/3)/(5/3) = 4/5
 *     WF1 = (4*6/7 + 2*4/5)/6 = (176/35)/6 = 88/105; macro F1 = (6/7 + 4/5)/2 = 29/35
 * trial 0, test, fold 1: [[1,1],[2,2]]  total 6, correct 3 -> WA 1/2; recall a 1/2, b 2/4 -> UA 1/2
 *     precision a 1/3 -> F1 a = 2*(1/6)/(5/6) = 2/5; precision b 2/3 -> F1 b = 2*(1/3)/(7/6) = 4/7
 *     WF1 = (2*2/5 + 4*4/7)/6 = 18/35; macro F1 = (2/5 + 4/7)/2 = 17/35
 * mean WA = (5/6 + 1/2)/2 = 2/3;   sample std (n = 2) = |5/6 - 1/2| / sqrt(2) = (1/3)/sqrt(2)
 * mean UA = (7/8 + 1/2)/2 = 11/16; sample std = (3/8)/sqrt(2)
 * pooled test: [[4,2],[2,4]] total 12, correct 8 -> WA 2/3; recall a = b = 4/6 -> UA 2/3;
 *     precision a = b = 4/6 -> F1 = 2/3 each -> WF1 = macro F1 = 2/3
 * </pre>
 */
class AggregationTest {

    private static final double EPS = 1e-12;

    @Test
    void meanSampleStdAndPooledOverFolds() {
        TrialEvaluation t0 = Fixtures.summary().trial(0);
        SplitAggregate test = t0.test();
        assertEquals(2, test.folds().size());
        assertEquals(2.0 / 3, test.overFolds(Metric.WA).mean(), EPS);
        assertEquals((1.0 / 3) / Math.sqrt(2), test.overFolds(Metric.WA).std(), EPS);
        assertEquals(11.0 / 16, test.overFolds(Metric.UA).mean(), EPS);
        assertEquals((3.0 / 8) / Math.sqrt(2), test.overFolds(Metric.UA).std(), EPS);
        // weighted F1 mean = (88/105 + 18/35)/2 = (88/105 + 54/105)/2 = 71/105
        assertEquals(71.0 / 105, test.overFolds(Metric.WEIGHTED_F1).mean(), EPS);
        // macro F1 mean = (29/35 + 17/35)/2 = 23/35
        assertEquals(23.0 / 35, test.overFolds(Metric.MACRO_F1).mean(), EPS);
        assertEquals(88.0 / 105, test.fold(0).metrics().weightedF1(), EPS);
        assertEquals(17.0 / 35, test.fold(1).metrics().macroF1(), EPS);

        ClassificationMetrics pooled = test.pooled();
        assertEquals(12, pooled.total());
        assertEquals(4, pooled.confusion().count(0, 0));
        assertEquals(2, pooled.confusion().count(1, 0));
        assertEquals(2.0 / 3, pooled.wa(), EPS);
        assertEquals(2.0 / 3, pooled.ua(), EPS);
        assertEquals(2.0 / 3, pooled.weightedF1(), EPS);
        assertEquals(2.0 / 3, pooled.macroF1(), EPS);
    }

    @Test
    void foldWithoutPredictionsIsMissingAndOneFoldHasNoStd() {
        SplitAggregate val = Fixtures.summary().trial(0).val();
        assertEquals(1, val.folds().size());
        assertEquals(1, val.missingFolds().size());
        assertEquals("spk2", val.missingFolds().get(0).name());
        assertEquals(1.0, val.overFolds(Metric.UA).mean(), 0.0);
        assertEquals(1, val.overFolds(Metric.UA).n());
        assertTrue(Double.isNaN(val.overFolds(Metric.UA).std()));
        assertNull(val.fold(1));
    }

    @Test
    void absentClassIsReportedPerFold() {
        TrialEvaluation t1 = Fixtures.summary().trial(1);
        // [[2,0],[0,0]]: b absent, UA = recall of a = 1
        assertEquals(1.0, t1.test().fold(0).metrics().ua(), 0.0);
        assertEquals(
                Collections.singletonList("b"),
                t1.absentClassesByFold().get("test").get("spk1"));
        assertTrue(t1.absentClassesByFold().get("val").isEmpty());
        // trial 1 has no predictions at all on val: both folds missing, everything undefined
        assertEquals(2, t1.val().missingFolds().size());
        assertTrue(Double.isNaN(t1.val().overFolds(Metric.WA).mean()));
        assertTrue(t1.val().pooled().isEmpty());
    }

    @Test
    void headlineIsMeanUaForCrossValidationAndWeightedF1ForOneFold() {
        TrialEvaluation t0 = Fixtures.summary().trial(0);
        assertEquals(Metric.UA, t0.headlineMetric());
        assertEquals(11.0 / 16, t0.headlineValue(), EPS);
        assertEquals("test UA (mean over 2 folds)", t0.headlineLabel());

        FoldPlan oneFold = new FoldPlan(
                "meld",
                "split",
                Fixtures.AB,
                Collections.singletonList(new Fold(
                        0,
                        "official",
                        Fold.BY_SPLIT,
                        Collections.singletonList("train"),
                        Collections.singletonList("dev"),
                        Collections.singletonList("test"))));
        Map<PredictionKey, ConfusionMatrix> mm = new HashMap<>();
        mm.put(new PredictionKey(0, 0, "test"), Fixtures.m(new long[][] {{3, 1}, {0, 2}}));
        TrialEvaluation meld = Aggregation.aggregate(
                        oneFold,
                        Fixtures.twoTrials().subList(0, 1),
                        mm,
                        Collections.<Integer, Map<Integer, UnitHistory>>emptyMap(),
                        Fixtures.defaults())
                .get(0);
        assertEquals(Metric.WEIGHTED_F1, meld.headlineMetric());
        assertEquals(88.0 / 105, meld.headlineValue(), EPS);
        assertEquals("test weighted F1", meld.headlineLabel());
    }

    @Test
    void configuredHeadlineAndSplit() {
        EvaluationSettings valWa = new EvaluationSettings("val", Metric.WA, 800, 600);
        TrialEvaluation t0 = Aggregation.aggregate(
                        Fixtures.twoFoldPlan(), Fixtures.twoTrials(), Fixtures.matrices(), Fixtures.histories(), valWa)
                .get(0);
        assertEquals("val", t0.reported().split());
        assertEquals(1.0, t0.headlineValue(), 0.0);
        assertEquals("val WA", t0.headlineLabel());
    }

    @Test
    void rejectsPredictionsTheRunDoesNotKnow() {
        FoldPlan plan = Fixtures.twoFoldPlan();
        List<Trial> trials = Fixtures.twoTrials();
        Map<Integer, Map<Integer, UnitHistory>> none = Collections.emptyMap();
        for (PredictionKey bad : Arrays.asList(
                new PredictionKey(7, 0, "test"), new PredictionKey(0, 5, "test"), new PredictionKey(0, 0, "train"))) {
            Map<PredictionKey, ConfusionMatrix> mm = new HashMap<>(Fixtures.matrices());
            mm.put(bad, Fixtures.m(new long[][] {{1, 0}, {0, 1}}));
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Aggregation.aggregate(plan, trials, mm, none, Fixtures.defaults()));
            assertTrue(
                    e.getMessage().contains("trial 7")
                            || e.getMessage().contains("fold 5")
                            || e.getMessage().contains("'train'"),
                    e.getMessage());
        }
    }

    @Test
    void summaryTableShowsMeanStdPooledAndHeadline() {
        String table = Fixtures.summary().formatSummaryTable();
        // trial 0: WA 2/3 -> 66.67, std (1/3)/sqrt(2) = 0.2357 -> 23.57; UA 11/16 -> 68.75, std 0.2652 -> 26.52
        assertTrue(table.contains("66.67 +/- 23.57"), table);
        assertTrue(table.contains("68.75 +/- 26.52"), table);
        // trial 1 has one test fold: the mean alone (100.00), folds 1/2
        assertTrue(table.contains("1/2"), table);
        assertTrue(table.contains("headline: test UA (mean over 2 folds)"), table);
        assertTrue(table.contains("trial 1: no test predictions for fold(s) 1 (spk2)"), table);
        // headline UA: trial 0 11/16, trial 1 1.0 -- but the choice is made on validation, where trial 0 leads
        // (val UA at the selected epoch 3: 0.57 on both folds; trial 1's selected epoch 2: 0.50)
        assertTrue(
                table.contains("selected on validation: trial 0 (full), validation UA at the selected epoch, "
                        + "mean over 2 units (folds) = 57.00; its test UA (mean over 2 units) = 68.75"),
                table);
        assertFalse(table.contains("best: trial 1"), table);
        String board = table.substring(table.indexOf("leaderboard (validation UA"));
        assertTrue(board.indexOf("full") < board.indexOf("audio"), board);
        assertTrue(board.contains("57.00 +/- 0.00"), board); // both folds 0.57
        assertTrue(board.contains("50.00"), board);
        String[] lines = table.split("\n");
        String header = null;
        for (String l : lines) {
            if (l.contains("pooled WA")) {
                header = l;
            }
        }
        assertTrue(header != null && header.indexOf("name") < header.indexOf("WA"), table);
    }
}
