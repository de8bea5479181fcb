package org.mcsan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.intel.analytics.bigdl.utils.Engine;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SchedulingBenchTest {
    /** Spark and BigDL's Engine as the application starts them, for a local master. */
    private static SparkSession start(Config mcsan) {
        SparkConf conf = new SparkConf()
                .setMaster(mcsan.getString("spark.master"))
                .setAppName("scheduling-bench-test")
                .set("spark.ui.enabled", "false")
                .set("spark.task.cpus", String.valueOf(mcsan.getInt("run.cores-per-unit")));
        SparkSession spark =
                SparkSession.builder().config(Engine.createSparkConf(conf)).getOrCreate();
        Engine.init();
        return spark;
    }

    @Test
    void aSmallSweepReportsItsUnitsAndTheirCost() throws Exception {
        Config mcsan = ConfigFactory.parseString("bench.threads = 2, bench.scheduling { trials = 2, folds = 3 }")
                .withFallback(ConfigFactory.defaultReference().getConfig("mcsan"))
                .resolve();
        BenchSettings settings = BenchSettings.from(mcsan.getConfig("bench"));
        PartReport report = new PartReport("scheduling", "test");
        new SchedulingBench().run(new BenchContext(settings, mcsan, SchedulingBenchTest::start), report);

        assertNull(report.error());
        int trials = settings.scheduling().trials();
        int folds = settings.scheduling().folds();
        assertEquals(trials * folds, report.info().get("units"));
        Map<String, Measurement> byId = new HashMap<>();
        for (Measurement m : report.measurements()) {
            byId.put(m.id(), m);
            System.out.println(m.id() + " " + m.stats().median()); // in the test's output file, for a look
        }
        for (String id : new String[] {
            "scheduling.seconds-per-unit",
            "scheduling.train-seconds-per-unit",
            "scheduling.unit-seconds",
            "scheduling.epoch-seconds",
            "scheduling.overhead-per-unit",
            "scheduling.evaluate-seconds-per-unit",
            "scheduling.driver-peak-heap",
            "scheduling.run-dir-files-per-unit",
            "scheduling.run-dir-bytes-per-unit"
        }) {
            assertNotNull(byId.get(id), id + " in " + byId.keySet());
            assertTrue(byId.get(id).stats().median() > 0, id);
            assertEquals(trials * folds, byId.get(id).details().get("units"), id);
        }
        // What the driver retains may be anything (a collection can free more than the sweep added), but it is
        // measured.
        assertNotNull(byId.get("scheduling.driver-retained-heap"));
        assertTrue(report.info().containsKey("seconds_per_unit_second_half"));
        Measurement perUnit = byId.get("scheduling.seconds-per-unit");
        assertNotNull(perUnit.target());
        assertEquals(
                settings.targets().schedulingSecondsPerUnit, perUnit.target().threshold(), 0);
        // The stages' wall per unit covers at least the time inside the units spread over the slots.
        double inside = byId.get("scheduling.unit-seconds").stats().median();
        double slots = ((Number) report.info().get("slots")).doubleValue();
        assertTrue(byId.get("scheduling.train-seconds-per-unit").stats().median() >= inside / slots);
    }
}
