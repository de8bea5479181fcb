package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.mcsan.contracts.metrics.Metric;

class EvaluationSettingsTest {

    @Test
    void referenceDefaults() {
        EvaluationSettings s = EvaluationSettings.from(ConfigFactory.load().getConfig("mcsan.evaluation"));
        assertEquals("test", s.split());
        assertEquals(800, s.plotWidth());
        assertEquals(600, s.plotHeight());
        // auto: weighted F1 for a one-fold run (MELD), UA for cross-validation
        assertEquals(Metric.WEIGHTED_F1, s.headlineMetric(1));
        assertEquals(Metric.UA, s.headlineMetric(10));
    }

    @Test
    void runConfigurationOverridesDefaults() {
        EvaluationSettings s = EvaluationSettings.ofRun(
                "mcsan.evaluation { split = val, headline-metric = macro-f1, plot-width = 1024 }", "config.conf");
        assertEquals("val", s.split());
        assertEquals(Metric.MACRO_F1, s.headlineMetric(10));
        assertEquals(1024, s.plotWidth());
        assertEquals(600, s.plotHeight());
    }

    @Test
    void invalidValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EvaluationSettings.ofRun("mcsan.evaluation.split = train", "config.conf"));
        assertTrue(e.getMessage().contains("mcsan.evaluation.split must be val or test"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> EvaluationSettings.ofRun("mcsan.evaluation.headline-metric = accuracy", "config.conf"));
        assertTrue(e.getMessage().contains("mcsan.evaluation.headline-metric"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> EvaluationSettings.ofRun("mcsan.evaluation.plot-width = 10", "config.conf"));
        assertTrue(e.getMessage().contains("plot-width must be in [320, 4000]"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> EvaluationSettings.ofRun("mcsan.evaluation.plot-height = tall", "run/config.conf"));
        assertTrue(
                e.getMessage().contains("invalid configuration in run/config.conf")
                        && e.getMessage().contains("plot-height"),
                e.getMessage());
    }
}
