package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void oddCountHasTheMiddleValueAsMedianAndInterpolatedQuartiles() {
        // sorted: 1 2 4 8 16; positions (n-1)p: q1 at 1 -> 2, median at 2 -> 4, q3 at 3 -> 8
        Stats s = Stats.of(8, 1, 16, 2, 4);
        assertEquals(4, s.median(), 0);
        assertEquals(2, s.q1(), 0);
        assertEquals(8, s.q3(), 0);
        assertEquals(1, s.min(), 0);
        assertEquals(16, s.max(), 0);
    }

    @Test
    void evenCountInterpolatesBetweenOrderStatistics() {
        // sorted: 10 20 30 40; q1 at 0.75 -> 17.5, median at 1.5 -> 25, q3 at 2.25 -> 32.5
        Stats s = Stats.of(40, 10, 30, 20);
        assertEquals(25, s.median(), 1e-12);
        assertEquals(17.5, s.q1(), 1e-12);
        assertEquals(32.5, s.q3(), 1e-12);
    }

    @Test
    void keepsTheSamplesInMeasurementOrder() {
        double[] samples = {3, 1, 2};
        Stats s = Stats.of(samples);
        samples[0] = 99; // the caller's array is not shared
        assertArrayEquals(new double[] {3, 1, 2}, s.samples(), 0);
        assertEquals(3, s.count());
    }

    @Test
    void singleSampleIsItsOwnSummary() {
        Stats s = Stats.of(7.5);
        assertEquals(7.5, s.median(), 0);
        assertEquals(7.5, s.q1(), 0);
        assertEquals(7.5, s.q3(), 0);
    }

    @Test
    void rejectsNoSamplesAndNonFiniteOnes() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of());
        assertThrows(IllegalArgumentException.class, () -> Stats.of(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Stats.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void targetsJudgeTheMedianInTheirDirection() {
        Stats s = Stats.of(90, 100, 200); // median 100, max 200
        assertEquals(Target.Verdict.PASS, measurement(s, Target.atLeast(100)).verdict());
        assertEquals(Target.Verdict.FAIL, measurement(s, Target.atLeast(150)).verdict());
        assertEquals(Target.Verdict.PASS, measurement(s, Target.atMost(100)).verdict());
        assertEquals(Target.Verdict.FAIL, measurement(s, Target.atMost(95)).verdict());
        assertEquals(Target.Verdict.NO_TARGET, measurement(s, null).verdict());
    }

    @Test
    void protocolTurnsEachTimedRunIntoARateAfterTheWarmUp() throws Exception {
        int[] calls = {0};
        Protocol.Rates rates = new Protocol(2, 3).rate(() -> {
            calls[0]++;
            Thread.sleep(5);
            return 1.0;
        });
        Stats s = rates.stats();
        assertEquals(5, calls[0]);
        assertEquals(3, s.count());
        for (double rate : s.samples()) {
            // one unit of work in a little over 5 ms: at most 200 per second
            assertTrue(rate > 0 && rate <= 200, "rate " + rate);
        }
    }

    @Test
    void protocolRejectsARunThatDidNoWork() {
        assertThrows(IllegalStateException.class, () -> new Protocol(0, 1).rate(() -> 0.0));
    }

    private static Measurement measurement(Stats s, Target t) {
        return new Measurement("x", "x", "u", s, t, Collections.<String, Object>emptyMap());
    }
}
