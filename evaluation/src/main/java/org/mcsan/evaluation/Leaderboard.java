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
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.HalvingRecord;
import org.mcsan.contracts.run.UnitFailure;
import org.mcsan.contracts.run.UnitHistory;
import org.mcsan.contracts.run.ValidationRanking;

/**
 * The run's configurations ranked on the VALIDATION split only: per configuration (the trials that repeat one
 * sampled configuration with different seeds; each trial of a run without a sweep is its own) the mean and sample
 * std, over every unit (folds × seeds), of the selection metric at the epoch the trainer selected — the value
 * training itself chose the epoch by ({@code history.json}). Choosing by test numbers would make the reported test
 * result optimistic, so the test split plays no part here: the winner's test metrics are reported once, as the
 * result ({@link #result}).
 */
public final class Leaderboard {

    /** The status of a configuration that trained on every fold it was meant to, without failing. */
    public static final String OK = "ok";

    private static final String FAILED = "failed";

    /** One ranked configuration. */
    public static final class Entry {
        private final int rank;
        private final String configuration;
        private final List<TrialEvaluation> trials;
        private final MeanStd validation;
        private final String status;

        Entry(int rank, String configuration, List<TrialEvaluation> trials, MeanStd validation, String status) {
            this.rank = rank;
            this.configuration = configuration;
            this.trials = Collections.unmodifiableList(trials);
            this.validation = validation;
            this.status = status;
        }

        /**
         * {@value #OK}, {@code pruned at rung R (K folds)} (successive halving stopped it there), or {@code failed
         * (<first failure>)} (a unit failed because of the configuration; a failed configuration is not ranked).
         */
        public String status() {
            return status;
        }

        /** Whether a unit of the configuration failed because of it. */
        public boolean failed() {
            return status.startsWith(FAILED + " (");
        }

        /** 1 for the winner; 0 when the configuration is not ranked (no unit finished, or a unit failed). */
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

    /** A leaderboard of a run without failed units or successive halving. */
    static Leaderboard of(List<TrialEvaluation> trials) {
        return of(trials, Collections.<Integer, List<UnitFailure>>emptyMap(), null);
    }

    /** A configuration being ranked. */
    private static final class Candidate {
        final String configuration;
        final List<TrialEvaluation> trials = new ArrayList<>();
        MeanStd validation;
        String failure; // the first failed unit, or null
        int rung; // the last halving rung it was ranked in (0 without halving)
        String pruned; // "pruned at rung R (K folds)", or null

        Candidate(String configuration) {
            this.configuration = configuration;
        }

        int firstTrial() {
            return trials.get(0).trial().index();
        }
    }

    /**
     * Ranks the trials' configurations ({@link ValidationRanking}: the better validation mean first, then the
     * smaller sample std, then the first trial index). With successive halving a configuration that reached a later
     * rung ranks above every configuration pruned earlier (those were compared on fewer folds); a configuration with
     * a failed unit is listed last, unranked.
     *
     * @param failures per trial index, its units that failed because of their configuration
     * @param halving the run's halving.json, or null
     */
    static Leaderboard of(
            List<TrialEvaluation> trials, Map<Integer, List<UnitFailure>> failures, HalvingRecord halving) {
        Map<String, Candidate> byConfiguration = new LinkedHashMap<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (TrialEvaluation t : trials) {
            Candidate c = byConfiguration.computeIfAbsent(t.trial().configuration(), Candidate::new);
            c.trials.add(t);
            for (UnitHistory h : t.histories().values()) metrics.add(h.selectionMetric());
            List<UnitFailure> failed = failures.get(t.trial().index());
            if (c.failure == null && failed != null && !failed.isEmpty()) {
                c.failure =
                        "trial " + t.trial().name() + " fold " + failed.get(0).fold() + ": " + failed.get(0);
            }
        }
        Map<String, Object[]> standing =
                halving == null ? Collections.<String, Object[]>emptyMap() : halving.standing();
        for (Candidate c : byConfiguration.values()) {
            List<Double> values = new ArrayList<>();
            for (TrialEvaluation t : c.trials) {
                for (UnitHistory h : t.histories().values()) values.add(h.selectedValue());
            }
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = values.get(i);
            c.validation = MeanStd.of(v);
            Object[] s = standing.get(c.configuration);
            if (s != null) {
                c.rung = (Integer) s[0];
                if (HalvingRecord.PRUNED.equals(s[1])) {
                    c.pruned =
                            "pruned at rung " + c.rung + " (" + halving.plan().get(c.rung).folds + " folds)";
                }
            }
        }
        String metric = metrics.size() == 1 ? metrics.first() : null;
        boolean lower = metric != null && ValidationRanking.lowerIsBetter(metric);
        List<Candidate> scored = new ArrayList<>(byConfiguration.values());
        String noWinner = null;
        if (metric == null) {
            noWinner = metrics.isEmpty()
                    ? "no unit has a training history"
                    : "the trials were selected on different metrics " + metrics + ", which cannot be ranked together";
        } else {
            Comparator<Candidate> order = Comparator.comparing((Candidate c) -> c.failure != null)
                    .thenComparing(
                            Comparator.comparingInt((Candidate c) -> c.rung).reversed())
                    .thenComparing(ValidationRanking.order(lower, c -> c.validation, Candidate::firstTrial));
            scored.sort(order);
        }
        List<Entry> entries = new ArrayList<>();
        int rank = 0;
        for (Candidate c : scored) {
            boolean ranked = metric != null && c.validation.n() > 0 && c.failure == null;
            String status = c.failure != null ? FAILED + " (" + c.failure + ")" : c.pruned != null ? c.pruned : OK;
            entries.add(new Entry(ranked ? ++rank : 0, c.configuration, c.trials, c.validation, status));
        }
        return new Leaderboard(metric, lower, entries, noWinner);
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
        return noWinner != null ? noWinner : "no configuration has a finished unit without failures";
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
                .stringColumn("status")
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
                    e.status(),
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
