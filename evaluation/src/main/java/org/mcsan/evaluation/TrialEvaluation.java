package org.mcsan.evaluation;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitHistory;

/** Everything evaluated for one trial: per split aggregates, training histories and the headline. */
public final class TrialEvaluation {

    private final Trial trial;
    private final SplitAggregate val;
    private final SplitAggregate test;
    private final String reportSplit;
    private final Metric headlineMetric;
    private final Map<Integer, UnitHistory> histories;

    TrialEvaluation(
            Trial trial,
            SplitAggregate val,
            SplitAggregate test,
            String reportSplit,
            Metric headlineMetric,
            Map<Integer, UnitHistory> histories) {
        this.trial = trial;
        this.val = val;
        this.test = test;
        this.reportSplit = reportSplit;
        this.headlineMetric = headlineMetric;
        this.histories = Collections.unmodifiableMap(new TreeMap<>(histories));
    }

    public Trial trial() {
        return trial;
    }

    public SplitAggregate val() {
        return val;
    }

    public SplitAggregate test() {
        return test;
    }

    /** Both splits, val first. */
    public List<SplitAggregate> splits() {
        return Arrays.asList(val, test);
    }

    /** The split the summary reports on (configured by mcsan.evaluation.split). */
    public SplitAggregate reported() {
        return "val".equals(reportSplit) ? val : test;
    }

    public Metric headlineMetric() {
        return headlineMetric;
    }

    /** The headline metric on the reported split, as the mean over folds (the fold's value for one fold). */
    public double headlineValue() {
        return reported().overFolds(headlineMetric).mean();
    }

    /** e.g. "test UA (mean over 10 folds)" or "test weighted F1". */
    public String headlineLabel() {
        int n = reported().overFolds(headlineMetric).n();
        String base = reported().split() + " " + headlineMetric.label();
        return n > 1 ? base + " (mean over " + n + " folds)" : base;
    }

    /** Training histories by fold index (folds without a history file are left out). */
    public Map<Integer, UnitHistory> histories() {
        return histories;
    }

    /** Per split, per fold: the classes absent from that fold's split ({split → {fold name → classes}}). */
    public Map<String, Map<String, List<String>>> absentClassesByFold() {
        Map<String, Map<String, List<String>>> bySplit = new LinkedHashMap<>();
        for (SplitAggregate s : splits()) {
            Map<String, List<String>> byFold = new LinkedHashMap<>();
            for (FoldEvaluation f : s.folds()) {
                List<String> absent = f.metrics().absentClasses();
                if (!absent.isEmpty()) {
                    byFold.put(f.fold().name(), absent);
                }
            }
            bySplit.put(s.split(), byFold);
        }
        return bySplit;
    }
}
