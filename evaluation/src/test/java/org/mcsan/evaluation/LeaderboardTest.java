package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.HalvingRecord;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitFailure;
import org.mcsan.contracts.run.UnitHistory;

/** Configurations are ranked, and the winner chosen, on the validation split only. */
class LeaderboardTest {

    private static final double EPS = 1e-12;

    @Test
    void theTrialBestOnTestIsNotChosenWhenAnotherIsBetterOnValidation() {
        EvaluationSummary summary = Fixtures.summary();
        TrialEvaluation full = summary.trial(0);
        TrialEvaluation audio = summary.trial(1);
        // The fixture's premise: audio leads on test, full on validation.
        assertTrue(audio.headlineValue() > full.headlineValue());
        assertTrue(full.histories().get(0).selectedValue()
                > audio.histories().get(0).selectedValue());

        assertEquals(0, summary.selected().trial().index());
        Leaderboard board = summary.leaderboard();
        assertEquals("ua", board.selectionMetric());
        assertFalse(board.lowerIsBetter());
        assertEquals(Arrays.asList("full", "audio"), configurations(board));
        Leaderboard.Entry first = board.entries().get(0);
        assertEquals(1, first.rank());
        assertEquals(2, first.validation().n()); // both folds' histories
        assertEquals(full.histories().get(0).selectedValue(), first.validation().mean(), EPS);
        assertEquals(2, board.entries().get(1).rank());
        assertEquals(1, board.entries().get(1).validation().n()); // trial 1 has one fold's history
        // The result is the winner's test numbers, not the best test numbers.
        assertEquals(
                full.test().overFolds(Metric.UA).mean(),
                board.result().get(Metric.UA).mean(),
                EPS);
    }

    /** Two configurations × two seeds × two folds; s001 wins on test, s000 on validation. */
    private static EvaluationSummary sweep(String metric, double[][] validation) {
        return sweep(metric, validation, null, Collections.<Integer, List<UnitFailure>>emptyMap(), null);
    }

    /**
     * As {@link #sweep(String, double[][])}; with {@code testLabels} every unit's test confusion matrix is drawn at
     * random instead (what any permutation of the test labels could produce), and with failures or a halving record.
     */
    private static EvaluationSummary sweep(
            String metric,
            double[][] validation,
            Random testLabels,
            Map<Integer, List<UnitFailure>> failures,
            HalvingRecord halving) {
        List<Trial> trials = new ArrayList<>();
        Map<Integer, Map<Integer, UnitHistory>> histories = new HashMap<>();
        Map<PredictionKey, ConfusionMatrix> matrices = new HashMap<>();
        for (int s = 0; s < 2; s++) {
            for (int r = 1; r <= 2; r++) {
                int index = trials.size();
                Map<String, Object> overrides = new LinkedHashMap<>();
                overrides.put("mcsan.model.dropout", s == 0 ? 0.1 : 0.3);
                overrides.put("mcsan.train.seed", 41 + r);
                String config = String.format(Locale.ROOT, "s%03d", s);
                trials.add(new Trial(index, config + "-r" + r, config, overrides));
                Map<Integer, UnitHistory> byFold = new HashMap<>();
                for (int f = 0; f < 2; f++) {
                    byFold.put(f, Fixtures.unit(index, f, metric, validation[index][f]));
                    // s000 gets one test error in each class of fold f's split, s001 none
                    long wrong = s == 0 ? 1 : 0;
                    long[][] test = testLabels == null
                            ? new long[][] {{3 - wrong, wrong}, {wrong, 3 - wrong}}
                            : randomMatrix(testLabels);
                    matrices.put(new PredictionKey(index, f, "test"), Fixtures.m(test));
                }
                histories.put(index, byFold);
            }
        }
        return new EvaluationSummary(
                "file:/runs/sweep",
                Fixtures.twoFoldPlan(),
                Aggregation.aggregate(Fixtures.twoFoldPlan(), trials, matrices, histories, Fixtures.defaults()),
                "test",
                null,
                failures,
                halving);
    }

