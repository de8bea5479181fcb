package org.mcsan.contracts.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcsan.contracts.metrics.MeanStd;

class HalvingRecordTest {

    private static List<int[]> plan(int configurations, int folds, int minFolds, int eta) {
        List<int[]> out = new ArrayList<>();
        for (HalvingRecord.Rung r : HalvingRecord.plan(configurations, folds, minFolds, eta)) {
            out.add(new int[] {r.folds, r.configurations});
        }
        return out;
    }

    private static void assertPlan(int[][] expected, List<int[]> actual) {
        assertEquals(expected.length, actual.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Arrays.toString(expected[i]), Arrays.toString(actual.get(i)), "rung " + i);
        }
    }

    @Test
    void foldsGrowAndConfigurationsShrinkByEtaUntilEveryFoldIsTrained() {
        // 12 configurations, 10 folds, rung 0 on 2 folds, eta 3: 12 x 2, 4 x 6, 1 x 10
        assertPlan(new int[][] {{2, 12}, {6, 4}, {10, 1}}, plan(12, 10, 2, 3));
        // eta 2: the folds double until capped at 10; at least one configuration always goes on
        assertPlan(new int[][] {{2, 4}, {4, 2}, {8, 1}, {10, 1}}, plan(4, 10, 2, 2));
        // rung 0 already on every fold: one rung, nothing pruned
        assertPlan(new int[][] {{10, 5}}, plan(5, 10, 10, 3));
        assertPlan(new int[][] {{3, 5}}, plan(5, 3, 4, 3));
    }

    @Test
    void theRecordRoundTripsAndSaysWhereEachConfigurationStopped() {
        HalvingRecord record = new HalvingRecord("loss", 3, HalvingRecord.plan(3, 6, 2, 3));
        record.decide(Arrays.asList(
                new HalvingRecord.Decision("s001", MeanStd.of(0.3, 0.5), HalvingRecord.PROMOTED),
                new HalvingRecord.Decision("s000", MeanStd.of(0.9), HalvingRecord.PRUNED),
                new HalvingRecord.Decision("s002", MeanStd.of(), HalvingRecord.FAILED)));
        HalvingRecord back = HalvingRecord.parse(record.toJson(), "halving.json");
        assertEquals(record.toJson(), back.toJson());
        assertEquals("loss", back.selectionMetric());
        Map<String, Object[]> standing = back.standing();
        assertEquals(Arrays.asList(0, HalvingRecord.PRUNED), Arrays.asList(standing.get("s000")));
        assertEquals(Arrays.asList(0, HalvingRecord.FAILED), Arrays.asList(standing.get("s002")));
        back.decide(Arrays.asList(new HalvingRecord.Decision("s001", MeanStd.of(0.4, 0.4), HalvingRecord.FINISHED)));
        assertEquals(
                Arrays.asList(1, HalvingRecord.FINISHED),
                Arrays.asList(back.standing().get("s001")));
        assertEquals(0.4, back.decisions().get(0).get(0).mean, 1e-12);
    }
}
