package org.mcsan.bench;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of the training-step part ({@code mcsan.bench.training}). */
final class TrainingBenchSettings {
    private final int batchSize;
    private final int batchesPerRun;
    private final long seed;
    private final LengthDistribution realistic;
    private final LengthDistribution longInputs;
    private final UnitHeap.Settings unitHeap;

    private TrainingBenchSettings(
            int batchSize,
            int batchesPerRun,
            long seed,
            LengthDistribution realistic,
            LengthDistribution longInputs,
            UnitHeap.Settings unitHeap) {
        this.batchSize = batchSize;
        this.batchesPerRun = batchesPerRun;
        this.seed = seed;
        this.realistic = realistic;
        this.longInputs = longInputs;
        this.unitHeap = unitHeap;
    }

    static TrainingBenchSettings from(Config section) {
        return new TrainingBenchSettings(
                section.getInt("batch-size"),
                section.getInt("batches-per-run"),
                section.getLong("seed"),
                realistic(section),
                new LengthDistribution(section.getInt("long-frames"), section.getInt("long-words"), 0),
                UnitHeap.Settings.from(section.getConfig("unit-heap")));
    }

    /** The realistic workload's lengths; the scaling part trains on them too. */
    static LengthDistribution realistic(Config section) {
        return new LengthDistribution(
                section.getInt("realistic-mean-frames"),
                section.getInt("realistic-mean-words"),
                section.getDouble("realistic-length-variation"));
    }

    /** Batches of at most 8 examples, at most 2 per run; the lengths stay. */
    TrainingBenchSettings quick() {
        return new TrainingBenchSettings(
                Math.min(batchSize, 8), Math.min(batchesPerRun, 2), seed, realistic, longInputs, unitHeap);
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("batch_size", batchSize);
        map.put("batches_per_run", batchesPerRun);
        map.put("seed", seed);
        map.put("realistic", realistic.toMap());
        map.put("long", longInputs.toMap());
        map.put("unit_heap", unitHeap.toMap());
        return map;
    }

    int batchSize() {
        return batchSize;
    }

    int batchesPerRun() {
        return batchesPerRun;
    }

    long seed() {
        return seed;
    }

    /** Workload (a). */
    LengthDistribution realistic() {
        return realistic;
    }

    /** How the bench finds the heap a training unit needs. */
    UnitHeap.Settings unitHeap() {
        return unitHeap;
    }

    /** Workload (b). */
    LengthDistribution longInputs() {
        return longInputs;
    }
}
