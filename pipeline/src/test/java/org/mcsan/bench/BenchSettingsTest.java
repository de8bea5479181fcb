package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import java.io.File;
import java.util.Arrays;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mcsan.pipeline.config.InvalidConfigException;
import org.mcsan.pipeline.config.Settings;

class BenchSettingsTest {
    private static BenchSettings load(String... overrides) {
        return BenchSettings.from(
                Settings.load(Collections.<File>emptyList(), Arrays.asList(overrides), new Properties())
                        .mcsan()
                        .getConfig("bench"));
    }

    @Test
    void zeroThreadsMeansEveryProcessor() {
        assertEquals(
                Runtime.getRuntime().availableProcessors(),
                load("mcsan.bench.threads=0").threads());
        assertEquals(3, load("mcsan.bench.threads=3").threads());
    }

    @Test
    void readsSizesAndTargets() {
        BenchSettings s =
                load("mcsan.bench.gemm.sizes=[\"2x3x4\", \"5x6x7\"]", "mcsan.bench.targets.mfcc-realtime-factor=10");
        assertEquals(2, s.gemmSizes().size());
        assertEquals(7, s.gemmSizes().get(1).n());
        assertEquals(10, s.mfccRealtimeTarget(), 0);
    }

    @Test
    void quickOnlyShrinks() {
        BenchSettings s = load(
                        "mcsan.bench.warmup=5",
                        "mcsan.bench.repetitions=2",
                        "mcsan.bench.mfcc.utterances=50",
                        "mcsan.bench.mfcc.min-seconds=4",
                        "mcsan.bench.mfcc.max-seconds=9")
                .quick();
        assertEquals(1, s.protocol().warmup());
        assertEquals(2, s.protocol().repetitions()); // already below the cap of 3
        assertEquals(8, s.mfccUtterances());
        assertEquals(3.0, s.mfccMaxSeconds(), 0);
        assertEquals(3.0, s.mfccMinSeconds(), 0); // pulled down to stay <= max
        assertEquals(0.02, s.gemmMinRunSeconds(), 0);
    }

    @Test
    void readsThePartsSectionsAndTheirTargets() {
        BenchSettings s = load(
                "mcsan.bench.threads=3",
                "mcsan.bench.training.realistic-mean-frames=300",
                "mcsan.bench.training.realistic-length-variation=0.5",
                "mcsan.bench.targets.scaling-efficiency-percent=80");
        assertEquals(3, s.scaling().folds()); // 0 stands for the bench's threads
        assertEquals(4, load("mcsan.bench.scaling.folds=4").scaling().folds());
        assertEquals(300, s.training().realistic().meanFrames());
        assertEquals(0.5, s.training().realistic().variation(), 0);
        assertTrue(s.training().longInputs().equalLengths());
        assertEquals(256, s.training().batchSize());
        assertEquals(50, s.features().utterancesPerSpeaker());
        assertEquals(80, s.targets().scalingEfficiencyPercent, 0);
        assertEquals(1000, s.targets().featuresRealtimeFactor, 0);
        assertEquals(138, s.targets().trainingRealisticSamplesPerSecond, 0);
        assertEquals(84, s.targets().trainingLongSamplesPerSecond, 0);
        assertEquals(3072, s.targets().trainingUnitHeapMib, 0);
        UnitHeap.Settings search =
                load("mcsan.bench.training.unit-heap.step-mib=128").training().unitHeap();
        assertTrue(search.enabled);
        assertEquals(128, search.stepMib);
        assertEquals(12288, search.maxMib);
        assertEquals(2, search.passes);
        assertEquals(0.1, search.maxGcShare, 0);
    }

    @Test
    void quickShrinksThePartsWorkloads() {
        BenchSettings s = load("mcsan.bench.features.min-seconds=5").quick();
        assertEquals(2, s.features().utterancesPerSpeaker());
        assertEquals(3.0, s.features().maxSeconds(), 0);
        assertEquals(3.0, s.features().minSeconds(), 0);
        assertEquals(8, s.training().batchSize());
        assertEquals(2, s.training().batchesPerRun());
        assertEquals(450, s.training().realistic().meanFrames()); // lengths stay
        assertTrue(s.training().unitHeap().enabled); // the unit-heap search runs on the smaller workloads
        assertEquals(16, s.scaling().trainUtterances());
        assertEquals(8, s.scaling().evalUtterances());
        assertEquals(1, s.scaling().epochs());
    }

    @Test
    void readsTheSchedulingSweepAndQuickKeepsItsFolds() {
        BenchSettings s = load(
                "mcsan.bench.scheduling.trials=7",
                "mcsan.bench.scheduling.folds=4",
                "mcsan.bench.targets.scheduling-seconds-per-unit=0.5");
        assertEquals(7, s.scheduling().trials());
        assertEquals(4, s.scheduling().folds());
        assertEquals(28, s.scheduling().units());
        assertEquals(0.5, s.targets().schedulingSecondsPerUnit, 0);
        assertEquals(3, s.quick().scheduling().trials());
        assertEquals(4, s.quick().scheduling().folds());
        assertEquals(
                2, load("mcsan.bench.scheduling.trials=2").quick().scheduling().trials());
        // speaker-kfold needs at least 3 folds; the validator says so before the part starts Spark
        RuntimeException e = assertThrows(InvalidConfigException.class, () -> load("mcsan.bench.scheduling.folds=2"));
        assertTrue(e.getMessage().contains("mcsan.bench.scheduling.folds"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> load("mcsan.bench.scheduling.trials=0"));
        assertTrue(e.getMessage().contains("mcsan.bench.scheduling.trials"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> load("mcsan.bench.targets.scheduling-seconds-per-unit=0"));
        assertTrue(e.getMessage().contains("scheduling-seconds-per-unit"), e.getMessage());
    }

    @Test
    void inconsistentOrMalformedValuesNameTheKey() {
        RuntimeException e = assertThrows(
                ConfigException.class, () -> load("mcsan.bench.mfcc.min-seconds=5", "mcsan.bench.mfcc.max-seconds=2"));
        assertTrue(e.getMessage().contains("mcsan.bench.mfcc.max-seconds"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("mcsan.bench.gemm.sizes=[\"256x128\"]"));
        assertTrue(
                e.getMessage().contains("mcsan.bench.gemm.sizes")
                        && e.getMessage().contains("'256x128'"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> load("mcsan.bench.gemm.sizes=[]"));
        assertTrue(e.getMessage().contains("mcsan.bench.gemm.sizes"), e.getMessage());
        e = assertThrows(
                ConfigException.class,
                () -> load("mcsan.bench.features.min-seconds=5", "mcsan.bench.features.max-seconds=2"));
        assertTrue(e.getMessage().contains("mcsan.bench.features.max-seconds"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> load("mcsan.bench.repetitions=0"));
        assertTrue(e.getMessage().contains("mcsan.bench.repetitions"), e.getMessage());
    }
}
