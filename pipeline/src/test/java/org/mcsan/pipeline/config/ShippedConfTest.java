package org.mcsan.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every example file in conf/ must pass validation: examples drift when keys are renamed. */
class ShippedConfTest {
    @Test
    void ablationDefinesThreeTrialsOfDifferentVariants() {
        File f = new File(new File(System.getProperty("user.dir")).getParentFile(), "conf/ablation.conf");
        java.util.List<org.mcsan.contracts.run.Trial> trials = Trials.fromSettings(
                Settings.load(Collections.singletonList(f), Collections.<String>emptyList(), new Properties()));
        assertTrue(trials.size() == 3, trials.toString());
        java.util.Set<String> variants = new java.util.HashSet<>();
        for (org.mcsan.contracts.run.Trial t : trials) {
            variants.add(Trials.settings(t, Settings.defaults()).mcsan().getString("model.variant"));
        }
        assertTrue(
                variants.equals(new java.util.HashSet<>(java.util.Arrays.asList("full", "audio", "text"))),
                variants.toString());
    }

    @Test
    void sweepExampleExpandsIntoSeededTrialsOfValidConfigurations() {
        File f = new File(new File(System.getProperty("user.dir")).getParentFile(), "conf/sweep-example.conf");
        Settings settings =
                Settings.load(Collections.singletonList(f), Collections.<String>emptyList(), new Properties());
        java.util.List<org.mcsan.contracts.run.Trial> trials = Trials.fromSettings(settings);
        int configurations = settings.mcsan().getInt("sweep.trials");
        int repeats = settings.mcsan().getInt("sweep.repeats");
        assertTrue(repeats > 1 && trials.size() == configurations * repeats, trials.size() + " trials");
        assertTrue(
                trials.get(trials.size() - 1).name().equals(String.format("s%03d-r%d", configurations - 1, repeats)),
                trials.get(trials.size() - 1).name());
        for (org.mcsan.contracts.run.Trial t : trials) {
            assertTrue(
                    t.overrides()
                            .keySet()
                            .containsAll(
                                    settings.mcsan().getObject("sweep.space").keySet()),
                    t.overridesText());
        }
    }

    @Test
    void everyConfFileValidates() {
        File conf = new File(new File(System.getProperty("user.dir")).getParentFile(), "conf");
        File[] files = conf.listFiles((d, name) -> name.endsWith(".conf"));
        assertTrue(files != null && files.length > 0, "no conf files in " + conf);
        for (File f : files) {
            Settings s = Settings.load(Collections.singletonList(f), Collections.<String>emptyList(), new Properties());
            Trials.fromSettings(s); // each trial's overrides are validated too
        }
    }
}
