package org.mcsan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.run.RunLayout;

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

    @Test
    void aUnitThatFailedBecauseOfItsConfigurationCountsAsDone(@TempDir Path dir) throws Exception {
        Directory run = Directory.create(new Configuration(), dir.toString());
        run.write(RunLayout.unitFile(0, 0, RunLayout.HISTORY), "{}");
        run.write(RunLayout.failureFile(0, 1), "{}");
        List<int[]> units = Arrays.asList(new int[] {0, 0}, new int[] {0, 1}, new int[] {0, 2});
        try (ProgressMonitor progress = new ProgressMonitor(run, units, 2, 3, 60_000)) {
            progress.start();
            assertTrue(progress.report().startsWith("units done 2/3, running 0, left 1"), progress.report());
            run.write(RunLayout.failureFile(0, 2), "{}");
            assertEquals("units done 3/3, running 0, left 0, all done", progress.report());
        }
    }
}
