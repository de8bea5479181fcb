package org.mcsan.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcsan.contracts.run.Trial;

/** mcsan.sweep expanded into trials: grid and random sampling, repeats, validation naming the key. */
class SweepTest {

    private static Settings with(String... sets) {
        return Settings.load(Collections.<File>emptyList(), Arrays.asList(sets), new Properties());
    }

    private static List<Trial> expand(String... sets) {
        return Trials.fromSettings(with(sets));
    }

    private static final String GRID_SPACE = "mcsan.sweep.space={ \"mcsan.model.dropout\" { choice = [0.1, 0.3] },"
            + " \"mcsan.train.batch-size\" { choice = [16, 32, 64] } }";

    @Test
    void aGridIsTheCartesianProductOfTheChoicesTimesTheSeeds() {
        List<Trial> trials = expand(GRID_SPACE, "mcsan.sweep.repeats=2", "mcsan.train.seed=40");
        assertEquals(2 * 3 * 2, trials.size());
        Set<String> combinations = new HashSet<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            assertEquals(i, t.index());
            int configuration = i / 2;
            int repeat = i % 2 + 1;
            assertEquals(String.format("s%03d", configuration), t.configuration());
            assertEquals(String.format("s%03d-r%d", configuration, repeat), t.name());
            assertEquals(40 + repeat - 1, ((Number) t.overrides().get("mcsan.train.seed")).intValue());
            Map<String, Object> o = t.overrides();
            combinations.add(o.get("mcsan.model.dropout") + "/" + o.get("mcsan.train.batch-size") + "/" + repeat);
            // the trial's settings carry the sampled values
            Settings s = Trials.settings(t, with(GRID_SPACE, "mcsan.sweep.repeats=2", "mcsan.train.seed=40"));
            assertEquals(
                    ((Number) o.get("mcsan.model.dropout")).doubleValue(),
                    s.mcsan().getDouble("model.dropout"));
            assertEquals(40 + repeat - 1, s.mcsan().getInt("train.seed"));
        }
        assertEquals(12, combinations.size()); // every (dropout, batch size, seed) once
        // the seeds of one configuration share its sampled values
        assertEquals(
                trials.get(0).overrides().get("mcsan.model.dropout"),
                trials.get(1).overrides().get("mcsan.model.dropout"));
        assertEquals(
                trials.get(0).overrides().get("mcsan.train.batch-size"),
                trials.get(1).overrides().get("mcsan.train.batch-size"));
    }

    @Test
    void nestedSpaceKeysNameTheSamePathAsQuotedOnes() {
        List<Trial> nested = expand("mcsan.sweep.space={ mcsan { model { dropout { choice = [0.1, 0.3] } } } }");
        List<Trial> quoted = expand("mcsan.sweep.space={ \"mcsan.model.dropout\" { choice = [0.1, 0.3] } }");
        assertEquals(overrides(quoted), overrides(nested));
        assertEquals(2, nested.size());
    }

    private static final String RANDOM =
            "mcsan.sweep.space={ \"mcsan.train.learning-rate\" { log-uniform = [1e-4, 1e-2] },"
                    + " \"mcsan.model.dropout\" { uniform = [0.0, 0.5] }, \"mcsan.train.epochs\" { int-uniform = [2, 5] },"
                    + " \"mcsan.model.variant\" { choice = [full, audio] } }";

    private static List<Map<String, Object>> overrides(List<Trial> trials) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Trial t : trials) out.add(t.overrides());
        return out;
    }

    @Test
    void randomSamplingIsDeterministicForASeedAndStaysInsideTheSpace() {
        List<Trial> a = expand(RANDOM, "mcsan.sweep.method=random", "mcsan.sweep.trials=40", "mcsan.sweep.seed=5");
        List<Trial> b = expand(RANDOM, "mcsan.sweep.method=random", "mcsan.sweep.trials=40", "mcsan.sweep.seed=5");
        List<Trial> c = expand(RANDOM, "mcsan.sweep.method=random", "mcsan.sweep.trials=40", "mcsan.sweep.seed=6");
        assertEquals(40, a.size());
        assertEquals(overrides(a), overrides(b));
        assertNotEquals(overrides(a), overrides(c));
        Set<Object> epochs = new HashSet<>();
        Set<Object> learningRates = new HashSet<>();
        for (Trial t : a) {
            double lr = ((Number) t.overrides().get("mcsan.train.learning-rate")).doubleValue();
            double dropout = ((Number) t.overrides().get("mcsan.model.dropout")).doubleValue();
            Object e = t.overrides().get("mcsan.train.epochs");
            assertTrue(lr >= 1e-4 && lr < 1e-2, t.overridesText());
            assertTrue(dropout >= 0 && dropout < 0.5, t.overridesText());
            assertTrue(e instanceof Integer && (Integer) e >= 2 && (Integer) e <= 5, t.overridesText());
            epochs.add(e);
            learningRates.add(Math.floor(Math.log10(lr)));
        }
        assertEquals(new HashSet<Object>(Arrays.asList(2, 3, 4, 5)), epochs); // both bounds included
        assertEquals(new HashSet<Object>(Arrays.asList(-4.0, -3.0)), learningRates); // both decades drawn
    }

    @Test
    void raisingTheNumberOfRandomTrialsKeepsTheFirstOnes() {
        List<Trial> few = expand(RANDOM, "mcsan.sweep.method=random", "mcsan.sweep.trials=3", "mcsan.sweep.repeats=2");
        List<Trial> more = expand(RANDOM, "mcsan.sweep.method=random", "mcsan.sweep.trials=7", "mcsan.sweep.repeats=2");
        assertEquals(6, few.size());
        assertEquals(14, more.size());
        for (int i = 0; i < few.size(); i++) {
            assertEquals(few.get(i).name(), more.get(i).name());
            assertEquals(few.get(i).index(), more.get(i).index());
            assertEquals(few.get(i).overrides(), more.get(i).overrides());
        }
    }

    private static InvalidConfigException refused(String... sets) {
        return assertThrows(InvalidConfigException.class, () -> expand(sets));
    }

    @Test
    void anInvalidSpaceIsRefusedNamingTheKey() {
        // a bound outside the key's @range [0, 1), though most draws would be valid
        InvalidConfigException range = refused(
                "mcsan.sweep.method=random", "mcsan.sweep.space={ \"mcsan.model.dropout\" { uniform = [0.0, 1.0] } }");
        assertTrue(
                range.getMessage().contains("mcsan.sweep.space.\"mcsan.model.dropout\"")
                        && range.getMessage().contains("[0, 1)"),
                range.getMessage());
        // a choice outside @oneOf
        InvalidConfigException oneOf =
                refused("mcsan.sweep.space={ \"mcsan.model.variant\" { choice = [full, bimodal] } }");
        assertTrue(
                oneOf.getMessage().contains("mcsan.model.variant")
                        && oneOf.getMessage().contains("bimodal"),
                oneOf.getMessage());
        // a value of the wrong type for the key (an int key)
        InvalidConfigException type = refused("mcsan.sweep.space={ \"mcsan.train.epochs\" { choice = [3, 4.5] } }");
        assertTrue(type.getMessage().contains("mcsan.train.epochs"), type.getMessage());
        // a key that does not exist
        InvalidConfigException unknown = refused("mcsan.sweep.space={ \"mcsan.model.droput\" { choice = [0.1] } }");
        assertTrue(
                unknown.getMessage().contains("mcsan.model.droput")
                        && unknown.getMessage().contains("did you mean mcsan.model.dropout"),
                unknown.getMessage());
        // grid sweeps choices only
        InvalidConfigException grid =
                refused("mcsan.sweep.space={ \"mcsan.train.learning-rate\" { log-uniform = [1e-4, 1e-2] } }");
        assertTrue(
                grid.getMessage().contains("mcsan.sweep.space.\"mcsan.train.learning-rate\"")
                        && grid.getMessage().contains("grid"),
                grid.getMessage());
        // distributions and their bounds
        InvalidConfigException distribution = refused(
                "mcsan.sweep.method=random", "mcsan.sweep.space={ \"mcsan.model.dropout\" { normal = [0.1, 0.2] } }");
        assertTrue(
                distribution.getMessage().contains("\"mcsan.model.dropout\"")
                        && distribution.getMessage().contains("unknown distribution 'normal'"),
                distribution.getMessage());
        InvalidConfigException log = refused(
                "mcsan.sweep.method=random",
                "mcsan.sweep.space={ \"mcsan.train.learning-rate\" { log-uniform = [0, 1e-2] } }");
        assertTrue(
                log.getMessage().contains("\"mcsan.train.learning-rate\"")
                        && log.getMessage().contains("lo > 0"),
                log.getMessage());
        InvalidConfigException order = refused(
                "mcsan.sweep.method=random", "mcsan.sweep.space={ \"mcsan.model.dropout\" { uniform = [0.3, 0.1] } }");
        assertTrue(order.getMessage().contains("lo < hi"), order.getMessage());
        // sweep keys themselves are not swept
        InvalidConfigException self = refused("mcsan.sweep.space={ \"mcsan.sweep.seed\" { choice = [1, 2] } }");
        assertTrue(self.getMessage().contains("\"mcsan.sweep.seed\""), self.getMessage());
        InvalidConfigException seed = refused("mcsan.sweep.space={ \"mcsan.train.seed\" { choice = [1, 2] } }");
        assertTrue(
                seed.getMessage().contains("\"mcsan.train.seed\"")
                        && seed.getMessage().contains("mcsan.sweep.repeats"),
                seed.getMessage());
        // the method itself
        InvalidConfigException method = refused(GRID_SPACE, "mcsan.sweep.method=bayes");
        assertTrue(method.getMessage().contains("mcsan.sweep.method"), method.getMessage());
    }

    @Test
    void aSweepAndATrialListCannotBeCombined() {
        InvalidConfigException e = refused(GRID_SPACE, "mcsan.trials=[{ name = a }]");
        assertTrue(
                e.getMessage().contains("mcsan.sweep")
                        && e.getMessage().contains("mcsan.trials")
                        && e.getMessage().contains("cannot be combined"),
                e.getMessage());
    }

    @Test
    void withoutASpaceThereIsNoSweep() {
        List<Trial> trials = expand("mcsan.sweep.method=random", "mcsan.sweep.trials=5");
        assertEquals(1, trials.size());
        assertEquals("default", trials.get(0).name());
    }
}
