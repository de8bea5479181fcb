package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineInfoTest {
    @Test
    void readsTheFirstProcessorOfProcCpuinfo(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        String text = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"
                + "flags\t\t: fpu sse sse4_2 avx fma avx2 bmi2\n\n"
                + "processor\t: 1\nvendor_id\t: Other\nmodel name\t: Not this one\nflags\t\t: avx512f\n";
        Files.write(cpuinfo, text.getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> info = MachineInfo.cpuInfo(cpuinfo);
        assertEquals("AMD EPYC 7B13", info.get("cpu_model"));
        assertEquals("AuthenticAMD", info.get("cpu_vendor"));
        assertEquals(Arrays.asList("sse4_2", "avx", "avx2", "fma"), info.get("cpu_simd"));
    }

    @Test
    void noCpuinfoGivesNoCpuFields(@TempDir Path dir) {
        assertTrue(MachineInfo.cpuInfo(dir.resolve("missing")).isEmpty());
    }

    @Test
    void describesTheJvm() {
        Map<String, Object> info = MachineInfo.collect();
        assertEquals(Runtime.getRuntime().availableProcessors(), info.get("cores"));
        assertEquals(Runtime.getRuntime().maxMemory(), info.get("max_heap_bytes"));
        assertEquals(System.getProperty("java.version"), info.get("java_version"));
        assertTrue(((String) info.get("date")).matches("\\d{4}-\\d\\d-\\d\\dT.*"), (String) info.get("date"));
    }
}
