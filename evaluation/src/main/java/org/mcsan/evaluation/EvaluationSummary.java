package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.DataQuality;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.HalvingRecord;
import org.mcsan.contracts.run.UnitFailure;

/** The result of evaluating a run: per trial aggregates, and where the outputs were written. */
public final class EvaluationSummary {

    private final String runDir;
    private final FoldPlan plan;
    private final List<TrialEvaluation> trials;
    private final String split;
    private final DataQuality dataQuality;
    private final Leaderboard leaderboard;

    /** A summary of a run without {@code data-quality.json} (trained before the file existed). */
    public EvaluationSummary(String runDir, FoldPlan plan, List<TrialEvaluation> trials, String split) {
        this(runDir, plan, trials, split, null);
    }

    /** @param dataQuality the run's {@code data-quality.json}, or null when it has none */
    public EvaluationSummary(
            String runDir, FoldPlan plan, List<TrialEvaluation> trials, String split, DataQuality dataQuality) {
        this(runDir, plan, trials, split, dataQuality, Collections.<Integer, List<UnitFailure>>emptyMap(), null);
    }

    /**
     * @param failures per trial index, its units that failed because of their configuration ({@code failures/})
     * @param halving the run's {@code halving.json}, or null when it used no successive halving
     */
    public EvaluationSummary(
            String runDir,
            FoldPlan plan,
            List<TrialEvaluation> trials,
            String split,
            DataQuality dataQuality,
            Map<Integer, List<UnitFailure>> failures,
            HalvingRecord halving) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one trial");
        }
        this.runDir = runDir;
        this.plan = plan;
        this.trials = Collections.unmodifiableList(trials);
        this.split = split;
        this.dataQuality = dataQuality;
        this.leaderboard = Leaderboard.of(this.trials, failures, halving);
    }

    /** The run's data-quality.json, or null for a run trained before it existed. */
    public DataQuality dataQuality() {
        return dataQuality;
    }

    /** Whether the plan is a single split (MELD's official split, any one-fold plan) rather than cross-validation. */
    public boolean isSingleSplit() {
        return plan.folds().size() == 1;
    }

    /**
     * What became of each split's records for a trial: for a single split its train, val and test; for
     * cross-validation val and test pooled over the folds (each utterance is tested in one fold; pooled training
     * sets would count each utterance in many folds). Then the records of unknown split, if any. Empty without
     * data-quality.json.
     */
    List<SplitAccounting> accounting(TrialEvaluation t) {
        List<SplitAccounting> out = new ArrayList<>();
        if (dataQuality == null) return out;
        if (isSingleSplit()) {
            out.addAll(foldAccounting(t, plan.folds().get(0)));
        } else {
            for (SplitAggregate s : t.splits()) {
                long scored = 0;
                for (FoldEvaluation f : s.folds()) scored += f.metrics().total();
                out.add(new SplitAccounting(s.split(), dataQuality.pooled(s.split()), scored));
            }
        }
        if (dataQuality.unassigned().corpus() > 0) {
            out.add(new SplitAccounting(SplitAccounting.UNKNOWN, dataQuality.unassigned(), 0));
        }
        return out;
    }

    /** A fold's train, val and test records for a trial; empty without data-quality.json. */
    List<SplitAccounting> foldAccounting(TrialEvaluation t, Fold fold) {
        List<SplitAccounting> out = new ArrayList<>();
        if (dataQuality == null) return out;
        for (String role : DataQuality.ROLES) {
            long scored = 0;
            for (SplitAggregate s : t.splits()) {
                FoldEvaluation f = s.split().equals(role) ? s.fold(fold.index()) : null;
                if (f != null) scored = f.metrics().total();
            }
            out.add(new SplitAccounting(role, dataQuality.of(fold.index(), role), scored));
        }
        return out;
    }

    /** The reported split's accounting for a trial (pooled over folds), or null without data-quality.json. */
    SplitAccounting reportedAccounting(TrialEvaluation t) {
        for (SplitAccounting a : accounting(t)) {
            if (a.split().equals(split)) return a;
        }
        return null;
    }

    /**
     * The data behind a trial's headline, e.g. "test: 65 of 66 utterances scored (1 rejected: audio)", with the
     * records of unknown split when there are any; null without data-quality.json.
     */
    String dataNote(TrialEvaluation t) {
        SplitAccounting reported = reportedAccounting(t);
        if (reported == null) return null;
        String note = isSingleSplit()
                ? reported.note()
                : reported.note(split + " (pooled over " + plan.folds().size() + " folds)");
        for (SplitAccounting a : accounting(t)) {
            if (a.split().equals(SplitAccounting.UNKNOWN)) note += "; " + a.note();
        }
        return note;
    }

    /** Whether every utterance of the reported split in the class set was scored (true without the file). */
    boolean headlineComplete(TrialEvaluation t) {
        SplitAccounting reported = reportedAccounting(t);
        return reported == null || reported.complete();
    }

    public String runDir() {
        return runDir;
    }

    public FoldPlan plan() {
        return plan;
    }

    public List<TrialEvaluation> trials() {
        return trials;
    }

    /** The trial with this index; an error if the run has no such trial. */
    public TrialEvaluation trial(int index) {
        for (TrialEvaluation t : trials) {
            if (t.trial().index() == index) {
                return t;
            }
        }
        throw new IllegalArgumentException("the run has no trial " + index);
    }

    /** The split the summary reports on, "val" or "test". */
    public String split() {
        return split;
    }

    /** Whether the trials are a sweep's (seeds of sampled configurations), rather than hand-written ones. */
    public boolean isSweep() {
        return trials.get(0).trial().isSampled();
    }

    /**
     * A sweep on the console: the leaderboard (validation only) and the winner's result, once; the other trials'
     * test numbers are not shown (they are in metrics/ and the report, and choose nothing).
     */
    private String formatSweep() {
        StringBuilder sb = new StringBuilder("Evaluation of ").append(runDir).append('\n');
        sb.append("corpus ")
                .append(plan.corpus())
                .append(", ")
                .append(plan.folds().size())
                .append(plan.folds().size() == 1 ? " fold" : " folds")
                .append(", a sweep of ")
                .append(leaderboard.entries().size())
                .append(" configuration(s) in ")
                .append(trials.size())
                .append(" trial(s)\n");
        sb.append(formatLeaderboard()).append(selectionNote()).append('\n');
        Map<Metric, MeanStd> result = leaderboard.result();
        if (!result.isEmpty()) {
            sb.append("result, ").append(split).append(" split (mean +/- sample std over the winner's units):");
            for (Map.Entry<Metric, MeanStd> e : result.entrySet()) {
                sb.append(' ')
                        .append(e.getKey().label())
                        .append(' ')
                        .append(Format.meanStd(e.getValue(), "+/-"))
                        .append(';');
            }
            sb.setLength(sb.length() - 1);
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Whether the run compares several trials (an ablation or a sweep). */
    public boolean isComparison() {
        return trials.size() > 1;
    }

    /** The configurations ranked on the validation split. */
    public Leaderboard leaderboard() {
        return leaderboard;
    }

    /**
     * The trial chosen on the validation split (the first trial of the leaderboard's winning configuration), or null
     * when nothing can be ranked; never chosen by a test number.
     */
    public TrialEvaluation selected() {
        Leaderboard.Entry winner = leaderboard.winner();
        return winner == null ? null : winner.trials().get(0);
    }

    /**
     * A console table: per trial the mean ± sample std over folds of WA, UA, weighted and macro F1,
     * the pooled metrics and the headline, in percent.
     */
    public String formatSummaryTable() {
        if (isSweep()) return formatSweep();
        TrialEvaluation first = trials.get(0);
        StringBuilder sb = new StringBuilder();
        if (isSingleSplit()) {
            sb.append("Evaluation of ").append(runDir).append('\n');
            sb.append("corpus ")
                    .append(plan.corpus())
                    .append(", a single split (")
                    .append(plan.folds().get(0).name())
                    .append("), ")
                    .append(trials.size())
                    .append(trials.size() == 1 ? " trial" : " trials")
                    .append("; ")
                    .append(split)
                    .append(" split, in %\n");
            sb.append("headline: ").append(first.headlineLabel()).append("\n\n");
            TextTable table = new TextTable(
                    ">trial", "name", ">utterances", ">WA", ">UA", ">weighted F1", ">macro F1", ">headline");
            for (TrialEvaluation t : trials) {
                ClassificationMetrics m = t.reported().pooled();
                table.row(
                        Integer.toString(t.trial().index()),
                        t.trial().name(),
                        Long.toString(m.total()),
                        Format.pct(m.wa()),
                        Format.pct(m.ua()),
                        Format.pct(m.weightedF1()),
                        Format.pct(m.macroF1()),
                        Format.pct(t.headlineValue()));
            }
            sb.append(table.render());
            return sb.append(notes()).toString();
        }
        sb.append("Evaluation of ").append(runDir).append('\n');
        sb.append("corpus ")
                .append(plan.corpus())
                .append(", ")
                .append(plan.folds().size())
                .append(plan.folds().size() == 1 ? " fold" : " folds")
                .append(", ")
                .append(trials.size())
                .append(trials.size() == 1 ? " trial" : " trials")
                .append("; ")
                .append(split)
                .append(" split, in %: mean +/- sample std over folds;")
                .append(" pooled = all folds' predictions together\n");
        sb.append("headline: ").append(first.headlineLabel()).append("\n\n");
        TextTable table = new TextTable(
                ">trial",
                "name",
                ">folds",
                ">WA",
                ">UA",
                ">weighted F1",
                ">macro F1",
                ">pooled WA",
                ">pooled UA",
                ">pooled WF1",
                ">headline");
        for (TrialEvaluation t : trials) {
            SplitAggregate s = t.reported();
            ClassificationMetrics pooled = s.pooled();
            table.row(
                    Integer.toString(t.trial().index()),
                    t.trial().name(),
                    s.folds().size() + "/" + plan.folds().size(),
                    Format.meanStd(s.overFolds(Metric.WA), "+/-"),
                    Format.meanStd(s.overFolds(Metric.UA), "+/-"),
                    Format.meanStd(s.overFolds(Metric.WEIGHTED_F1), "+/-"),
                    Format.meanStd(s.overFolds(Metric.MACRO_F1), "+/-"),
                    Format.pct(pooled.wa()),
                    Format.pct(pooled.ua()),
                    Format.pct(pooled.weightedF1()),
                    Format.pct(t.headlineValue()));
        }
        sb.append(table.render());
        return sb.append(notes()).toString();
    }

    /** The lines under the console table: the best trial, each trial's data, missing folds. */
    private String notes() {
        StringBuilder sb = new StringBuilder();
        if (isComparison()) {
            sb.append(formatLeaderboard()).append(selectionNote()).append('\n');
        }
        for (TrialEvaluation t : trials) {
            String note = dataNote(t);
            sb.append("trial ")
                    .append(t.trial().index())
                    .append(" data: ")
                    .append(note == null ? "not recorded (the run has no data-quality.json)" : note)
                    .append(headlineComplete(t) ? "" : "  <- INCOMPLETE")
                    .append('\n');
        }
        for (TrialEvaluation t : trials) {
            if (!t.reported().missingFolds().isEmpty()) {
                sb.append("trial ")
                        .append(t.trial().index())
                        .append(": no ")
                        .append(split)
                        .append(" predictions for fold(s) ")
                        .append(foldNames(t.reported().missingFolds()))
                        .append(" (left out of the aggregates)\n");
            }
        }
        return sb.toString();
    }

    /** Console rows of the leaderboard shown at most; the rest are in leaderboard.csv. */
    static final int CONSOLE_LEADERBOARD_ROWS = 10;

    /** The leaderboard on the console: validation numbers only, the first rows of a long sweep. */
    String formatLeaderboard() {
        StringBuilder sb = new StringBuilder("\nleaderboard (validation ")
                .append(leaderboard.metricLabel())
                .append(" at the selected epoch, mean +/- sample std over n units = folds x seeds):\n");
        TextTable table = new TextTable(">rank", "configuration", "trials", ">n", ">validation", "status");
        List<Leaderboard.Entry> entries = leaderboard.entries();
        for (Leaderboard.Entry e : entries.subList(0, Math.min(CONSOLE_LEADERBOARD_ROWS, entries.size()))) {
            table.row(
                    e.rank() == 0 ? "-" : Integer.toString(e.rank()),
                    e.configuration(),
                    e.trialNames(),
                    Integer.toString(e.validation().n()),
                    leaderboard.format(e.validation()).replace("±", "+/-"),
                    e.status());
        }
        sb.append(table.render());
        if (entries.size() > CONSOLE_LEADERBOARD_ROWS) {
            sb.append("(")
                    .append(entries.size() - CONSOLE_LEADERBOARD_ROWS)
                    .append(" more configurations in leaderboard.csv)\n");
        }
        return sb.toString();
    }

    /**
     * What was selected and on what, then the selected configuration's result on the reported split, e.g. "selected
     * on validation: trial 1 (audio), validation UA ... = 83.33; its test UA (mean over 2 folds) = 79.86".
     */
    String selectionNote() {
        Leaderboard.Entry w = leaderboard.winner();
        if (w == null) return "no trial selected: " + leaderboard.whyNoWinner();
        TrialEvaluation first = w.trials().get(0);
        String who = w.trials().size() == 1
                ? "trial " + first.trial().index() + " (" + first.trial().name() + ")"
                : "configuration " + w.configuration() + " (trials " + w.trialNames() + ")";
        MeanStd result = leaderboard.result().get(first.headlineMetric());
        return "selected on validation: " + who + ", " + leaderboard.criterion(w) + " = "
                + leaderboard.format(w.validation().mean()) + "; its " + split + " "
                + first.headlineMetric().label() + " (mean over " + result.n() + " units) = "
                + Format.pct(result.mean());
    }

    static String foldNames(List<Fold> folds) {
        StringBuilder sb = new StringBuilder();
        for (Fold f : folds) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.index()).append(" (").append(f.name()).append(')');
        }
        return sb.toString();
    }
}
