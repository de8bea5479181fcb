package org.mcsan.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.run.RunLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver-side progress of a training job: units done / running / left and an ETA, read from the run directory
 * (units report after every epoch), so it works the same when the units run on remote executors.
 */
final class ProgressMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressMonitor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Directory run;
    private final List<int[]> units; // {trial, fold}
    private final int concurrency;
    private final int epochsPerUnit;
    private final Thread thread;
    private volatile boolean stopped;
    private String lastLine = "";

    ProgressMonitor(Directory run, List<int[]> units, int concurrency, int epochsPerUnit, long intervalMillis) {
        this.run = run;
        this.units = units;
        this.concurrency = Math.max(1, concurrency);
        this.epochsPerUnit = epochsPerUnit;
        this.thread = new Thread(
                () -> {
                    while (!stopped) {
                        try {
                            Thread.sleep(intervalMillis);
                            report();
                        } catch (InterruptedException e) {
                            return;
                        } catch (IOException | RuntimeException e) {
                            LOG.debug("progress not readable yet: {}", e.toString());
                        }
                    }
                },
                "mcsan-progress");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Logs one status line when it changed. */
    void report() throws IOException {
        int done = 0;
        int running = 0;
        double remainingEpochs = 0;
        double secondsSum = 0;
        int secondsCount = 0;
        for (int[] u : units) {
            if (run.exists(RunLayout.unitDir(u[0], u[1]))) {
                done++;
                continue;
            }
            String progress = RunLayout.checkpointFile(u[0], u[1], RunLayout.PROGRESS);
            if (run.exists(progress)) {
                UnitProgress p = JSON.readValue(run.readText(progress), UnitProgress.class);
                running++;
                remainingEpochs += Math.max(0, p.epochs - p.epoch);
                secondsSum += p.secondsPerEpoch;
                secondsCount++;
            } else {
                remainingEpochs += epochsPerUnit;
            }
        }
        String eta = done == units.size()
                ? "all done"
                : secondsCount == 0
                        ? "ETA after the first epoch"
                        : "ETA "
                                + duration(remainingEpochs
                                        * (secondsSum / secondsCount)
                                        / Math.min(concurrency, Math.max(1, units.size() - done)));
        String line = String.format(
                "units done %d/%d, running %d, left %d, %s",
                done, units.size(), running, units.size() - done - running, eta);
        if (!line.equals(lastLine)) {
            LOG.info(line);
            lastLine = line;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
