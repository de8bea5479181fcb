package org.mcsan.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of the {@code mcsan.bench} section. */
public final class BenchSettings {
    private final int warmup;
    private final int repetitions;
    private final int threads;
    private final String out;
    private final int mfccUtterances;
    private final double mfccMinSeconds;
    private final double mfccMaxSeconds;
    private final long mfccSeed;
    private final List<GemmShape> gemmSizes;
    private final double gemmMinRunSeconds;
    private final FeatureBenchSettings features;
    private final TrainingBenchSettings training;
    private final ScalingBenchSettings scaling;
    private final SchedulingBenchSettings scheduling;
    private final Targets targets;

    private BenchSettings(
            int warmup,
            int repetitions,
            int threads,
            String out,
            int mfccUtterances,
            double mfccMinSeconds,
            double mfccMaxSeconds,
            long mfccSeed,
            List<GemmShape> gemmSizes,
            double gemmMinRunSeconds,
            FeatureBenchSettings features,
            TrainingBenchSettings training,
            ScalingBenchSettings scaling,
            SchedulingBenchSettings scheduling,
            Targets targets) {
        this.warmup = warmup;
        this.repetitions = repetitions;
        this.threads = threads;
        this.out = out;
        this.mfccUtterances = mfccUtterances;
        this.mfccMinSeconds = mfccMinSeconds;
        this.mfccMaxSeconds = mfccMaxSeconds;
        this.mfccSeed = mfccSeed;
        this.gemmSizes = Collections.unmodifiableList(new ArrayList<>(gemmSizes));
        this.gemmMinRunSeconds = gemmMinRunSeconds;
        this.features = features;
        this.training = training;
        this.scaling = scaling;
        this.scheduling = scheduling;
        this.targets = targets;
    }

    /** The thresholds of {@code mcsan.bench.targets}. */
    static final class Targets {
        final double mfccRealtimeFactor;
        final double featuresRealtimeFactor;
        final double trainingRealisticSamplesPerSecond;
        final double trainingLongSamplesPerSecond;
        final double trainingUnitHeapMib;
        final double scalingEfficiencyPercent;
        final double schedulingSecondsPerUnit;

        private Targets(Config section) {
            mfccRealtimeFactor = section.getDouble("mfcc-realtime-factor");
            featuresRealtimeFactor = section.getDouble("features-realtime-factor");
            trainingRealisticSamplesPerSecond = section.getDouble("training-realistic-samples-per-second");
            trainingLongSamplesPerSecond = section.getDouble("training-long-samples-per-second");
            trainingUnitHeapMib = section.getDouble("training-unit-heap-mib");
            scalingEfficiencyPercent = section.getDouble("scaling-efficiency-percent");
            schedulingSecondsPerUnit = section.getDouble("scheduling-seconds-per-unit");
        }
    }

    /**
     * Reads the {@code mcsan.bench} section (types and ranges are already checked by the validator).
     *
     * @throws ConfigException naming the key, for constraints between keys and malformed sizes
     */
    public static BenchSettings from(Config section) {
        double minSeconds = section.getDouble("mfcc.min-seconds");
        double maxSeconds = section.getDouble("mfcc.max-seconds");
        if (maxSeconds < minSeconds) {
            throw new ConfigException.BadValue(
                    "mcsan.bench.mfcc.max-seconds",
                    "expected at least " + "mcsan.bench.mfcc.min-seconds (" + minSeconds + "), got " + maxSeconds);
        }
        List<GemmShape> sizes = new ArrayList<>();
        for (String size : section.getStringList("gemm.sizes")) {
            try {
                sizes.add(GemmShape.parse(size));
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue("mcsan.bench.gemm.sizes", e.getMessage());
            }
        }
        if (sizes.isEmpty()) {
            throw new ConfigException.BadValue("mcsan.bench.gemm.sizes", "expected at least one size, got []");
        }
        int threads = section.getInt("threads");
        int effectiveThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new BenchSettings(
                section.getInt("warmup"),
                section.getInt("repetitions"),
                effectiveThreads,
                section.getString("out"),
                section.getInt("mfcc.utterances"),
                minSeconds,
                maxSeconds,
                section.getLong("mfcc.seed"),
                sizes,
                section.getDouble("gemm.min-run-seconds"),
                FeatureBenchSettings.from(section.getConfig("features")),
                TrainingBenchSettings.from(section.getConfig("training")),
                ScalingBenchSettings.from(section.getConfig("scaling"), effectiveThreads),
                SchedulingBenchSettings.from(section.getConfig("scheduling")),
                new Targets(section.getConfig("targets")));
    }

