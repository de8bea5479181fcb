package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitHistory;

/** Parsing of folds.json, trials.json and history.json, and their error messages. */
class RunSpecsTest {

    @Test
    void parsesFoldPlan() {
        FoldPlan plan = FoldPlan.parse(
                "{\"corpus\":\"iemocap\",\"classes\":[\"neu\",\"hap\",\"ang\",\"sad\"],"
                        + "\"folds\":[{\"fold\":1,\"name\":\"Ses01M\",\"train\":[\"Ses02F\"],\"val\":[\"Ses01F\"],\"test\":[\"Ses01M\"]},"
                        + "{\"fold\":0,\"name\":\"Ses01F\",\"train\":[\"Ses02F\",\"Ses02M\"],\"val\":[\"Ses01M\"],\"test\":[\"Ses01F\"]}]}",
                "folds.json");
        assertEquals("iemocap", plan.corpus());
        assertEquals(Arrays.asList("neu", "hap", "ang", "sad"), plan.classes());
        assertEquals(0, plan.folds().get(0).index()); // sorted by fold index
        assertEquals(Arrays.asList("Ses02F", "Ses02M"), plan.fold(0).train());
        assertEquals(Arrays.asList("Ses01M"), plan.fold(1).test());
    }

    @Test
    void foldPlanErrorsNameFileAndField() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> FoldPlan.parse(
                        "{\"corpus\":\"x\",\"classes\":[\"a\"],\"folds\":[{\"fold\":0,\"train\":[],\"val\":[],\"test\":[]},"
                                + "{\"fold\":1,\"train\":[],\"val\":[]}]}",
                        "run/folds.json"));
        assertEquals("run/folds.json folds[1] has no field 'test'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FoldPlan.parse("{\"corpus\":", "run/folds.json"));
        assertTrue(e.getMessage().startsWith("run/folds.json is not valid JSON"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> FoldPlan.parse(
                        "{\"corpus\":\"x\",\"classes\":[\"a\",\"a\"],\"folds\":[{\"fold\":0,\"train\":[],\"val\":[],\"test\":[]}]}",
                        "f"));
        assertTrue(e.getMessage().contains("repeats a class"), e.getMessage());
    }

    @Test
    void parsesTrials() {
        List<Trial> trials = Trial.parseList(
                "[{\"trial\":1,\"name\":\"audio\",\"overrides\":"
                        + "{\"mcsan.model.variant\":\"audio\",\"mcsan.model.heads\":4}},{\"trial\":0,\"name\":\"full\"}]",
                "t");
        assertEquals(0, trials.get(0).index());
        assertEquals("(none)", trials.get(0).overridesText());
        assertEquals(
                "mcsan.model.variant=audio; mcsan.model.heads=4", trials.get(1).overridesText());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Trial.parseList("[{\"trial\":0},{\"trial\":0}]", "trials.json"));
        assertEquals("trials.json[1]: trial 0 appears twice", e.getMessage());
    }

    @Test
    void aTrialRecordsTheConfigurationItRepeatsAndATrialOfItsOwnRecordsNone() {
        Trial seed = new Trial(3, "s001-r2", "s001", java.util.Collections.singletonMap("mcsan.train.seed", 43));
        Trial own = new Trial(0, "full", java.util.Collections.<String, Object>emptyMap());
        String json = Trial.toJson(Arrays.asList(own, seed));
        assertTrue(json.contains("\"configuration\" : \"s001\""), json);
        assertEquals(1, json.split("\"configuration\"", -1).length - 1, json); // trials.json as before sweeps
        List<Trial> back = Trial.parseList(json, "trials.json");
        assertEquals("full", back.get(0).configuration());
        assertEquals("s001", back.get(1).configuration());
        assertEquals("s001-r2", back.get(1).name());
    }

    @Test
    void parsesHistory() {
        UnitHistory h = Fixtures.history(2, 3, 3);
        assertEquals(2, h.trial());
        assertEquals(3, h.fold());
        assertEquals("ua", h.selectionMetric());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, h.epochs());
        assertArrayEquals(new double[] {0.38, 0.50, 0.57, 0.55, 0.54}, h.selectionValues(), 0.0);
        assertEquals(0.57, h.selectedValue(), 0.0);
        assertEquals(1.30, h.trainLoss()[0], 0.0);
    }

    @Test
    void historyErrorsNameTheFile() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> UnitHistory.parse(
                        "{\"trial\":0,\"fold\":0,\"selection_metric\":\"wf1\",\"selected_epoch\":1,"
                                + "\"epochs\":[{\"epoch\":1,\"train_loss\":1.0,\"val_ua\":0.5}]}",
                        "h.json"));
        assertEquals(
                "h.json epochs[0] has no 'val_wf1' for selection metric 'wf1'; it has [epoch, train_loss, val_ua]",
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> UnitHistory.parse(
                        "{\"trial\":0,\"fold\":0,\"selection_metric\":\"ua\",\"selected_epoch\":7,"
                                + "\"epochs\":[{\"epoch\":1,\"train_loss\":1.0,\"val_ua\":0.5}]}",
                        "h.json"));
        assertEquals("h.json: selected_epoch 7 is not among the epochs", e.getMessage());
    }
}
