package org.mcsan.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mcsan.contracts.run.Trial;

class TrialsTest {
    private static Settings with(String trials) {
        return Settings.load(
                Collections.<File>emptyList(), Collections.singletonList("mcsan.trials=" + trials), new Properties());
    }

    @Test
    void noTrialsMeansOneDefaultTrial() {
        List<Trial> trials = Trials.fromSettings(Settings.defaults());
        assertEquals(1, trials.size());
        assertEquals("default", trials.get(0).name());
        assertTrue(trials.get(0).overrides().isEmpty());
    }

    @Test
    void overridesApplyOnTopOfTheBase() {
        List<Trial> trials = Trials.fromSettings(with(
                "[{ name = a, set { \"mcsan.model.variant\" = audio, \"mcsan.train.epochs\" = 3 } }, { name = b }]"));
        assertEquals(2, trials.size());
        Settings a = Trials.settings(trials.get(0), Settings.defaults());
        assertEquals("audio", a.mcsan().getString("model.variant"));
        assertEquals(3, a.mcsan().getInt("train.epochs"));
        assertEquals(
                "full",
                Trials.settings(trials.get(1), Settings.defaults()).mcsan().getString("model.variant"));
    }

    @Test
    void invalidTrialsAreRefusedWithTheTrialNamed() {
        InvalidConfigException typo = assertThrows(
                InvalidConfigException.class,
                () -> Trials.fromSettings(with("[{ name = a, set { \"mcsan.model.varaint\" = audio } }]")));
        assertTrue(
                typo.getMessage().contains("in trial 'a'")
                        && typo.getMessage().contains("did you mean mcsan.model.variant"),
                typo.getMessage());
        InvalidConfigException range = assertThrows(
                InvalidConfigException.class,
                () -> Trials.fromSettings(with("[{ name = a, set { \"mcsan.model.variant\" = bimodal } }]")));
        assertTrue(range.getMessage().contains("expected one of full, audio, text, cross, self"), range.getMessage());
        assertThrows(InvalidConfigException.class, () -> Trials.fromSettings(with("[{ name = a }, { name = a }]")));
        assertThrows(InvalidConfigException.class, () -> Trials.fromSettings(with("[{ set { } }]")));
        assertThrows(InvalidConfigException.class, () -> Trials.fromSettings(with("[{ name = a, sett { } }]")));
    }
}
