package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    private static BenchReport sample() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", 2);
        BenchReport report = new BenchReport(machine, Collections.<String, Object>singletonMap("warmup", 1));
        PartReport fast = new PartReport("fast", "a part that measured");
        fast.info("size", 3);
        Map<String, Object> details = Collections.<String, Object>singletonMap("threads", 2);
        fast.add(new Measurement(
                "fast.a",
                "thing A",
                "x real time",
                new Protocol.Rates(Stats.of(1200, 1000, 1100), 1.5, 800.0),
                Target.atLeast(1500),
                details));
        fast.add(new Measurement(
                "fast.b", "thing B with a longer label", "GFLOP/s", Stats.of(35.5, 36.25), null, details));
        fast.finish(1.5, null);
        report.add(fast);
        PartReport broken = new PartReport("broken", "a part that failed");
        broken.finish(0.1, "no native library");
        report.add(broken);
        return report;
    }

    @Test
    void tableAlignsColumnsAndFlagsMissesAndErrors() {
        String[] lines = sample().table().split("\n");
        assertTrue(lines[0].startsWith("part") && lines[0].contains("median") && lines[0].contains("result"), lines[0]);
        assertTrue(lines[1].matches("-+"), lines[1]);
        assertTrue(
                lines[2].contains("thing A")
                        && lines[2].contains("1100")
                        && lines[2].contains("1000 - 1200")
                        && lines[2].contains(" 1.50 ")
                        && lines[2].contains(">= 1500")
                        && lines[2].endsWith("FAIL"),
                lines[2]);
        assertTrue(lines[3].contains("thing B") && lines[3].contains("35.88") && lines[3].endsWith("-"), lines[3]);
        // the median column is right-aligned: both medians end at the same position
        assertEquals(lines[2].indexOf("1100") + 4, lines[3].indexOf("35.88") + 5);
        assertTrue(lines[4].startsWith("fast: {size=3}"), lines[4]);
        assertEquals("broken: ERROR no native library", lines[5]);
    }

    @Test
    void verdictsAndErrorsAreSummarised() {
        BenchReport report = sample();
        assertTrue(report.anyError());
        assertTrue(report.anyTargetMissed());
    }

    @Test
    void jsonHoldsEveryPartAndMeasurement(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/bench.json");
        sample().writeJson(file);
        assertFalse(Files.exists(dir.resolve("sub/bench.json.tmp")));
        JsonNode root = new ObjectMapper().readTree(new File(file.toString()));
        assertEquals(2, root.path("machine").path("cores").asInt());
        assertEquals(1, root.path("settings").path("warmup").asInt());
        JsonNode fast = root.path("parts").get(0);
        assertEquals("fast", fast.path("name").asText());
        assertTrue(fast.path("error").isNull());
        assertEquals(3, fast.path("info").path("size").asInt());
        JsonNode a = fast.path("measurements").get(0);
        assertEquals("fast.a", a.path("id").asText());
        assertEquals("x real time", a.path("unit").asText());
        assertEquals(1100, a.path("median").asDouble(), 0);
        assertEquals(1050, a.path("q1").asDouble(), 0);
        assertEquals(1150, a.path("q3").asDouble(), 0);
        assertEquals(1000, a.path("min").asDouble(), 0);
        assertEquals(1200, a.path("max").asDouble(), 0);
        assertEquals(3, a.path("repetitions").asInt());
        assertEquals(1.5, a.path("cpu_cores_used").asDouble(), 0);
        assertEquals(800, a.path("rate_per_cpu_second").asDouble(), 0);
        assertEquals(1200, a.path("samples").get(0).asDouble(), 0);
        assertEquals(1500, a.path("target").path("at_least").asDouble(), 0);
        assertEquals("fail", a.path("verdict").asText());
        assertEquals(2, a.path("details").path("threads").asInt());
        JsonNode b = fast.path("measurements").get(1);
        assertTrue(b.path("target").isNull());
        assertTrue(b.path("cpu_cores_used").isNull());
        assertEquals("no_target", b.path("verdict").asText());
        assertEquals(
                "no native library", root.path("parts").get(1).path("error").asText());
    }
}
