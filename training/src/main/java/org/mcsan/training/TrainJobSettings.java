package org.mcsan.training;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Settings of the training job: {@code mcsan.run}, {@code mcsan.folds}, and the trials with their settings. */
public final class TrainJobSettings {
    /** The run directory (any Hadoop path). */
    public final String runDir;
    /** The feature dataset directory (with features/ and manifest.json). */
    public final String dataset;

    public final String foldStrategy;
    public final int foldK;
    /** Fold indices to train; empty means all. */
    public final List<Integer> onlyFolds;
    /** Seeds the fold plan (speaker-kfold's shuffle): the base configuration's {@code mcsan.train.seed}. */
    public final long planSeed;

    public final int coresPerUnit;
    /** Fault injection: units fail right after this epoch; 0 never. */
    public final int failAfterEpoch;
    /** Epochs per unit of the base configuration, for the progress estimate. */
    public final int epochsPerUnit;

    public final List<TrialSettings> trials;
    /** {@code mcsan.sweep.halving}. */
    public final Halving halving;

    /** Fold-wise successive halving ({@code mcsan.sweep.halving}; see {@link SuccessiveHalving}). */
    public static final class Halving {
        public final boolean enabled;
        public final int minFolds;
        public final int eta;

        Halving(Config section) {
            enabled = section.getBoolean("enabled");
            minFolds = section.getInt("min-folds");
            eta = section.getInt("eta");
        }
    }

    private TrainJobSettings(Config mcsan, List<TrialSettings> trials) {
        this.dataset = datasetOf(mcsan);
        if (dataset.isEmpty()) {
            throw new ConfigException.BadValue(
                    "mcsan.run.features", "no feature dataset: set mcsan.run.features (or mcsan.features.output)");
        }
        this.runDir = mcsan.getString("run.dir");
        this.foldStrategy = mcsan.getString("folds.strategy");
        this.foldK = mcsan.getInt("folds.k");
        this.onlyFolds = Collections.unmodifiableList(new ArrayList<>(mcsan.getIntList("folds.only")));
        this.planSeed = mcsan.getLong("train.seed");
        this.coresPerUnit = mcsan.getInt("run.cores-per-unit");
        this.failAfterEpoch = mcsan.getInt("run.fail-after-epoch");
        this.epochsPerUnit = mcsan.getInt("train.epochs");
        this.halving = new Halving(mcsan.getConfig("sweep.halving"));
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("a training job needs at least one trial");
        }
        this.trials = Collections.unmodifiableList(new ArrayList<>(trials));
    }

    /** The feature dataset a run trains on: mcsan.run.features, else mcsan.features.output ("" when neither). */
    public static String datasetOf(Config mcsan) {
        String explicit = mcsan.getString("run.features");
        return explicit.isEmpty() ? mcsan.getString("features.output") : explicit;
    }

    /** Reads {@code mcsan.run}, {@code mcsan.folds} (and the base seed) of {@code mcsan}; the trials as given. */
    public static TrainJobSettings from(Config mcsan, List<TrialSettings> trials) {
        return new TrainJobSettings(mcsan, trials);
    }
}
