package org.mcsan.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.BuildInfo;

/** The machine and JVM a benchmark ran on, for the JSON report. */
final class MachineInfo {
    /** CPU features that decide which BLAS and FFT kernels can run. */
    private static final List<String> SIMD_FLAGS = Arrays.asList("sse4_2", "avx", "avx2", "fma", "avx512f");

    private MachineInfo() {}

    static Map<String, Object> collect() {
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("date", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        info.put("mcsan_version", BuildInfo.version());
        info.put("cores", runtime.availableProcessors());
        info.put("max_heap_bytes", runtime.maxMemory());
        info.put("java_version", System.getProperty("java.version"));
        info.put("java_vendor", System.getProperty("java.vendor"));
        info.put("java_vm", System.getProperty("java.vm.name"));
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        info.put("arch", System.getProperty("os.arch"));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // Other processes compete for the cores: the load at the start tells how much the numbers can be trusted.
        info.put("load_average_1min", load < 0 ? null : load);
        info.putAll(cpuInfo(Paths.get("/proc/cpuinfo")));
        return info;
    }

    /** Model, vendor and SIMD flags of the first processor in a Linux /proc/cpuinfo; empty where absent. */
    static Map<String, Object> cpuInfo(Path cpuinfo) {
        Map<String, Object> info = new LinkedHashMap<>();
        if (!Files.isReadable(cpuinfo)) {
            return info;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(cpuinfo, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return info;
        }
        for (String line : lines) {
            if (line.trim().isEmpty()) {
                break; // end of the first processor's block
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name")) {
                info.put("cpu_model", value);
            } else if (key.equals("vendor_id")) {
                info.put("cpu_vendor", value);
            } else if (key.equals("flags")) {
                List<String> present = Arrays.asList(value.split("\\s+"));
                List<String> simd = new ArrayList<>();
                for (String flag : SIMD_FLAGS) {
                    if (present.contains(flag)) {
                        simd.add(flag);
                    }
                }
                info.put("cpu_simd", simd);
            }
        }
        return info;
    }
}
