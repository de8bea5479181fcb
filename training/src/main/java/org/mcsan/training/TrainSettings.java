package org.mcsan.training;

import com.typesafe.config.Config;
import java.io.Serializable;

/** The fold trainer's settings: the {@code mcsan.train} section. */
public final class TrainSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final double learningRate;
    public final int batchSize;
    public final int evalBatchSize;
    /** Examples a network copy processes at once in a training step; 0 = the batch split over the threads. */
    public final int microBatchSize;

    public final int epochs;
    /** ua, wa, wf1, mf1 or loss. */
    public final String selectionMetric;

    public final int earlyStoppingPatience;
    public final boolean inverseFrequencyClassWeights;
    public final double gradientClipNorm;
    public final long seed;
    public final int checkpointEvery;
    /** What to change when training runs out of heap: said by a unit that does, and by the command line. */
    public static final String OUT_OF_MEMORY_ADVICE = "give it more heap (bin/mcsan: MCSAN_HEAP; on a cluster"
            + " spark.executor.memory or fewer units per executor, spark-submit's --executor-memory / --driver-memory),"
            + " or let training need less: mcsan.train.micro-batch-size (e.g. 16) bounds a training step's memory at the"
            + " same update, mcsan.train.batch-size changes the update; 'mcsan bench --only training' measures the heap"
            + " a training unit needs";

    /** Fault injection for testing failure handling: none, non-finite-loss or out-of-memory. */
    public final String fault;

    private TrainSettings(Config c) {
        learningRate = c.getDouble("learning-rate");
        batchSize = c.getInt("batch-size");
        evalBatchSize = c.getInt("eval-batch-size");
        microBatchSize = c.getInt("micro-batch-size");
        epochs = c.getInt("epochs");
        selectionMetric = c.getString("selection-metric");
        earlyStoppingPatience = c.getInt("early-stopping-patience");
        inverseFrequencyClassWeights = c.getString("class-weights").equals("inverse-frequency");
        gradientClipNorm = c.getDouble("gradient-clip-norm");
        seed = c.getLong("seed");
        checkpointEvery = c.getInt("checkpoint-every");
        fault = c.getString("fault");
    }

    public static TrainSettings from(Config trainSection) {
        return new TrainSettings(trainSection);
    }
}
