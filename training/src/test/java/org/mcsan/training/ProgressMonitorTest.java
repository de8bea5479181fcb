package org.mcsan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressMonitorTest {
    @Test
    void etaCountsWhatUnitsCostBesidesTheirEpochs() {
        // 200 units left, epochs of 0.02 s, 2 at a time: the epochs alone say 2 s ...
        double byEpochs = 200 * 0.02 / 2;
        assertEquals("ETA " + ProgressMonitor.duration(byEpochs), ProgressMonitor.eta(200, 0.02, 2, 200, 0, 0));
        // ... but 800 units took 240 s: the rate of completed units says 60 s, and wins.
        double byUnits = 240.0 / 800 * 200;
        assertEquals("ETA " + ProgressMonitor.duration(byUnits), ProgressMonitor.eta(200, 0.02, 2, 200, 240, 800));
    }

    @Test
    void longEpochsKeepTheEpochEstimate() {
        // One unit done early in a long run: its epochs left dominate the rate of one unit.
        double byEpochs = 90 * 60.0 / 2;
        assertEquals("ETA " + ProgressMonitor.duration(byEpochs), ProgressMonitor.eta(90, 60, 2, 4, 100, 1));
    }

    @Test
    void beforeTheFirstEpochAndAtTheEnd() {
        assertEquals("ETA after the first epoch", ProgressMonitor.eta(30, Double.NaN, 2, 10, 5, 0));
        assertEquals("all done", ProgressMonitor.eta(0, 1, 2, 0, 5, 10));
        // Units done but no epoch running (all running units are between epochs): the rate alone.
        assertEquals("ETA " + ProgressMonitor.duration(50), ProgressMonitor.eta(10, Double.NaN, 2, 5, 100, 10));
    }
}
