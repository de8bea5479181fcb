package org.mcsan.contracts.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected value below was computed by hand from the matrix in the test (working in comments). */
class ClassificationMetricsTest {

    private static final double EPS = 1e-12;
    private static final List<String> ABC = Arrays.asList("a", "b", "c");

    private static ClassificationMetrics metrics(long[][] counts) {
        return ClassificationMetrics.of(ConfusionMatrix.of(ABC, counts));
    }

    @Test
    void generalThreeClassCase() {
        //        pred a  b  c   support
        // true a      3  1  0   4
        // true b      1  2  0   3
        // true c      2  0  1   3
        // predicted:  6  3  1;  total 10, correct 6
        ClassificationMetrics m = metrics(new long[][] {{3, 1, 0}, {1, 2, 0}, {2, 0, 1}});
        assertEquals(10, m.total());
        assertEquals(0.6, m.wa(), EPS); // 6 / 10
        // precision a = 3/6 = 0.5, recall a = 3/4, F1 a = 2*0.5*0.75/1.25 = 0.6
        // precision b = 2/3,       recall b = 2/3, F1 b = 2/3
        // precision c = 1/1 = 1,   recall c = 1/3, F1 c = 2*(1/3)/(4/3) = 0.5
        ClassMetrics a = m.perClass().get(0);
        ClassMetrics b = m.perClass().get(1);
        ClassMetrics c = m.perClass().get(2);
        assertEquals(0.5, a.precision(), EPS);
        assertEquals(0.75, a.recall(), EPS);
        assertEquals(0.6, a.f1(), EPS);
        assertEquals(4, a.support());
        assertEquals(6, a.predicted());
        assertEquals(2.0 / 3, b.precision(), EPS);
        assertEquals(2.0 / 3, b.recall(), EPS);
        assertEquals(2.0 / 3, b.f1(), EPS);
        assertEquals(1.0, c.precision(), EPS);
        assertEquals(1.0 / 3, c.recall(), EPS);
        assertEquals(0.5, c.f1(), EPS);
        // UA = (3/4 + 2/3 + 1/3) / 3 = 1.75 / 3
        assertEquals(1.75 / 3, m.ua(), EPS);
        // weighted F1 = (4*0.6 + 3*(2/3) + 3*0.5) / 10 = (2.4 + 2 + 1.5) / 10 = 0.59
        assertEquals(0.59, m.weightedF1(), EPS);
        // macro F1 = (3/5 + 2/3 + 1/2) / 3 = (53/30) / 3 = 53/90
        assertEquals(53.0 / 90, m.macroF1(), EPS);
        assertEquals(Collections.emptyList(), m.absentClasses());
        assertEquals(Collections.emptyList(), m.neverPredictedClasses());
    }

