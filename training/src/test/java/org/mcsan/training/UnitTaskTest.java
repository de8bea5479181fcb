package org.mcsan.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mcsan.contracts.run.UnitFailure;

class UnitTaskTest {
    @Test
    void aUnitRefusesPathsThatAnExecutorWouldResolveInItsOwnWorkingDirectory() {
        for (String path : new String[] {"runs/demo", "/runs/demo"}) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class, () -> UnitTask.checkQualified("unit", "file:/data/features", path));
            assertTrue(e.getMessage().contains(path), e.getMessage());
        }
        assertDoesNotThrow(
                () -> UnitTask.checkQualified("unit", "file:/runs/demo", "hdfs://namenode:8020/data/features"));
    }

    @Test
    void onlyFailuresCausedByTheConfigurationAreRecordedInsteadOfRetried() {
        UnitFailure oom = UnitTask.configurationFailure(3, 7, new OutOfMemoryError("Java heap space"));
        assertEquals(UnitFailure.OUT_OF_MEMORY, oom.kind());
        assertEquals(3, oom.trial());
        assertEquals(7, oom.fold());
        assertTrue(oom.reason().contains("Java heap space"), oom.reason());
        assertTrue(oom.reason().contains("mcsan.train.batch-size"), oom.reason());
        assertTrue(oom.reason().contains("spark.executor.memory"), oom.reason());
        // wrapped, as a thread pool or Spark would wrap it
        UnitFailure nan = UnitTask.configurationFailure(
                0,
                1,
                new RuntimeException(
                        "in a worker", new ConfigurationFailure(UnitFailure.NON_FINITE_LOSS, "loss is NaN")));
        assertEquals(UnitFailure.NON_FINITE_LOSS, nan.kind());
        assertEquals("loss is NaN", nan.reason());
        // inside a BigDL layer, which keeps the error in LayerException.error(), not as its cause
        UnitFailure inLayer = UnitTask.configurationFailure(
                0,
                2,
                new RuntimeException(
                        "in a worker",
                        new com.intel.analytics.bigdl.utils.LayerException(
                                "Linear", new OutOfMemoryError("Java heap space"))));
        assertEquals(UnitFailure.OUT_OF_MEMORY, inLayer.kind());
        // anything else may not happen again: Spark retries the task, which resumes from its checkpoint
        assertNull(UnitTask.configurationFailure(0, 1, new IllegalStateException("executor lost")));
        assertNull(
                UnitTask.configurationFailure(0, 1, new RuntimeException(new java.io.IOException("connection reset"))));
    }

    @Test
    void aFailureRecordRoundTripsAndRefusesUnknownKinds() {
        UnitFailure f = new UnitFailure(2, 4, UnitFailure.INVALID_CONFIGURATION, "heads must divide hidden-size");
        UnitFailure back = UnitFailure.parse(f.toJson(null), "failure.json");
        assertEquals(f.toString(), back.toString());
        assertEquals(2, back.trial());
        assertEquals(4, back.fold());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> UnitFailure.parse("{\"trial\":0,\"fold\":0,\"kind\":\"bad-luck\",\"reason\":\"?\"}", "f.json"));
        assertTrue(e.getMessage().contains("f.json") && e.getMessage().contains("bad-luck"), e.getMessage());
    }
}