    /** Six test utterances, three per class, each predicted as a random class. */
    private static long[][] randomMatrix(Random random) {
        long[][] m = new long[2][2];
        for (int label = 0; label < 2; label++) {
            for (int i = 0; i < 3; i++) m[label][random.nextInt(2)]++;
        }
        return m;
    }

    @Test
    void permutingTheTestLabelsNeverChangesTheRankingOrTheWinner() {
        double[][] val = {{0.70, 0.60}, {0.66, 0.64}, {0.50, 0.55}, {0.52, 0.58}};
        Map<Integer, List<UnitFailure>> none = Collections.emptyMap();
        Leaderboard reference = sweep("ua", val, new Random(0), none, null).leaderboard();
        java.util.Set<Double> results = new java.util.HashSet<>();
        for (int seed = 1; seed <= 20; seed++) {
            Leaderboard board = sweep("ua", val, new Random(seed), none, null).leaderboard();
            assertEquals(configurations(reference), configurations(board));
            assertEquals("s000", board.winner().configuration());
            for (int i = 0; i < board.entries().size(); i++) {
                assertEquals(
                        reference.entries().get(i).validation().mean(),
                        board.entries().get(i).validation().mean(),
                        EPS);
            }
            results.add(board.result().get(Metric.UA).mean());
        }
        assertTrue(results.size() > 1, "the test labels did change the test result: " + results);
    }

    @Test
    void aConfigurationWithAFailedUnitIsListedLastAndNotRanked() {
        double[][] val = {{0.70, 0.60}, {0.66, 0.64}, {0.50, 0.55}, {0.52, 0.58}};
        Map<Integer, List<UnitFailure>> failures = new HashMap<>();
        failures.put(1, Arrays.asList(new UnitFailure(1, 1, UnitFailure.NON_FINITE_LOSS, "loss is NaN")));
        Leaderboard board = sweep("ua", val, null, failures, null).leaderboard();
        assertEquals(Arrays.asList("s001", "s000"), configurations(board));
        assertEquals("s001", board.winner().configuration());
        Leaderboard.Entry failed = board.entries().get(1);
        assertEquals(0, failed.rank());
        assertEquals("failed (trial s000-r2 fold 1: non-finite-loss: loss is NaN)", failed.status());
        assertEquals(Leaderboard.OK, board.winner().status());
        assertTrue(board.table().toCsv().split("\n")[2].startsWith(",failed (trial s000-r2 fold 1:"));
    }

    @Test
    void aConfigurationPrunedAtAnEarlierRungRanksBelowTheSurvivorsWhateverItsMean() {
        // s001 has the better validation mean, but halving pruned it at rung 0, on fewer folds
        double[][] val = {{0.50, 0.55}, {0.52, 0.58}, {0.70, 0.60}, {0.66, 0.64}};
        HalvingRecord halving = new HalvingRecord("ua", 2, HalvingRecord.plan(2, 2, 1, 2));
        halving.decide(Arrays.asList(
                new HalvingRecord.Decision("s000", MeanStd.of(0.50, 0.52), HalvingRecord.PROMOTED),
                new HalvingRecord.Decision("s001", MeanStd.of(0.49, 0.40), HalvingRecord.PRUNED)));
        halving.decide(Arrays.asList(
                new HalvingRecord.Decision("s000", MeanStd.of(0.50, 0.52, 0.55, 0.58), HalvingRecord.FINISHED)));
        Map<Integer, List<UnitFailure>> none = Collections.emptyMap();
        Leaderboard board = sweep("ua", val, null, none, halving).leaderboard();
        assertEquals(Arrays.asList("s000", "s001"), configurations(board));
        assertEquals(Leaderboard.OK, board.winner().status());
        assertEquals("pruned at rung 0 (1 folds)", board.entries().get(1).status());
        assertEquals(2, board.entries().get(1).rank());
        // without the halving record the better mean wins
        assertEquals("s001", sweep("ua", val).leaderboard().winner().configuration());
    }