    @Test
    void rowNormalisedConfusionMatrix() {
        ConfusionMatrix cm = ConfusionMatrix.of(ABC, new long[][] {{3, 1, 0}, {1, 2, 0}, {0, 0, 0}});
        double[][] shares = cm.rowNormalised();
        assertArrayEquals(new double[] {0.75, 0.25, 0.0}, shares[0], EPS); // 3/4, 1/4, 0/4
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 0.0}, shares[1], EPS); // 1/3, 2/3, 0/3
        // class c has no utterances: its row has no shares
        assertTrue(Double.isNaN(shares[2][0]) && Double.isNaN(shares[2][1]) && Double.isNaN(shares[2][2]));
    }

    @Test
    void classAbsentFromTheFoldIsLeftOutOfUaAndMacroF1() {
        //        pred a  b  c   support
        // true a      2  0  1   3
        // true b      1  1  0   2
        // true c      0  0  0   0    <- absent, yet predicted once
        // total 5, correct 3
        ClassificationMetrics m = metrics(new long[][] {{2, 0, 1}, {1, 1, 0}, {0, 0, 0}});
        assertEquals(0.6, m.wa(), EPS); // 3 / 5
        assertEquals(Collections.singletonList("c"), m.absentClasses());
        ClassMetrics c = m.perClass().get(2);
        assertEquals(0.0, c.precision(), EPS); // 0 correct of 1 predicted
        assertTrue(Double.isNaN(c.recall()));
        assertTrue(Double.isNaN(c.f1()));
        // recall a = 2/3, recall b = 1/2; UA over the present classes = (2/3 + 1/2) / 2 = 7/12
        assertEquals(7.0 / 12, m.ua(), EPS);
        // precision a = 2/3 -> F1 a = 2/3; precision b = 1/1, recall b = 1/2 -> F1 b = 1/(1.5) = 2/3
        assertEquals(2.0 / 3, m.perClass().get(0).f1(), EPS);
        assertEquals(2.0 / 3, m.perClass().get(1).f1(), EPS);
        assertEquals(2.0 / 3, m.macroF1(), EPS); // (2/3 + 2/3) / 2
        assertEquals(2.0 / 3, m.weightedF1(), EPS); // (3*2/3 + 2*2/3) / 5 = (10/3)/5
    }

    @Test
    void classNeverPredictedHasPrecisionZeroByConvention() {
        //        pred a  b  c   support
        // true a      2  1  0   3
        // true b      0  2  0   2
        // true c      1  1  0   2    <- never predicted
        // predicted:  3  4  0;  total 7, correct 4
        ClassificationMetrics m = metrics(new long[][] {{2, 1, 0}, {0, 2, 0}, {1, 1, 0}});
        assertEquals(4.0 / 7, m.wa(), EPS);
        assertEquals(Collections.singletonList("c"), m.neverPredictedClasses());
        ClassMetrics c = m.perClass().get(2);
        assertEquals(0.0, c.precision(), 0.0); // 0/0 -> 0
        assertEquals(0.0, c.recall(), 0.0); // 0/2
        assertEquals(0.0, c.f1(), 0.0); // P + R = 0 -> 0
        // precision b = 2/4, recall b = 1 -> F1 b = 2*0.5/1.5 = 2/3
        assertEquals(0.5, m.perClass().get(1).precision(), EPS);
        assertEquals(2.0 / 3, m.perClass().get(1).f1(), EPS);
        assertEquals(5.0 / 9, m.ua(), EPS); // (2/3 + 1 + 0) / 3
        assertEquals(4.0 / 9, m.macroF1(), EPS); // (2/3 + 2/3 + 0) / 3
        assertEquals(10.0 / 21, m.weightedF1(), EPS); // (3*2/3 + 2*2/3 + 2*0) / 7
    }

    @Test
    void singleClassFold() {
        // Every utterance is of class a; predicted a, a, b.
        ClassificationMetrics m =
                ClassificationMetrics.of(ConfusionMatrix.fromLabels(ABC, new int[] {0, 0, 0}, new int[] {0, 0, 1}));
        assertEquals(2.0 / 3, m.wa(), EPS);
        assertEquals(2.0 / 3, m.ua(), EPS); // recall of a alone
        // precision a = 2/2 = 1, recall a = 2/3 -> F1 a = 2*(2/3)/(5/3) = 0.8
        assertEquals(1.0, m.perClass().get(0).precision(), EPS);
        assertEquals(0.8, m.perClass().get(0).f1(), EPS);
        assertEquals(0.8, m.weightedF1(), EPS); // 3*0.8/3
        assertEquals(0.8, m.macroF1(), EPS);
        assertEquals(0.0, m.perClass().get(1).precision(), 0.0); // b predicted once, wrongly
        assertEquals(Arrays.asList("b", "c"), m.absentClasses());
        assertEquals(Collections.singletonList("c"), m.neverPredictedClasses());
    }

    @Test
    void perfectPredictions() {
        ClassificationMetrics m = metrics(new long[][] {{5, 0, 0}, {0, 1, 0}, {0, 0, 2}});
        assertEquals(1.0, m.wa(), 0.0);
        assertEquals(1.0, m.ua(), 0.0);
        assertEquals(1.0, m.weightedF1(), 0.0);
        assertEquals(1.0, m.macroF1(), 0.0);
    }

    @Test
    void emptyInputHasUndefinedMetrics() {
        ClassificationMetrics m = ClassificationMetrics.of(ConfusionMatrix.empty(ABC));
        assertTrue(m.isEmpty());
        assertEquals(0, m.total());
        assertTrue(Double.isNaN(m.wa()));
        assertTrue(Double.isNaN(m.ua()));
        assertTrue(Double.isNaN(m.weightedF1()));
        assertTrue(Double.isNaN(m.macroF1()));
        assertEquals(ABC, m.absentClasses());
        assertEquals(0.0, m.perClass().get(0).precision(), 0.0);
    }

    @Test
    void fromLabelsCountsPairs() {
        // pairs (true, pred): (0,0) (0,1) (1,1) (2,0) (2,0)
        ConfusionMatrix cm = ConfusionMatrix.fromLabels(ABC, new int[] {0, 0, 1, 2, 2}, new int[] {0, 1, 1, 0, 0});
        assertArrayEquals(new long[] {1, 1, 0}, cm.counts()[0]);
        assertArrayEquals(new long[] {0, 1, 0}, cm.counts()[1]);
        assertArrayEquals(new long[] {2, 0, 0}, cm.counts()[2]);
        assertEquals(2, cm.support(0));
        assertEquals(3, cm.predicted(0));
        assertEquals(2, cm.correct());
    }

    @Test
    void pooledMatrixIsTheElementWiseSum() {
        ConfusionMatrix x = ConfusionMatrix.of(ABC, new long[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 0}});
        ConfusionMatrix y = ConfusionMatrix.of(ABC, new long[][] {{0, 1, 0}, {0, 0, 0}, {3, 0, 1}});
        long[][] sum = x.plus(y).counts();
        assertArrayEquals(new long[] {1, 1, 0}, sum[0]);
        assertArrayEquals(new long[] {0, 2, 0}, sum[1]);
        assertArrayEquals(new long[] {3, 0, 1}, sum[2]);
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ConfusionMatrix.fromLabels(ABC, new int[] {0, 3}, new int[] {0, 0}));
        assertTrue(e.getMessage().contains("class index 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(ABC, new long[][] {{1, 0}, {0, 1}}));
        assertThrows(
                IllegalArgumentException.class,
                () -> ConfusionMatrix.of(ABC, new long[][] {{1, 0, 0}, {0, -1, 0}, {0, 0, 0}}));
        assertThrows(
                IllegalArgumentException.class,
                () -> ConfusionMatrix.empty(ABC).plus(ConfusionMatrix.empty(Arrays.asList("a", "b"))));
    }
}
