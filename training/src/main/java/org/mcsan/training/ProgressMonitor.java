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
    private final java.util.BitSet finished = new java.util.BitSet();
    private final int concurrency;
    private final int epochsPerUnit;
    private final Thread thread;
    private volatile boolean stopped;
    private String lastLine = "";
    private long startNanos = System.nanoTime();
    private int doneAtStart;

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

    void start() throws IOException {
        startNanos = System.nanoTime();
        for (int i = 0; i < units.size(); i++) {
            if (finished(i)) {
                doneAtStart++;
            }
        }
        thread.start();
    }

    /**
     * Whether unit i is finished: committed, or failed because of its configuration (it will not run again). A
     * finished unit stays finished, so it is looked up only until it is (each look-up is a file-system call, an RPC on
     * HDFS).
     */
    private boolean finished(int i) {
        if (finished.get(i)) return true;
        int[] u = units.get(i);
        if (run.exists(RunLayout.unitDir(u[0], u[1])) || run.exists(RunLayout.failureFile(u[0], u[1]))) {
            finished.set(i);
            return true;
        }
        return false;
    }

    /** Logs the status line when it changed; returns it. */
    String report() throws IOException {
        int done = 0;
        int running = 0;
        double remainingEpochs = 0;
        double secondsSum = 0;
        int secondsCount = 0;
        for (int i = 0; i < units.size(); i++) {
            if (finished(i)) {
                done++;
                continue;
            }
            int[] u = units.get(i);
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
        String eta = eta(
                remainingEpochs,
                secondsCount == 0 ? Double.NaN : secondsSum / secondsCount,
                concurrency,
                units.size() - done,
                (System.nanoTime() - startNanos) / 1e9,
                done - doneAtStart);
        String line = String.format(
                "units done %d/%d, running %d, left %d, %s",
                done, units.size(), running, units.size() - done - running, eta);
        if (!line.equals(lastLine)) {
            LOG.info(line);
            lastLine = line;
        }
        return line;
    }

    /**
     * The remaining time: the epochs left at the running units' seconds per epoch, and, once units of this job
     * completed, the units left at the rate they completed, whichever is longer. The epochs alone miss what a unit
     * costs besides its epochs (reading its fold, saving the model, the commit, the task's launch): in a sweep of
     * 1000 one-epoch units they said "ETA 2s" with 204 units and 45 s left.
     *
     * @param secondsPerEpoch NaN before the first epoch ended
     * @param completedNow units completed since this job started
     */
    static String eta(
            double remainingEpochs,
            double secondsPerEpoch,
            int concurrency,
            int left,
            double elapsedSeconds,
            int completedNow) {
        if (left == 0) {
            return "all done";
        }
        double byEpochs = Double.isNaN(secondsPerEpoch)
                ? Double.NaN
                : remainingEpochs * secondsPerEpoch / Math.min(concurrency, Math.max(1, left));
        double byUnits = completedNow > 0 ? elapsedSeconds / completedNow * left : Double.NaN;
        if (Double.isNaN(byEpochs) && Double.isNaN(byUnits)) {
            return "ETA after the first epoch";
        }
        return "ETA "
                + duration(
                        Double.isNaN(byEpochs)
                                ? byUnits
                                : Double.isNaN(byUnits) ? byEpochs : Math.max(byEpochs, byUnits));
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
