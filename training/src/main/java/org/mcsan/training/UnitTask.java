package org.mcsan.training;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.mcsan.contracts.features.FeatureRow;
import org.mcsan.contracts.features.FeatureTableReader;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.io.SerializableHadoopConf;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.Prediction;
import org.mcsan.contracts.run.PredictionTable;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.UnitFailure;
import org.mcsan.contracts.run.UnitHistory;
import org.mcsan.contracts.run.UtteranceInfo;
import org.mcsan.model.Bigdl;
import org.mcsan.model.Example;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One (trial, fold) unit, run inside a Spark task: reads only its fold's rows of the feature dataset, trains
 * (resuming from a checkpoint if one exists), and commits its outputs atomically — the predictions partition
 * first, then the unit directory, whose existence marks the unit complete.
 */
final class UnitTask implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UnitTask.class);

    private final TrialSettings trial;
    private final Fold fold;
    private final List<String> classes;
    private final String featuresDir;
    private final String runDir;
    private final SerializableHadoopConf hadoop;
    private final int coresPerUnit;
    private final long seed;
    private final int failAfterEpoch;

    UnitTask(
            TrialSettings trial,
            Fold fold,
            List<String> classes,
            String featuresDir,
            String runDir,
            SerializableHadoopConf hadoop,
            int coresPerUnit,
            long seed,
            int failAfterEpoch) {
        this.trial = trial;
        this.fold = fold;
        this.classes = classes;
        this.featuresDir = featuresDir;
        this.runDir = runDir;
        this.hadoop = hadoop;
        this.coresPerUnit = coresPerUnit;
        this.seed = seed;
        this.failAfterEpoch = failAfterEpoch;
    }

    private int trialIndex() {
        return trial.trial.index();
    }

    String label() {
        return String.format(
                Locale.ROOT, "trial %d (%s) fold %d (%s)", trialIndex(), trial.trial.name(), fold.index(), fold.name());
    }

    UnitOutcome run() throws IOException {
        long start = System.nanoTime();
        TrainSettings trainSettings = trial.train;
        Configuration hadoop = this.hadoop.get();
        checkQualified(label(), runDir, featuresDir);

        List<Example> train = new ArrayList<>();
        List<Example> val = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (FeatureRow r : FeatureTableReader.read(hadoop, featuresDir, r -> role(r) != null)) {
            Example e = new Example(r.utteranceId, r.labelIndex, r.mfcc, r.numFrames, r.textEmb, r.numWords);
            String role = role(r);
            (role.equals(Fold.TRAIN) ? train : role.equals(Fold.VAL) ? val : test).add(e);
        }
        // Training must not depend on the order in which the feature job happened to write the rows.
        for (List<Example> role : Arrays.asList(train, val, test)) {
            role.sort(Comparator.comparing((Example e) -> e.id));
        }
        LOG.info("{}: {} train / {} val / {} test utterances", label(), train.size(), val.size(), test.size());
        FoldData data = new FoldData(classes, train, val, test);

        Directory run = Directory.at(hadoop, runDir);
        FoldResult result;
        try {
            result = train(hadoop, run, data);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            if (run.exists(RunLayout.unitDir(trialIndex(), fold.index()))) {
                // Another attempt committed the unit while this one trained, and removed the checkpoints this one
                // was reading or writing: the unit is complete, which is all this attempt was for.
                LOG.warn(
                        "{}: another attempt committed this unit first; this attempt stops ({})",
                        label(),
                        e.toString());
                run.delete(RunLayout.checkpointDir(trialIndex(), fold.index()));
                UnitHistory committed = UnitHistory.parse(
                        run.readText(RunLayout.unitFile(trialIndex(), fold.index(), RunLayout.HISTORY)),
                        run.path(RunLayout.unitFile(trialIndex(), fold.index(), RunLayout.HISTORY)));
                return outcome(committed.selectedEpoch(), 0, data, start);
            }
            UnitFailure failure = configurationFailure(trialIndex(), fold.index(), e);
            if (failure == null) throw e; // not the configuration's fault: Spark retries, the unit resumes
            LOG.error("{}: failed because of its configuration, recorded and not retried: {}", label(), failure);
            recordFailure(run, failure);
            return UnitOutcome.failed(
                    trialIndex(), fold.index(), fold.name(), failure.toString(), (System.nanoTime() - start) / 1e9);
        }
        commit(hadoop, run, result, trainSettings);
        return outcome(result.selectedEpoch, result.epochsTrainedNow, data, start);
    }

    private UnitOutcome outcome(int selectedEpoch, int epochsTrainedNow, FoldData data, long startNanos) {
        return new UnitOutcome(
                trialIndex(),
                fold.index(),
                fold.name(),
                selectedEpoch,
                epochsTrainedNow,
                data.train.size(),
                data.test.size(),
                (System.nanoTime() - startNanos) / 1e9);
    }

    private FoldResult train(Configuration hadoop, Directory run, FoldData data) throws IOException {
        TrainSettings trainSettings = trial.train;
        String checkpoints = run.path(RunLayout.checkpointDir(trialIndex(), fold.index()));
        String tensorboard = run.path(RunLayout.tensorboardDir(trialIndex(), fold.index()));
        return new FoldTrainer(trial.model, trainSettings, hadoop, coresPerUnit)
                .train(data, seed, checkpoints, tensorboard, (record, improved, model) -> {
                    LOG.info(String.format(
                            Locale.ROOT,
                            "%s epoch %d/%d: train loss %.4f, val UA %.1f%% WA %.1f%% WF1 %.1f%%, %.1f s%s",
                            label(),
                            record.epoch,
                            trainSettings.epochs,
                            record.trainLoss,
                            100 * record.valUa,
                            100 * record.valWa,
                            100 * record.valWf1,
                            record.seconds,
                            improved ? " *" : ""));
                    if (record.epoch == failAfterEpoch) {
                        throw new IllegalStateException("mcsan.run.fail-after-epoch = " + failAfterEpoch + ": "
                                + label() + " stops here on purpose");
                    }
                });
    }

    /**
     * The failure {@code e} records when the unit's configuration caused it (its cause chain holds an out-of-memory
     * error or a {@link ConfigurationFailure}, also inside a BigDL layer: {@link Bigdl#causes}), else null: anything
     * else may not repeat on another attempt.
     */
    static UnitFailure configurationFailure(int trial, int fold, Throwable e) {
        for (Throwable t : Bigdl.causes(e)) {
            if (t instanceof ConfigurationFailure) {
                return new UnitFailure(trial, fold, ((ConfigurationFailure) t).kind, t.getMessage());
            }
            if (t instanceof OutOfMemoryError) {
                return new UnitFailure(
                        trial,
                        fold,
                        UnitFailure.OUT_OF_MEMORY,
                        "out of memory (" + t.getMessage() + ") with a heap of "
                                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; "
                                + TrainSettings.OUT_OF_MEMORY_ADVICE);
            }
        }
        return null;
    }

    /** The failure file; the checkpoints go, since the unit will not resume from them. */
    private void recordFailure(Directory run, UnitFailure failure) {
        run.write(RunLayout.failureFile(trialIndex(), fold.index()), failure.toJson(executor()));
        run.delete(RunLayout.checkpointDir(trialIndex(), fold.index()));
    }

    /**
     * The unit writes where the driver expects only if its paths name their file system and are absolute (TrainJob
     * qualifies them on the driver): an executor resolves a relative path in its own working directory.
     */
    static void checkQualified(String unit, String... paths) {
        for (String path : paths) {
            Path p = new Path(path);
            if (p.toUri().getScheme() == null || !p.isAbsolute()) {
                throw new IllegalStateException(unit + ": " + path + " is not an absolute path with a file system;"
                        + " an executor would resolve it in its own working directory");
            }
        }
    }

    /** Where this unit is committed: which executor (a JVM of its own on a cluster), host and task attempt. */
    private static Map<String, Object> executor() {
        Map<String, Object> where = new LinkedHashMap<>();
        SparkEnv env = SparkEnv.get();
        where.put("id", env == null ? "none" : env.executorId());
        try {
            where.put("host", InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            where.put("host", "unknown");
        }
        where.put("process", ManagementFactory.getRuntimeMXBean().getName());
        TaskContext task = TaskContext.get();
        where.put("task_attempt", task == null ? 0 : task.attemptNumber());
        return where;
    }

    private String role(FeatureRow r) {
        return fold.roleOf(new UtteranceInfo(r.utteranceId, r.speaker, r.session, r.split));
    }

    private void commit(Configuration hadoop, Directory run, FoldResult result, TrainSettings trainSettings)
            throws IOException {
        String predictions = RunLayout.predictionsPartition(trialIndex(), fold.index());
        String predictionsTmp = run.temporaryPath(predictions);
        List<Prediction> rows = new ArrayList<>();
        for (Scored s : result.validation) {
            rows.add(new Prediction(s.id, Fold.VAL, s.label, s.predicted, s.probabilities));
        }
        for (Scored s : result.test) {
            rows.add(new Prediction(s.id, Fold.TEST, s.label, s.predicted, s.probabilities));
        }
        PredictionTable.write(hadoop, new Path(predictionsTmp, "part-00000.snappy.parquet"), rows);

        String unit = RunLayout.unitDir(trialIndex(), fold.index());
        String unitTmp = run.temporaryPath(unit);
        Directory unitFiles = Directory.create(hadoop, unitTmp);
        result.unit.save(unitFiles);
        unitFiles.write(
                RunLayout.HISTORY,
                UnitHistory.toJson(
                        trialIndex(),
                        fold.index(),
                        fold.name(),
                        trainSettings.selectionMetric,
                        result.selectedEpoch,
                        result.history,
                        executor()));

        // Spark may run a second attempt of a unit while the first is still alive (an executor it lost contact
        // with, a resubmitted driver); both train the same model, and the first to finish keeps its outputs.
        if (run.exists(unit)) {
            LOG.warn("{}: another attempt committed this unit first; this attempt's outputs are discarded", label());
            run.deleteQuietly(predictionsTmp);
            run.deleteQuietly(unitTmp);
            run.delete(RunLayout.checkpointDir(trialIndex(), fold.index())); // this attempt may have written some again
            return;
        }
        run.commitDirectory(predictionsTmp, predictions);
        run.commitDirectory(unitTmp, unit); // the unit is complete from here on
        run.delete(RunLayout.checkpointDir(trialIndex(), fold.index()));
    }
}
