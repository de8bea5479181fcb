package org.mcsan.bench;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of the fold-parallel scaling part ({@code mcsan.bench.scaling}). */
final class ScalingBenchSettings {
    private final int folds;
    private final int trainUtterances;
    private final int evalUtterances;
    private final int epochs;
    private final int batchSize;

    private ScalingBenchSettings(int folds, int trainUtterances, int evalUtterances, int epochs, int batchSize) {
        this.folds = folds;
        this.trainUtterances = trainUtterances;
        this.evalUtterances = evalUtterances;
        this.epochs = epochs;
        this.batchSize = batchSize;
    }

    /** @param threads the bench's thread count, which {@code folds = 0} stands for */
    static ScalingBenchSettings from(Config section, int threads) {
        int folds = section.getInt("folds");
        return new ScalingBenchSettings(
                folds == 0 ? threads : folds,
                section.getInt("train-utterances"),
                section.getInt("eval-utterances"),
                section.getInt("epochs"),
                section.getInt("batch-size"));
    }

    /** Folds of at most 16 training and 8 evaluation examples, 1 epoch, batches of at most 8. */
    ScalingBenchSettings quick() {
        return new ScalingBenchSettings(
                folds, Math.min(trainUtterances, 16), Math.min(evalUtterances, 8), 1, Math.min(batchSize, 8));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("folds", folds);
        map.put("train_utterances", trainUtterances);
        map.put("eval_utterances", evalUtterances);
        map.put("epochs", epochs);
        map.put("batch_size", batchSize);
        return map;
    }

    /** Folds run at once (the configured 0 already replaced by the bench's thread count). */
    int folds() {
        return folds;
    }

    int trainUtterances() {
        return trainUtterances;
    }

    int evalUtterances() {
        return evalUtterances;
    }

    int epochs() {
        return epochs;
    }

    int batchSize() {
        return batchSize;
    }
}
