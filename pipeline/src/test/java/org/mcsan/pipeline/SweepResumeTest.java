package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.pipeline.config.Settings;

/** Rerunning a sweep in its run directory: the same or a longer random sweep resumes; anything else is refused. */
class SweepResumeTest {

    @TempDir
    Path dir;

    private static final String SPACE =
            "mcsan.sweep.space={ \"mcsan.train.learning-rate\" { log-uniform = [1e-4, 1e-2] } }";

    private static Settings sweep(String... more) {
        List<String> sets = new ArrayList<>(Arrays.asList(SPACE, "mcsan.sweep.method=random", "mcsan.sweep.trials=4"));
        sets.addAll(Arrays.asList(more));
        return Settings.load(Collections.<File>emptyList(), sets, new Properties());
    }

    private Directory run() {
        return Directory.create(new Configuration(), dir.resolve("run").toString());
    }

    private IllegalStateException refused(Settings settings) {
        return assertThrows(IllegalStateException.class, () -> Stages.recordConfiguration(run(), settings));
    }

    @Test
    void theSameSweepAndMoreRandomTrialsResume() {
        Stages.recordConfiguration(run(), sweep());
        Stages.recordConfiguration(run(), sweep());
        Stages.recordConfiguration(run(), sweep("mcsan.sweep.trials=9"));
    }

    @Test
    void aChangedSpaceOrBaseOrFewerTrialsIsRefusedNamingTheKey() {
        Stages.recordConfiguration(run(), sweep("mcsan.sweep.trials=6"));
        IllegalStateException space = refused(sweep(
                "mcsan.sweep.trials=6",
                "mcsan.sweep.space={ \"mcsan.train.learning-rate\" { log-uniform = [1e-5, 1e-2] } }"));
        assertTrue(
                space.getMessage().contains("mcsan.sweep.space.\"mcsan.train.learning-rate\".log-uniform"),
                space.getMessage());
        IllegalStateException base = refused(sweep("mcsan.sweep.trials=6", "mcsan.model.dropout=0.2"));
        assertTrue(base.getMessage().contains("mcsan.model.dropout"), base.getMessage());
        IllegalStateException seed = refused(sweep("mcsan.sweep.trials=6", "mcsan.sweep.seed=2"));
        assertTrue(seed.getMessage().contains("mcsan.sweep.seed"), seed.getMessage());
        IllegalStateException repeats = refused(sweep("mcsan.sweep.trials=6", "mcsan.sweep.repeats=2"));
        assertTrue(repeats.getMessage().contains("mcsan.sweep.repeats"), repeats.getMessage());
        // fewer trials would orphan trained units that trials.json no longer lists
        IllegalStateException fewer = refused(sweep("mcsan.sweep.trials=5"));
        assertTrue(fewer.getMessage().contains("mcsan.sweep.trials"), fewer.getMessage());
    }

    /** Writes config.conf as an earlier version recorded it: with {@code before}'s keys only. */
    private void recordAsBefore(Config before) {
        run().write(
                        RunLayout.CONFIG,
                        ConfigFactory.empty()
                                .withValue(Settings.NAMESPACE, before.root())
                                .root()
                                .render(ConfigRenderOptions.concise()));
    }

    @Test
    void aRunRecordedBeforeSweepsExistedResumes() {
        Settings plain = Settings.defaults();
        Config before = plain.mcsan().withoutPath("sweep");
        recordAsBefore(before);
        Stages.recordConfiguration(run(), plain);
    }

    @Test
    void aSweepRecordedBeforeHalvingAndFaultsExistedResumesAtTheirDefaults() {
        Settings sweep = sweep();
        Config before = sweep.mcsan().withoutPath("sweep.halving").withoutPath("train.fault");
        recordAsBefore(before);
        Stages.recordConfiguration(run(), sweep);
        // the new settings at other values than their defaults would change the run
        recordAsBefore(before);
        IllegalStateException halving = refused(sweep("mcsan.sweep.halving.enabled=true"));
        assertTrue(halving.getMessage().contains("mcsan.sweep.halving.enabled"), halving.getMessage());
    }

    @Test
    void aRunWithoutASweepStillResumes() {
        Settings plain = Settings.defaults();
        Stages.recordConfiguration(run(), plain);
        Stages.recordConfiguration(run(), plain);
        IllegalStateException now = refused(sweep());
        assertTrue(now.getMessage().contains("mcsan.sweep.space"), now.getMessage());
    }
}