    /**
     * A smoke-test variant (--quick): at most 1 warm-up, 3 repetitions, 8 utterances of at most 3 s, 20 ms GEMM
     * runs, a corpus of 20 short utterances, training batches of 8, tiny folds of 1 epoch and a sweep of at most 3
     * trials. Its numbers only show
     * that every part works; they are too noisy and too small to compare with targets.
     */
    public BenchSettings quick() {
        double maxSeconds = Math.min(mfccMaxSeconds, 3.0);
        return new BenchSettings(
                Math.min(warmup, 1),
                Math.min(repetitions, 3),
                threads,
                out,
                Math.min(mfccUtterances, 8),
                Math.min(mfccMinSeconds, maxSeconds),
                maxSeconds,
                mfccSeed,
                gemmSizes,
                Math.min(gemmMinRunSeconds, 0.02),
                features.quick(),
                training.quick(),
                scaling.quick(),
                scheduling.quick(),
                targets);
    }

    /** The effective values (after --quick), for the report. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("warmup", warmup);
        map.put("repetitions", repetitions);
        map.put("threads", threads);
        Map<String, Object> mfcc = new LinkedHashMap<>();
        mfcc.put("utterances", mfccUtterances);
        mfcc.put("min_seconds", mfccMinSeconds);
        mfcc.put("max_seconds", mfccMaxSeconds);
        mfcc.put("seed", mfccSeed);
        map.put("mfcc", mfcc);
        Map<String, Object> gemm = new LinkedHashMap<>();
        List<String> sizes = new ArrayList<>();
        for (GemmShape shape : gemmSizes) {
            sizes.add(shape.toString());
        }
        gemm.put("sizes", sizes);
        gemm.put("min_run_seconds", gemmMinRunSeconds);
        map.put("gemm", gemm);
        map.put("features", features.toMap());
        map.put("training", training.toMap());
        map.put("scaling", scaling.toMap());
        map.put("scheduling", scheduling.toMap());
        return map;
    }

    public Protocol protocol() {
        return new Protocol(warmup, repetitions);
    }

    /** Threads of the "all cores" measurements (the configured 0 already replaced by the processor count). */
    public int threads() {
        return threads;
    }

    /** Default path of the JSON report. */
    public String out() {
        return out;
    }

    public int mfccUtterances() {
        return mfccUtterances;
    }

    public double mfccMinSeconds() {
        return mfccMinSeconds;
    }

    public double mfccMaxSeconds() {
        return mfccMaxSeconds;
    }

    public long mfccSeed() {
        return mfccSeed;
    }

    public List<GemmShape> gemmSizes() {
        return gemmSizes;
    }

    public double gemmMinRunSeconds() {
        return gemmMinRunSeconds;
    }

    /** Target of MFCC on all cores, in seconds of audio per second. */
    public double mfccRealtimeTarget() {
        return targets.mfccRealtimeFactor;
    }

    Targets targets() {
        return targets;
    }

    FeatureBenchSettings features() {
        return features;
    }

    TrainingBenchSettings training() {
        return training;
    }

    ScalingBenchSettings scaling() {
        return scaling;
    }

    SchedulingBenchSettings scheduling() {
        return scheduling;
    }
}