    private static List<String> configurations(Leaderboard board) {
        List<String> names = new ArrayList<>();
        for (Leaderboard.Entry e : board.entries()) names.add(e.configuration());
        return names;
    }

    @Test
    void repeatsOfAConfigurationAreRankedTogetherOverFoldsAndSeeds() {
        double[][] val = {{0.70, 0.60}, {0.66, 0.64}, {0.50, 0.55}, {0.52, 0.58}};
        EvaluationSummary summary = sweep("ua", val);
        Leaderboard board = summary.leaderboard();
        assertEquals(Arrays.asList("s000", "s001"), configurations(board));
        Leaderboard.Entry winner = board.winner();
        assertEquals(4, winner.validation().n());
        assertEquals(
                MeanStd.of(0.70, 0.60, 0.66, 0.64).mean(), winner.validation().mean(), EPS);
        assertEquals(
                MeanStd.of(0.70, 0.60, 0.66, 0.64).std(), winner.validation().std(), EPS);
        assertEquals("s000-r1, s000-r2", winner.trialNames());
        // the seed differs between repeats, so only the sampled value is the configuration's
        assertEquals("mcsan.model.dropout=0.1", winner.overridesText());
        // s001 is better on test in every unit; the result is still s000's test UA, over its 4 units
        assertTrue(summary.trial(2).headlineValue() > summary.trial(0).headlineValue());
        double ua = ClassificationMetrics.of(Fixtures.m(new long[][] {{2, 1}, {1, 2}}))
                .ua();
        assertEquals(ua, board.result().get(Metric.UA).mean(), EPS);
        assertEquals(4, board.result().get(Metric.UA).n());
        assertEquals(0, summary.selected().trial().index());
    }

    @Test
    void aLossRanksLowestFirst() {
        double[][] val = {{0.70, 0.60}, {0.66, 0.64}, {0.50, 0.55}, {0.52, 0.58}};
        Leaderboard board = sweep("loss", val).leaderboard();
        assertTrue(board.lowerIsBetter());
        assertEquals(Arrays.asList("s001", "s000"), configurations(board));
    }

    @Test
    void equalMeansAreBrokenBySmallerStdThenByTrialOrder() {
        // same mean 0.6; s001 varies less
        double[][] spread = {{0.70, 0.50}, {0.70, 0.50}, {0.61, 0.59}, {0.61, 0.59}};
        assertEquals(
                Arrays.asList("s001", "s000"),
                configurations(sweep("ua", spread).leaderboard()));
        // identical values: the first configuration in trial order
        double[][] same = {{0.6, 0.6}, {0.6, 0.6}, {0.6, 0.6}, {0.6, 0.6}};
        assertEquals(
                Arrays.asList("s000", "s001"), configurations(sweep("ua", same).leaderboard()));
    }

