package org.mcsan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The heap a training unit needs: the smallest maximum heap (-Xmx, a multiple of a step) in which a fresh JVM
 * trains a {@link TrainingWorkload} for a few passes without running out of memory and with the garbage collector's
 * pauses taking at most a given share of the time. Each candidate heap is tried in a JVM of its own (this JVM's class
 * path and options, another -Xmx), since the heap of a JVM cannot shrink; the candidates are searched by bisection,
 * assuming that a heap that suffices is followed by larger ones that do.
 *
 * <p>{@link #main} is the probe that runs in that JVM.
 */
final class UnitHeap {
    /** The probe's exit code when it ran out of memory. */
    static final int OUT_OF_MEMORY = 3;

    private static final String RESULT_PREFIX = "unit-heap-probe ";
    private static final double MIB = 1024.0 * 1024.0;

    /** The search's settings ({@code mcsan.bench.training.unit-heap}). */
    static final class Settings {
        final boolean enabled;
        final int stepMib;
        final int maxMib;
        final int passes;
        final double maxGcShare;

        Settings(boolean enabled, int stepMib, int maxMib, int passes, double maxGcShare) {
            this.enabled = enabled;
            this.stepMib = stepMib;
            this.maxMib = maxMib;
            this.passes = passes;
            this.maxGcShare = maxGcShare;
        }

        static Settings from(Config section) {
            return new Settings(
                    section.getBoolean("enabled"),
                    section.getInt("step-mib"),
                    section.getInt("max-mib"),
                    section.getInt("passes"),
                    section.getDouble("max-gc-share"));
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("enabled", enabled);
            map.put("step_mib", stepMib);
            map.put("max_mib", maxMib);
            map.put("passes", passes);
            map.put("max_gc_share", maxGcShare);
            return map;
        }
    }

    /** One candidate heap tried. */
    static final class Probe {
        final int heapMib;
        /** "ok", "out of memory", "gc share 0.23", "timed out after 300 s" or the probe's error. */
        final String outcome;

        final boolean sufficient;
        final double seconds;
        final double gcShare;

        Probe(int heapMib, String outcome, boolean sufficient, double seconds, double gcShare) {
            this.heapMib = heapMib;
            this.outcome = outcome;
            this.sufficient = sufficient;
            this.seconds = seconds;
            this.gcShare = gcShare;
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("heap_mib", heapMib);
            map.put("outcome", outcome);
            map.put("seconds", seconds);
            map.put("gc_share", Double.isNaN(gcShare) ? null : gcShare);
            return map;
        }
    }

    /** The search's result: the smallest sufficient heap (-1 if none up to the maximum) and every probe. */
    static final class Result {
        final int heapMib;
        final List<Probe> probes;

        Result(int heapMib, List<Probe> probes) {
            this.heapMib = heapMib;
            this.probes = probes;
        }
    }

    private UnitHeap() {}

    /**
     * Searches the smallest sufficient heap for a workload of {@code part}'s batches.
     *
     * @param lowerMib a heap known to be too small or the smallest worth trying (e.g. what the network retains)
     * @param guessMib the first heap to try (e.g. the peak heap the workload reached in this JVM)
     * @param timeoutSeconds a probe still running after this long counts as insufficient (a heap so tight that the
     *     collector runs all the time)
     */
    static Result search(
            Config mcsan,
            TrainingBenchSettings part,
            String workload,
            boolean bucketing,
            int threads,
            int lowerMib,
            int guessMib,
            double timeoutSeconds)
            throws IOException, InterruptedException {
        UnitHeap.Settings settings = part.unitHeap();
        int step = settings.stepMib;
        int max = Math.max(step, settings.maxMib / step * step);
        int lo = Math.max(0, lowerMib / step * step); // largest heap known (or assumed) to be too small
        int hi = Math.min(max, Math.max(lo + step, (guessMib + step - 1) / step * step));
        List<Probe> probes = new ArrayList<>();
        Path config = Files.createTempFile("mcsan-unit-heap", ".conf");
        try {
            Files.write(
                    config,
                    // The batches the bench measured (--quick makes them smaller than configured).
                    mcsan.withValue("bench.training.batch-size", ConfigValueFactory.fromAnyRef(part.batchSize()))
                            .withValue(
                                    "bench.training.batches-per-run",
                                    ConfigValueFactory.fromAnyRef(part.batchesPerRun()))
                            .atPath("mcsan")
                            .root()
                            .render(ConfigRenderOptions.concise().setJson(false))
                            .getBytes(StandardCharsets.UTF_8));
            // Grow the guess until it suffices ...
            while (true) {
                Probe p = probe(config, workload, bucketing, threads, hi, settings, timeoutSeconds);
                probes.add(p);
                if (p.sufficient) {
                    break;
                }
                lo = hi;
                if (hi >= max) {
                    return new Result(-1, probes);
                }
                hi = Math.min(max, 2 * hi);
            }
            // ... then bisect between the largest insufficient heap and the smallest sufficient one.
            while (hi - lo > step) {
                int mid = (lo + hi) / 2 / step * step;
                Probe p = probe(config, workload, bucketing, threads, mid, settings, timeoutSeconds);
                probes.add(p);
                if (p.sufficient) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return new Result(hi, probes);
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private static Probe probe(
            Path config,
            String workload,
            boolean bucketing,
            int threads,
            int heapMib,
            Settings settings,
            double timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heapMib + "m");
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-Xmx")
                    && !option.startsWith("-Xms")
                    && !option.startsWith("-XX:MaxHeapSize")
                    && !option.startsWith("-agentlib")
                    && !option.startsWith("-javaagent")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UnitHeap.class.getName());
        command.add(config.toString());
        command.add(workload);
        command.add(String.valueOf(bucketing));
        command.add(String.valueOf(threads));
        command.add(String.valueOf(settings.passes));
        File output = File.createTempFile("mcsan-unit-heap", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output)
                    .start();
            long start = System.nanoTime();
            if (!process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Probe(
                        heapMib,
                        String.format(Locale.ROOT, "timed out after %.0f s", timeoutSeconds),
                        false,
                        (System.nanoTime() - start) / 1e9,
                        Double.NaN);
            }
            List<String> lines = Files.readAllLines(output.toPath(), StandardCharsets.UTF_8);
            if (process.exitValue() == OUT_OF_MEMORY) {
                return new Probe(heapMib, "out of memory", false, (System.nanoTime() - start) / 1e9, Double.NaN);
            }
            for (String line : lines) {
                if (line.startsWith(RESULT_PREFIX) && process.exitValue() == 0) {
                    JsonNode result = new ObjectMapper().readTree(line.substring(RESULT_PREFIX.length()));
                    double gcShare = result.get("gc_share").asDouble();
                    boolean sufficient = gcShare <= settings.maxGcShare;
                    return new Probe(
                            heapMib,
                            sufficient ? "ok" : String.format(Locale.ROOT, "gc share %.2f", gcShare),
                            sufficient,
                            result.get("seconds").asDouble(),
                            gcShare);
                }
            }
            throw new IllegalStateException("the unit-heap probe with -Xmx" + heapMib + "m exited with code "
                    + process.exitValue() + " without a result; its output ended with: "
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    /**
     * The probe: {@code <config file> <realistic|long> <bucketing> <threads> <passes>}. Trains the workload for the
     * passes and prints one line: the prefix, then JSON with the wall seconds and the collectors' share of them.
     * Exits with {@link #OUT_OF_MEMORY} when the heap does not hold the training.
     */
    public static void main(String[] args) {
        try {
            Config mcsan = ConfigFactory.parseFile(new File(args[0])).resolve().getConfig("mcsan");
            TrainingBenchSettings part = TrainingBenchSettings.from(mcsan.getConfig("bench.training"));
            LengthDistribution lengths = args[1].equals("long") ? part.longInputs() : part.realistic();
            int threads = Integer.parseInt(args[3]);
            int passes = Integer.parseInt(args[4]);
            BigDlLocal.initEngine(threads);
            TrainingWorkload workload =
                    new TrainingWorkload(mcsan, part, lengths, Boolean.parseBoolean(args[2]), threads);
            long gcBefore = gcMillis();
            long start = System.nanoTime();
            for (int i = 0; i < passes; i++) {
                workload.pass();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double gcShare = (gcMillis() - gcBefore) / 1000.0 / seconds;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("seconds", seconds);
            result.put("gc_share", gcShare);
            result.put("max_heap_mib", Runtime.getRuntime().maxMemory() / MIB);
            System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
            System.exit(0);
        } catch (Throwable e) {
            if (TrainingWorkload.causedByOutOfMemory(e)) {
                System.out.println("out of memory: " + e);
                System.exit(OUT_OF_MEMORY);
            }
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Time the collectors have reported (pauses; with G1, young and mixed/full collections). */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
