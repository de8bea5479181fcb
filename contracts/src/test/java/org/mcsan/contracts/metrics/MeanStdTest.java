package org.mcsan.contracts.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanStdTest {

    @Test
    void sampleStandardDeviationDividesByNMinusOne() {
        // mean 0.6; squared deviations 0.01, 0.01, 0 -> sum 0.02 / (3 - 1) = 0.01 -> std 0.1
        MeanStd m = MeanStd.of(0.5, 0.7, 0.6);
        assertEquals(3, m.n());
        assertEquals(0.6, m.mean(), 1e-12);
        assertEquals(0.1, m.std(), 1e-12);
    }

    @Test
    void twoValues() {
        // mean 0.3; (0.01 + 0.01) / 1 -> std sqrt(0.02)
        MeanStd m = MeanStd.of(0.2, 0.4);
        assertEquals(0.3, m.mean(), 1e-12);
        assertEquals(Math.sqrt(0.02), m.std(), 1e-12);
    }

    @Test
    void oneValueHasAnUndefinedStd() {
        MeanStd m = MeanStd.of(0.42);
        assertEquals(1, m.n());
        assertEquals(0.42, m.mean(), 0.0);
        assertTrue(Double.isNaN(m.std()));
    }

    @Test
    void nanValuesAreSkipped() {
        MeanStd m = MeanStd.of(0.5, Double.NaN, 0.7);
        assertEquals(2, m.n());
        assertEquals(0.6, m.mean(), 1e-12);
        assertEquals(Math.sqrt(0.02), m.std(), 1e-12);
    }

    @Test
    void noValues() {
        MeanStd m = MeanStd.of();
        assertEquals(0, m.n());
        assertTrue(Double.isNaN(m.mean()));
        assertTrue(Double.isNaN(m.std()));
    }
}
