package org.mcsan.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.UtteranceInfo;

/**
 * Plans speaker-independent folds: within a fold no speaker (or predefined split) is in more than one of train,
 * validation and test, which {@link FoldPlan#checkNoLeakage} checks against the data.
 *
 * <ul>
 *   <li>{@code speaker}: one fold per speaker: test on that speaker, validate on the other speaker(s) of the
 *       same session, train on everyone else (IEMOCAP: 10 folds, 8:1:1 speakers);</li>
 *   <li>{@code session}: leave one session out: test on session i, validate on the next session (cyclically),
 *       train on the rest (IEMOCAP: 5 folds, 3:1:1 sessions);</li>
 *   <li>{@code split}: the corpus' predefined train/dev/test split as a single fold (MELD; manifests with a
 *       split column);</li>
 *   <li>{@code speaker-kfold}: speakers shuffled with the seed into k groups; fold i tests group i, validates
 *       on group i+1 (cyclically) and trains on the rest (manifests without sessions or splits);</li>
 *   <li>{@code auto}: {@code split} when every utterance has a split, else {@code speaker} when every session
 *       has at least two speakers, else {@code speaker-kfold}.</li>
 * </ul>
 */
public final class FoldPlanner {
    public static final List<String> STRATEGIES =
            Collections.unmodifiableList(Arrays.asList("auto", "speaker", "session", "split", "speaker-kfold"));

    private FoldPlanner() {}

    public static FoldPlan plan(
            String corpus, List<String> classes, List<UtteranceInfo> utterances, String strategy, int k, long seed) {
        if (utterances.isEmpty()) {
            throw new IllegalArgumentException("the feature dataset has no utterances to plan folds over");
        }
        String chosen = "auto".equals(strategy) ? autoStrategy(utterances) : strategy;
        List<Fold> folds;
        switch (chosen) {
            case "speaker":
                folds = bySpeaker(utterances);
                break;
            case "session":
                folds = bySession(utterances);
                break;
            case "split":
                folds = Collections.singletonList(bySplit(utterances));
                break;
            case "speaker-kfold":
                folds = speakerKFold(utterances, k, seed);
                break;
            default:
                throw new IllegalArgumentException(
                        "unknown fold strategy '" + strategy + "'; expected one of " + STRATEGIES);
        }
        FoldPlan plan = new FoldPlan(corpus, chosen, classes, folds);
        plan.checkNoLeakage(utterances);
        return plan;
    }

    static String autoStrategy(List<UtteranceInfo> utterances) {
        boolean allSplit = true;
        for (UtteranceInfo u : utterances) {
            allSplit &= u.split != null;
        }
        if (allSplit) {
            return "split";
        }
        Map<String, TreeSet<String>> bySession = speakersBySession(utterances);
        if (bySession != null) {
            for (TreeSet<String> speakers : bySession.values()) {
                if (speakers.size() < 2) {
                    return "speaker-kfold";
                }
            }
            return "speaker";
        }
        return "speaker-kfold";
    }

    private static List<Fold> bySpeaker(List<UtteranceInfo> utterances) {
        Map<String, TreeSet<String>> bySession = speakersBySession(utterances);
        if (bySession == null) {
            throw new IllegalArgumentException("fold strategy 'speaker' needs a session for every utterance "
                    + "(the validation speaker comes from the test speaker's session); use 'speaker-kfold'");
        }
        TreeSet<String> all = allSpeakers(utterances);
        List<Fold> folds = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> session : bySession.entrySet()) {
            if (session.getValue().size() < 2) {
                throw new IllegalArgumentException(
                        "fold strategy 'speaker': session " + session.getKey() + " has only speaker "
                                + session.getValue() + "; a validation speaker from the same session is needed");
            }
            for (String testSpeaker : session.getValue()) {
                List<String> val = new ArrayList<>(session.getValue());
                val.remove(testSpeaker);
                List<String> train = new ArrayList<>(all);
                train.removeAll(session.getValue());
                folds.add(new Fold(
                        folds.size(), testSpeaker, "speaker", train, val, Collections.singletonList(testSpeaker)));
            }
        }
        return folds;
    }

    private static List<Fold> bySession(List<UtteranceInfo> utterances) {
        Map<String, TreeSet<String>> bySession = speakersBySession(utterances);
        if (bySession == null || bySession.size() < 3) {
            throw new IllegalArgumentException(
                    "fold strategy 'session' needs a session for every utterance and at " + "least 3 sessions");
        }
        List<String> sessions = new ArrayList<>(bySession.keySet());
        TreeSet<String> all = allSpeakers(utterances);
        List<Fold> folds = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            List<String> test = new ArrayList<>(bySession.get(sessions.get(i)));
            List<String> val = new ArrayList<>(bySession.get(sessions.get((i + 1) % sessions.size())));
            List<String> train = new ArrayList<>(all);
            train.removeAll(test);
            train.removeAll(val);
            folds.add(new Fold(i, sessions.get(i), "speaker", train, val, test));
        }
        return folds;
    }

    private static Fold bySplit(List<UtteranceInfo> utterances) {
        TreeSet<String> splits = new TreeSet<>();
        for (UtteranceInfo u : utterances) {
            if (u.split == null) {
                throw new IllegalArgumentException("fold strategy 'split': utterance " + u.id + " has no split");
            }
            splits.add(u.split);
        }
        List<String> known = Arrays.asList("train", "dev", "val", "test");
        if (!known.containsAll(splits)
                || !splits.contains("train")
                || !splits.contains("test")
                || !(splits.contains("dev") || splits.contains("val"))) {
            throw new IllegalArgumentException(
                    "fold strategy 'split' needs splits train, dev (or val) and test; found " + splits);
        }
        List<String> val = new ArrayList<>(splits);
        val.retainAll(Arrays.asList("dev", "val"));
        return new Fold(
                0,
                "official split",
                "split",
                Collections.singletonList("train"),
                val,
                Collections.singletonList("test"));
    }

    private static List<Fold> speakerKFold(List<UtteranceInfo> utterances, int k, long seed) {
        List<String> speakers = new ArrayList<>(allSpeakers(utterances));
        if (k < 3 || speakers.size() < k) {
            throw new IllegalArgumentException("fold strategy 'speaker-kfold' needs 3 <= k <= number of speakers ("
                    + speakers.size() + "); k = " + k);
        }
        Collections.shuffle(speakers, new Random(seed));
        List<List<String>> groups = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            groups.add(new ArrayList<String>());
        }
        for (int i = 0; i < speakers.size(); i++) {
            groups.get(i % k).add(speakers.get(i));
        }
        List<Fold> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<String> train = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                if (g != i && g != (i + 1) % k) {
                    train.addAll(groups.get(g));
                }
            }
            folds.add(new Fold(i, "group " + i, "speaker", train, groups.get((i + 1) % k), groups.get(i)));
        }
        return folds;
    }

    /** Speakers per session, or null when some utterance has no session. */
    private static Map<String, TreeSet<String>> speakersBySession(List<UtteranceInfo> utterances) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (UtteranceInfo u : utterances) {
            if (u.session == null) {
                return null;
            }
            out.computeIfAbsent(u.session, s -> new TreeSet<>()).add(u.speaker);
        }
        return out;
    }

    private static TreeSet<String> allSpeakers(List<UtteranceInfo> utterances) {
        TreeSet<String> all = new TreeSet<>();
        for (UtteranceInfo u : utterances) {
            all.add(u.speaker);
        }
        return all;
    }
}
