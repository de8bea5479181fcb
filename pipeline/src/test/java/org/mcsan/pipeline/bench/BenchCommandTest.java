package org.mcsan.pipeline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real parts with tiny workloads and checks the report's structure and sanity, not the timings. */
class BenchCommandTest {
  @TempDir static Path dir;
  private static JsonNode report;
  private static String console;
  private static int exitCode;

  @BeforeAll
  static void runQuickBench() throws Exception {
    File out = dir.resolve("bench.json").toFile();
    PrintStream previous = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true, "UTF-8"));
      exitCode = new CommandLine(new BenchCommand()).execute("--quick", "--out", out.toString(),
          "--set", "mcsan.bench.repetitions=2", "--set", "mcsan.bench.mfcc.utterances=4",
          "--set", "mcsan.bench.gemm.sizes=[\"96x64x80\", \"33x17x5\"]", "--set", "mcsan.bench.threads=2");
    } finally {
      System.setOut(previous);
    }
    console = new String(captured.toByteArray(), StandardCharsets.UTF_8);
    report = new ObjectMapper().readTree(out);
  }

  @Test
  void everyPartRanWithoutError() {
    assertEquals(0, exitCode, console);
    JsonNode parts = report.path("parts");
    assertEquals(BenchParts.names(), names(parts, "name"));
    for (JsonNode part : parts) {
      assertTrue(part.path("error").isNull(), part.path("error").asText());
      assertTrue(part.path("seconds").asDouble() > 0);
    }
  }

  @Test
  void describesTheMachineAndTheEffectiveSettings() {
    JsonNode machine = report.path("machine");
    assertEquals(Runtime.getRuntime().availableProcessors(), machine.path("cores").asInt());
    assertTrue(machine.path("max_heap_bytes").asLong() > 0);
    assertFalse(machine.path("java_version").asText().isEmpty());
    JsonNode settings = report.path("settings");
    assertTrue(settings.path("quick").asBoolean());
    assertEquals(1, settings.path("warmup").asInt()); // --quick caps the default of 2
    assertEquals(2, settings.path("repetitions").asInt());
    assertEquals(2, settings.path("threads").asInt());
  }

  @Test
  void everyMeasurementIsAPositiveFiniteRateWithConsistentStatistics() {
    for (JsonNode part : report.path("parts")) {
      assertTrue(part.path("measurements").size() > 0, part.path("name").asText());
      for (JsonNode m : part.path("measurements")) {
        String id = m.path("id").asText();
        double min = m.path("min").asDouble();
        double q1 = m.path("q1").asDouble();
        double median = m.path("median").asDouble();
        double q3 = m.path("q3").asDouble();
        double max = m.path("max").asDouble();
        assertTrue(min > 0 && Double.isFinite(max), id);
        assertTrue(min <= q1 && q1 <= median && median <= q3 && q3 <= max, id);
        assertEquals(2, m.path("repetitions").asInt(), id);
        assertEquals(2, m.path("samples").size(), id);
        assertFalse(m.path("unit").asText().isEmpty(), id);
        String verdict = m.path("verdict").asText();
        assertTrue(Arrays.asList("pass", "fail", "no_target").contains(verdict), id + ": " + verdict);
        assertEquals(m.path("target").isNull(), verdict.equals("no_target"), id);
        // process CPU time may tick in clock ticks (10 ms): a tiny quick run can see none
        JsonNode cores = m.path("cpu_cores_used");
        assertTrue(cores.isNumber() && cores.asDouble() >= 0, id + ": " + cores);
        JsonNode perCpu = m.path("rate_per_cpu_second");
        assertTrue(perCpu.isNull() || perCpu.asDouble() > 0, id + ": " + perCpu);
      }
    }
  }

  @Test
  void mfccReportsOneThreadAndAllCoresFromSamplesAndFromWav() {
    JsonNode mfcc = report.path("parts").get(0);
    assertEquals(Arrays.asList("mfcc.1-thread", "mfcc.all-cores", "wav-mfcc.1-thread", "wav-mfcc.all-cores"),
        names(mfcc.path("measurements"), "id"));
    JsonNode allCores = mfcc.path("measurements").get(1);
    assertEquals(1500, allCores.path("target").path("at_least").asDouble(), 0);
    assertEquals(2, allCores.path("details").path("threads").asInt());
    assertEquals("x real time", allCores.path("unit").asText());
    JsonNode info = mfcc.path("info");
    assertEquals(4, info.path("utterances").asInt());
    assertTrue(info.path("shortest_seconds").asDouble() >= 1 - 1e-4);
    assertTrue(info.path("longest_seconds").asDouble() <= 3 + 1e-4); // --quick caps 15 s at 3 s
    assertTrue(info.path("frames").asLong() > 0);
  }

  @Test
  void gemmReportsMklAndThreeModesPerSize() {
    JsonNode gemm = report.path("parts").get(1);
    assertTrue(gemm.path("info").path("mkl_loaded").asBoolean());
    assertEquals(Arrays.asList("gemm.96x64x80.1-thread", "gemm.96x64x80.mkl-all-cores",
        "gemm.96x64x80.parallel-all-cores", "gemm.33x17x5.1-thread", "gemm.33x17x5.mkl-all-cores",
        "gemm.33x17x5.parallel-all-cores"), names(gemm.path("measurements"), "id"));
    JsonNode parallel = gemm.path("measurements").get(2);
    assertEquals(2, parallel.path("details").path("concurrent_products").asInt());
    assertEquals(1, parallel.path("details").path("mkl_threads").asInt());
    double speedup = parallel.path("details").path("speedup_vs_1_thread").asDouble();
    assertEquals(speedup / 2, parallel.path("details").path("parallel_efficiency").asDouble(), 1e-12);
  }

  @Test
  void consoleShowsTheTable() {
    assertTrue(console.contains("MFCC, all cores (2 threads)"), console);
    assertTrue(console.contains(">= 1500"), console);
    assertTrue(console.contains("GFLOP/s"), console);
  }

  @Test
  void unknownPartIsAUsageErrorNamingTheParts() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("--only", "mfcc,nope", "--out", dir.resolve("unused.json").toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("unknown part 'nope'") && err.toString().contains("mfcc, gemm"),
        err.toString());
    assertFalse(dir.resolve("unused.json").toFile().exists());
  }

  private static List<String> names(JsonNode array, String field) {
    List<String> names = new ArrayList<>();
    for (JsonNode n : array) {
      names.add(n.path(field).asText());
    }
    return names;
  }
}
