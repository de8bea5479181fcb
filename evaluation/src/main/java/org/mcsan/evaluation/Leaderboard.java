package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.UnitHistory;

/**
 * The run's configurations ranked on the VALIDATION split only: per configuration (the trials that repeat one
 * sampled configuration with different seeds; each trial of a run without a sweep is its own) the mean and sample
 * std, over every unit (folds × seeds), of the selection metric at the epoch the trainer selected — the value
 * training itself chose the epoch by ({@code history.json}). Choosing by test numbers would make the reported test
 * result optimistic, so the test split plays no part here: the winner's test metrics are reported once, as the
 * result ({@link #result}).
 */
public final class Leaderboard {

    /** One ranked configuration. */
    public static final class Entry {
        private final int rank;
        private final String configuration;
        private final List<TrialEvaluation> trials;
        private final MeanStd validation;

        Entry(int rank, String configuration, List<TrialEvaluation> trials, MeanStd validation) {
            this.rank = rank;
            this.configuration = configuration;
            this.trials = Collections.unmodifiableList(trials);
            this.validation = validation;
        }

        /** 1 for the winner; 0 when the configuration has no validation value (no unit finished). */
        public int rank() {
            return rank;
        }

        public String configuration() {
            return configuration;
        }

        /** Its trials (one per seed), in trial order. */
        public List<TrialEvaluation> trials() {
            return trials;
        }

        /** The selection metric on validation over folds × seeds; n counts the units. */
        public MeanStd validation() {
            return validation;
        }

        /** The overrides every one of its trials shares (the seed, which differs between repeats, left out). */
        public Map<String, String> overrides() {
            Map<String, String> common =
                    new LinkedHashMap<>(trials.get(0).trial().overridesAsText());
            for (TrialEvaluation t : trials) {
                common.entrySet()
                        .removeIf(
                                e -> !Objects.equals(t.trial().overridesAsText().get(e.getKey()), e.getValue()));
            }
            return common;
        }

        /** Overrides as {@code key=value; key=value}, or "(none)". */
        public String overridesText() {
            Map<String, String> o = overrides();
            if (o.isEmpty()) return "(none)";
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, String> e : o.entrySet()) parts.add(e.getKey() + "=" + e.getValue());
            return String.join("; ", parts);
        }

