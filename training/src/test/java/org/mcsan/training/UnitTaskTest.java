package org.mcsan.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