    @Test
    void leaderboardCsvAndSummaryJsonHoldValidationOnlyAndTheWinnersResultOnce() throws Exception {
        double[][] val = {{0.70, 0.60}, {0.66, 0.64}, {0.50, 0.55}, {0.52, 0.58}};
        EvaluationSummary summary = sweep("ua", val);
        String[] csv = summary.leaderboard().table().toCsv().split("\n");
        assertEquals("rank,status,configuration,trials,overrides,selection_metric,n,val_mean,val_std", csv[0]);
        assertTrue(csv[1].startsWith("1,ok,s000,\"s000-r1, s000-r2\",mcsan.model.dropout=0.1,ua,4,"), csv[1]);
        assertTrue(csv[2].startsWith("2,ok,s001,"), csv[2]);
        assertEquals(3, csv.length);

        JsonNode sweep =
                new ObjectMapper().readTree(SummaryJson.render(summary)).get("sweep");
        assertEquals("val", sweep.get("ranked_on").asText());
        assertEquals(
                "s000", sweep.get("leaderboard").get(0).get("configuration").asText());
        assertEquals(
                Arrays.asList(0, 1),
                Arrays.asList(
                        sweep.get("leaderboard").get(0).get("trials").get(0).asInt(),
                        sweep.get("leaderboard").get(0).get("trials").get(1).asInt()));
        for (JsonNode row : sweep.get("leaderboard")) {
            // ranked rows carry validation numbers only
            List<String> fields = new ArrayList<>();
            row.fieldNames().forEachRemaining(fields::add);
            assertEquals(Arrays.asList("rank", "status", "configuration", "trials", "overrides", "val"), fields);
        }
        assertEquals("s000", sweep.get("winner").get("configuration").asText());
        assertEquals(
                summary.leaderboard().result().get(Metric.UA).mean(),
                sweep.get("winner").get("result").get("ua").get("mean").asDouble(),
                EPS);
        assertEquals(
                0,
                new ObjectMapper()
                        .readTree(SummaryJson.render(summary))
                        .get("comparison")
                        .get("best_trial")
                        .asInt());
    }

    @Test
    void theOptionalTestColumnIsLabelledNotForSelectionAndChangesNoRank() {
        double[][] val = {{0.70, 0.60}, {0.66, 0.64}, {0.50, 0.55}, {0.52, 0.58}};
        Leaderboard board = sweep("ua", val).leaderboard();
        assertFalse(board.table().columnNames().contains("test_ua_not_for_selection"));
        Table withTest = board.table(true);
        int column = withTest.columnNames().indexOf("test_ua_not_for_selection");
        assertEquals(9, column);
        List<Object[]> rows = withTest.rows();
        assertEquals("s000", rows.get(0)[2]);
        assertEquals(1, rows.get(0)[0]);
        // s001 is better on test and still ranked second
        assertEquals(
                ClassificationMetrics.of(Fixtures.m(new long[][] {{2, 1}, {1, 2}}))
                        .ua(),
                (Double) rows.get(0)[column],
                EPS);
        assertEquals(1.0, (Double) rows.get(1)[column], EPS);
        assertEquals(2, rows.get(1)[0]);
    }

    @Test
    void theOptionIsReadFromTheRunsConfiguration() {
        assertFalse(EvaluationSettings.ofRun("mcsan.evaluation.split = test", "config.conf")
                .leaderboardTest());
        assertTrue(EvaluationSettings.ofRun("mcsan.evaluation.leaderboard-test = true", "config.conf")
                .leaderboardTest());
    }

    @Test
    void trialsSelectedOnDifferentMetricsAreNotRanked() throws Exception {
        List<Trial> trials = Fixtures.twoTrials();
        Map<Integer, Map<Integer, UnitHistory>> histories = new HashMap<>();
        histories.put(0, java.util.Collections.singletonMap(0, Fixtures.unit(0, 0, "ua", 0.6)));
        histories.put(1, java.util.Collections.singletonMap(0, Fixtures.unit(1, 0, "loss", 0.4)));
        EvaluationSummary summary = new EvaluationSummary(
                "file:/runs/mixed",
                Fixtures.twoFoldPlan(),
                Aggregation.aggregate(
                        Fixtures.twoFoldPlan(), trials, Fixtures.matrices(), histories, Fixtures.defaults()),
                "test");
        assertNull(summary.selected());
        assertTrue(summary.leaderboard().whyNoWinner().contains("different metrics [loss, ua]"));
        JsonNode comparison =
                new ObjectMapper().readTree(SummaryJson.render(summary)).get("comparison");
        assertTrue(comparison.get("best_trial").isNull());
        assertTrue(comparison.get("best_by").asText().startsWith("none: "), comparison.toString());
    }
}