        /** Its trials' names, e.g. "s003-r1, s003-r2". */
        public String trialNames() {
            List<String> names = new ArrayList<>();
            for (TrialEvaluation t : trials) names.add(t.trial().name());
            return String.join(", ", names);
        }
    }

    private final String selectionMetric;
    private final boolean lowerIsBetter;
    private final List<Entry> entries;
    private final String noWinner;

    private Leaderboard(String selectionMetric, boolean lowerIsBetter, List<Entry> entries, String noWinner) {
        this.selectionMetric = selectionMetric;
        this.lowerIsBetter = lowerIsBetter;
        this.entries = Collections.unmodifiableList(entries);
        this.noWinner = noWinner;
    }

    /**
     * Ranks the trials' configurations: higher mean first (lower for a loss); equal means by the smaller sample
     * std, then by the first trial index, so the order never depends on iteration order.
     */
    static Leaderboard of(List<TrialEvaluation> trials) {
        Map<String, List<TrialEvaluation>> byConfiguration = new LinkedHashMap<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (TrialEvaluation t : trials) {
            byConfiguration
                    .computeIfAbsent(t.trial().configuration(), k -> new ArrayList<>())
                    .add(t);
            for (UnitHistory h : t.histories().values()) metrics.add(h.selectionMetric());
        }
        String metric = metrics.size() == 1 ? metrics.first() : null;
        boolean lower = metric != null && metric.endsWith("loss"); // as UnitHistory.selectionIsLoss
        List<Object[]> scored = new ArrayList<>();
        for (Map.Entry<String, List<TrialEvaluation>> e : byConfiguration.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (TrialEvaluation t : e.getValue()) {
                for (UnitHistory h : t.histories().values()) values.add(h.selectedValue());
            }
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = values.get(i);
            scored.add(new Object[] {e.getKey(), e.getValue(), MeanStd.of(v)});
        }
        Comparator<Object[]> byValue = (a, b) -> {
            MeanStd x = (MeanStd) a[2];
            MeanStd y = (MeanStd) b[2];
            boolean xNone = x.n() == 0;
            boolean yNone = y.n() == 0;
            if (xNone != yNone) return xNone ? 1 : -1;
            if (!xNone) {
                int c = lower ? Double.compare(x.mean(), y.mean()) : Double.compare(y.mean(), x.mean());
                if (c != 0) return c;
                c = Double.compare(Double.isNaN(x.std()) ? 0 : x.std(), Double.isNaN(y.std()) ? 0 : y.std());
                if (c != 0) return c;
            }
            return Integer.compare(firstIndex(a), firstIndex(b));
        };
        String noWinner = null;
        if (metric == null) {
            noWinner = metrics.isEmpty()
                    ? "no unit has a training history"
                    : "the trials were selected on different metrics " + metrics + ", which cannot be ranked together";
        } else {
            scored.sort(byValue);
        }
        List<Entry> entries = new ArrayList<>();
        int rank = 0;
        for (Object[] s : scored) {
            MeanStd m = (MeanStd) s[2];
            @SuppressWarnings("unchecked")
            List<TrialEvaluation> ts = (List<TrialEvaluation>) s[1];
            entries.add(new Entry(metric != null && m.n() > 0 ? ++rank : 0, (String) s[0], ts, m));
        }
        return new Leaderboard(metric, lower, entries, noWinner);
    }

    private static int firstIndex(Object[] scored) {
        @SuppressWarnings("unchecked")
        List<TrialEvaluation> ts = (List<TrialEvaluation>) scored[1];
        return ts.get(0).trial().index();
    }

    /** e.g. "ua" or "loss" (as {@code mcsan.train.selection-metric}); null when the trials disagree. */
    public String selectionMetric() {
        return selectionMetric;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** In rank order (configurations without a value last, unranked). */
    public List<Entry> entries() {
        return entries;
    }

    /** The configuration ranked first, or null (see {@link #whyNoWinner}). */
    public Entry winner() {
        return !entries.isEmpty() && entries.get(0).rank() == 1 ? entries.get(0) : null;
    }

    /** Why there is no winner, or null when there is one. */
    public String whyNoWinner() {
        if (winner() != null) return null;
        return noWinner != null ? noWinner : "no configuration has a finished unit";
    }

    /** e.g. "validation UA at the selected epoch, mean over 10 folds x 3 seeds". */
    String criterion(Entry e) {
        int seeds = e.trials().size();
        return "validation " + metricLabel() + " at the selected epoch, mean over "
                + e.validation().n() + " units" + (seeds > 1 ? " (folds x " + seeds + " seeds)" : " (folds)");
    }

    /** The selection metric's label, e.g. "UA" or "loss". */
    String metricLabel() {
        if (selectionMetric == null) return "?";
        switch (selectionMetric) {
            case "ua":
                return Metric.UA.label();
            case "wa":
                return Metric.WA.label();
            case "wf1":
                return Metric.WEIGHTED_F1.label();
            case "mf1":
                return Metric.MACRO_F1.label();
            default:
                return selectionMetric;
        }
    }

    /** A validation value for tables: a score in percent, a loss as it is. */
    String format(double value) {
        return lowerIsBetter ? String.format(java.util.Locale.ROOT, "%.4f", value) : Format.pct(value);
    }

    /** A mean ± std for tables, in the units of {@link #format}. */
    String format(MeanStd m) {
        if (m.n() == 0) return "n/a";
        if (m.n() == 1 || Double.isNaN(m.std())) return format(m.mean());
        return format(m.mean()) + " ± " + format(m.std());
    }

    /**
     * The winner's test metrics, once: per metric the mean and sample std over its units (folds × seeds); the
     * split the run reports on (mcsan.evaluation.split), test by default. Empty without a winner.
     */
    Map<Metric, MeanStd> result() {
        Map<Metric, MeanStd> out = new LinkedHashMap<>();
        Entry w = winner();
        if (w == null) return out;
        for (Metric m : Metric.values()) out.put(m, reported(w, m));
        return out;
    }

    /** A configuration's metric on the reported split, over its units (folds × seeds). */
    static MeanStd reported(Entry e, Metric metric) {
        List<Double> values = new ArrayList<>();
        for (TrialEvaluation t : e.trials()) {
            for (FoldEvaluation f : t.reported().folds()) values.add(f.metrics().get(metric));
        }
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) v[i] = values.get(i);
        return MeanStd.of(v);
    }

    /**
     * The name of the optional column with each configuration's headline on the reported split (e.g.
     * "test_ua_not_for_selection"), or null for a leaderboard without trials.
     */
    String notForSelectionColumn() {
        if (entries.isEmpty()) return null;
        TrialEvaluation t = entries.get(0).trials().get(0);
        return t.reported().split() + "_" + t.headlineMetric().column() + "_not_for_selection";
    }

    /** leaderboard.csv without the reported split's numbers. */
    Table table() {
        return table(false);
    }

    /**
     * leaderboard.csv ({@code RunLayout.LEADERBOARD}): its columns are defined here and only here; with
     * {@code withReported} (mcsan.evaluation.leaderboard-test) one more, each configuration's headline mean on the
     * reported split, named as not for selection.
     */
    Table table(boolean withReported) {
        Table t = new Table()
                .intColumn("rank")
                .stringColumn("configuration")
                .stringColumn("trials")
                .stringColumn("overrides")
                .stringColumn("selection_metric")
                .intColumn("n")
                .doubleColumn("val_mean")
                .doubleColumn("val_std");
        boolean reportedColumn = withReported && notForSelectionColumn() != null;
        if (reportedColumn) t.doubleColumn(notForSelectionColumn());
        for (Entry e : entries) {
            List<Object> row = new ArrayList<>(Arrays.<Object>asList(
                    e.rank() == 0 ? null : e.rank(),
                    e.configuration(),
                    e.trialNames(),
                    e.overridesText(),
                    selectionMetric,
                    e.validation().n(),
                    e.validation().mean(),
                    e.validation().std()));
            if (reportedColumn) {
                row.add(reported(e, e.trials().get(0).headlineMetric()).mean());
            }
            t.row(row.toArray());
        }
        return t;
    }
}
