package org.mcsan.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.UtteranceInfo;

class FoldPlannerTest {
    private static final List<String> CLASSES = Arrays.asList("neu", "hap", "ang", "sad");

    /** IEMOCAP-shaped: 5 sessions × speakers F and M, a varying number of utterances each. */
    static List<UtteranceInfo> iemocap() {
        List<UtteranceInfo> out = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            for (String g : new String[] {"F", "M"}) {
                String session = "Ses0" + s;
                for (int i = 0; i < 10 + s; i++) {
                    out.add(new UtteranceInfo(
                            session + "F_impro01_" + g + String.format("%03d", i), session + g, session, null));
                }
            }
        }
        return out;
    }

    @Test
    void speakerFoldsAreEightOneOneAndTestEveryUtteranceOnce() {
        List<UtteranceInfo> data = iemocap();
        FoldPlan plan = FoldPlanner.plan("iemocap", CLASSES, data, "auto", 10, 1);
        assertEquals("speaker", plan.strategy());
        assertEquals(10, plan.folds().size());
        Map<String, Integer> tested = new HashMap<>();
        for (Fold f : plan.folds()) {
            assertEquals(8, f.train().size(), f.name());
            assertEquals(1, f.val().size(), f.name());
            assertEquals(1, f.test().size(), f.name());
            String test = f.test().get(0);
            String val = f.val().get(0);
            assertEquals(test.substring(0, 5), val.substring(0, 5), "validation speaker is from the test session");
            Set<String> roles = new HashSet<>(f.train());
            roles.add(val);
            roles.add(test);
            assertEquals(10, roles.size(), "roles are disjoint and cover all speakers");
            for (UtteranceInfo u : data) {
                if ("test".equals(f.roleOf(u))) {
                    tested.merge(u.id, 1, Integer::sum);
                }
            }
        }
        assertEquals(data.size(), tested.size(), "every utterance is tested");
        assertTrue(tested.values().stream().allMatch(n -> n == 1), "exactly once");
    }

    @Test
    void leaveOneSessionOut() {
        FoldPlan plan = FoldPlanner.plan("iemocap", CLASSES, iemocap(), "session", 10, 1);
        assertEquals(5, plan.folds().size());
        for (Fold f : plan.folds()) {
            assertEquals(6, f.train().size());
            assertEquals(2, f.val().size());
            assertEquals(2, f.test().size());
            assertTrue(Collections.disjoint(f.train(), f.test()) && Collections.disjoint(f.val(), f.test()));
        }
    }

    @Test
    void predefinedSplitIsOneFold() {
        List<UtteranceInfo> data = new ArrayList<>();
        String[] splits = {"train", "dev", "test"};
        for (int i = 0; i < 30; i++) {
            // MELD speakers recur across splits: the split, not the speaker, decides the role.
            data.add(new UtteranceInfo(splits[i % 3] + "_dia" + i + "_utt0", "Joey", "dia" + i, splits[i % 3]));
        }
        FoldPlan plan = FoldPlanner.plan("meld", CLASSES, data, "auto", 10, 1);
        assertEquals("split", plan.strategy());
        assertEquals(1, plan.folds().size());
        Fold f = plan.folds().get(0);
        assertEquals("test", f.roleOf(data.get(2)));
        assertEquals("val", f.roleOf(data.get(1)));
    }

    @Test
    void speakerKFoldWithoutSessions() {
        List<UtteranceInfo> data = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            data.add(new UtteranceInfo("u" + i, "spk" + (i % 7), null, null));
        }
        FoldPlan plan = FoldPlanner.plan("manifest", CLASSES, data, "auto", 3, 42);
        assertEquals("speaker-kfold", plan.strategy());
        assertEquals(3, plan.folds().size());
        Set<String> testedSpeakers = new HashSet<>();
        for (Fold f : plan.folds()) {
            testedSpeakers.addAll(f.test());
            assertEquals(7, f.train().size() + f.val().size() + f.test().size());
        }
        assertEquals(7, testedSpeakers.size(), "every speaker tested once");
        assertEquals(
                plan.folds().get(0).test(),
                FoldPlanner.plan("manifest", CLASSES, data, "auto", 3, 42)
                        .folds()
                        .get(0)
                        .test(),
                "deterministic for a seed");
    }

    @Test
    void leakageIsDetected() {
        List<UtteranceInfo> data = iemocap();
        Fold leaky = new Fold(
                0,
                "bad",
                "speaker",
                Arrays.asList("Ses02F", "Ses01F"),
                Collections.singletonList("Ses01M"),
                Collections.singletonList("Ses01F"));
        FoldPlan plan = new FoldPlan("iemocap", "speaker", CLASSES, Collections.singletonList(leaky));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> plan.checkNoLeakage(data));
        assertTrue(e.getMessage().contains("[Ses01F] has more than one role"), e.getMessage());
    }

    @Test
    void sameUtteranceInTwoSplitsIsLeakage() {
        List<UtteranceInfo> data = new ArrayList<>(Arrays.asList(
                new UtteranceInfo("dia1_utt1", "Joey", "dia1", "train"),
                new UtteranceInfo("dia1_utt1", "Joey", "dia1", "test"),
                new UtteranceInfo("dia2_utt1", "Ross", "dia2", "dev")));
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> FoldPlanner.plan("meld", CLASSES, data, "split", 10, 1));
        assertTrue(e.getMessage().contains("utterance dia1_utt1 is in both train and test"), e.getMessage());
    }

    @Test
    void unusableStrategiesExplainWhy() {
        List<UtteranceInfo> oneSpeakerSession = new ArrayList<>(iemocap());
        oneSpeakerSession.add(new UtteranceInfo("x", "Ses06F", "Ses06", null));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> FoldPlanner.plan("iemocap", CLASSES, oneSpeakerSession, "speaker", 10, 1));
        assertTrue(e.getMessage().contains("session Ses06 has only speaker [Ses06F]"), e.getMessage());
        assertEquals("speaker-kfold", FoldPlanner.autoStrategy(oneSpeakerSession));
    }
}
