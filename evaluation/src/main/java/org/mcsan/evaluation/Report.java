package org.mcsan.evaluation;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.JFreeChart;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.metrics.ClassMetrics;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.UnitHistory;

/**
 * The human report of a run: plots rendered to {@code plots/}, and {@code report.md} / {@code report.html}, laid out
 * by protocol. Both start with the summary (the headline and whether its split is complete), the comparison of
 * trials and the leaderboard on validation (for a sweep with the validation metric plotted against each swept key).
 * Then per trial, for a single split (MELD's official split): the headline, per-class precision, recall and
 * F1 with support and their chart, the confusion matrix, the learning curve, both splits' metrics; for
 * cross-validation: the aggregate over folds, the per-fold tables and chart, the pooled per-class metrics and
 * confusion matrix, and the learning curves. Each trial ends with what became of each split's utterances (excluded,
 * rejected, scored). Last come the fold plan and, collapsed, the configuration sections the run used.
 */
final class Report {

    private final EvaluationSummary summary;
    private final EvaluationSettings settings;
    private final String configText;

    Report(EvaluationSummary summary, EvaluationSettings settings, String configText) {
        this.summary = summary;
        this.settings = settings;
        this.configText = configText;
    }

    static String confusionPlot(TrialEvaluation t) {
        return "confusion-trial-" + t.trial().index() + ".png";
    }

    static String foldsPlot(TrialEvaluation t) {
        return "folds-trial-" + t.trial().index() + ".png";
    }

    static String learningCurvesPlot(TrialEvaluation t) {
        return "learning-curves-trial-" + t.trial().index() + ".png";
    }

    static String perClassPlot(TrialEvaluation t) {
        return "per-class-trial-" + t.trial().index() + ".png";
    }

    /**
     * Whether the report leaves out the trials other than the winner's: a sweep's other trials' test numbers are not
     * its result, and shown by default they would invite choosing on them (mcsan.evaluation.leaderboard-test shows
     * them).
     */
    private boolean hidesOtherTrials() {
        return summary.isSweep() && !settings.leaderboardTest();
    }

    /** The trials the report details: every trial, or a sweep's winning configuration's (none without a winner). */
    private List<TrialEvaluation> shownTrials() {
        if (!hidesOtherTrials()) return summary.trials();
        Leaderboard.Entry winner = summary.leaderboard().winner();
        return winner == null ? new ArrayList<TrialEvaluation>() : winner.trials();
    }

    /** A sweep's trials compared on test are labelled as what they are: not for selection. */
    private String comparedHeading(String split) {
        if (!summary.isComparison()) return "Result (" + split + " split)";
        return "Trials compared (" + split + " split" + (summary.isSweep() ? ", not for selection)" : ")");
    }

    static String comparisonPlot() {
        return "comparison.png";
    }

    static String sweepPlot() {
        return "sweep-validation.png";
    }

    /** Writes the plots directory, report.md and report.html, each atomically. */
    void write(Directory run) {
        Map<String, byte[]> plots = renderPlots();
        run.writeDirectory(RunLayout.PLOTS, plots);
        ReportDocument document = document(plots);
        run.write(RunLayout.REPORT_MD, document.toMarkdown());
        run.write(RunLayout.REPORT_HTML, document.toHtml());
    }

    /** PNG bytes by file name, for every chart the report shows. */
    Map<String, byte[]> renderPlots() {
        int w = settings.plotWidth();
        int h = settings.plotHeight();
        String split = summary.split();
        Map<String, byte[]> plots = new LinkedHashMap<>();
        if (summary.isComparison() && !hidesOtherTrials()) {
            plots.put(comparisonPlot(), Charts.png(Charts.comparison(summary.trials(), split), w, h));
        }
        List<JFreeChart> sweep = sweepPanels();
        if (!sweep.isEmpty()) {
            plots.put(
                    sweepPlot(),
                    Charts.png(Charts.grid(
                            "Validation " + summary.leaderboard().metricLabel() + " against each swept key",
                            sweep,
                            (int) (0.7 * w),
                            (int) (0.7 * h))));
        }
        for (TrialEvaluation t : shownTrials()) {
            SplitAggregate s = t.reported();
            String trial = "trial " + t.trial().index() + " (" + t.trial().name() + ")";
            if (!s.folds().isEmpty() && summary.isSingleSplit()) {
                String subtitle = s.pooled().total() + " " + split + " utterances; colour = row-normalised share";
                plots.put(
                        confusionPlot(t),
                        Charts.png(
                                Charts.confusionHeatMap(
                                        s.pooled().confusion(), "Confusion matrix, " + trial, subtitle, w, h),
                                w,
                                h));
                plots.put(
                        perClassPlot(t),
                        Charts.png(
                                Charts.perClassBars(s.pooled(), split, "Per-class precision, recall and F1, " + trial),
                                w,
                                h));
            } else if (!s.folds().isEmpty()) {
                String subtitle = s.pooled().total() + " " + split + " utterances pooled over "
                        + s.folds().size() + (s.folds().size() == 1 ? " fold" : " folds")
                        + "; colour = row-normalised share";
                plots.put(
                        confusionPlot(t),
                        Charts.png(
                                Charts.confusionHeatMap(
                                        s.pooled().confusion(), "Pooled confusion matrix, " + trial, subtitle, w, h),
                                w,
                                h));
                plots.put(foldsPlot(t), Charts.png(Charts.foldBars(s, "WA and UA per fold, " + trial), w, h));
            }
            if (!t.histories().isEmpty()) {
                List<JFreeChart> panels = new ArrayList<>();
                for (Map.Entry<Integer, UnitHistory> e : t.histories().entrySet()) {
                    Fold fold = summary.plan().fold(e.getKey());
                    String name =
                            fold == null ? "fold " + e.getKey() : "fold " + fold.index() + " (" + fold.name() + ")";
                    panels.add(Charts.learningCurve(e.getValue(), name));
                }
                plots.put(
                        learningCurvesPlot(t),
                        summary.isSingleSplit() && panels.size() == 1
                                ? Charts.png(panels.get(0), w, (int) (0.8 * h))
                                : Charts.png(Charts.grid(
                                        "Learning curves, " + trial, panels, (int) (0.7 * w), (int) (0.7 * h))));
            }
        }
        return plots;
    }

    /**
     * One panel per swept key (mcsan.sweep.space of the run's configuration); none for a run without a sweep, a
     * single configuration, trials ranked on different metrics, or no configuration with a validation value yet.
     */
    List<JFreeChart> sweepPanels() {
        List<JFreeChart> panels = new ArrayList<>();
        if (!summary.isComparison()) return panels;
        Leaderboard board = summary.leaderboard();
        if (board.selectionMetric() == null) return panels;
        boolean anyValue = false;
        for (Leaderboard.Entry e : board.entries()) anyValue |= e.validation().n() > 0;
        if (!anyValue) return panels;
        for (SweepSpace.Key key : SweepSpace.of(configText)) panels.add(Charts.sweepPanel(board, key));
        return panels;
    }

    ReportDocument document(Map<String, byte[]> plots) {
        FoldPlan plan = summary.plan();
        String split = summary.split();
        ReportDocument d = new ReportDocument("MCSAN evaluation report");
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
        iso.setTimeZone(TimeZone.getTimeZone("UTC"));
        boolean single = summary.isSingleSplit();
        d.bullets(Arrays.asList(
                "Run: " + summary.runDir(),
                "Corpus: " + plan.corpus() + "; classes (label_index order): " + Format.join(plan.classes()),
                "Protocol: "
                        + (single
                                ? "a single split (" + plan.folds().get(0).name() + ": train on "
                                        + Format.join(plan.folds().get(0).train()) + ", validate on "
                                        + Format.join(plan.folds().get(0).val()) + ", test on "
                                        + Format.join(plan.folds().get(0).test()) + ")"
                                : "cross-validation over " + plan.folds().size() + " folds (" + plan.strategy() + ")")
                        + "; " + summary.trials().size() + (summary.trials().size() == 1 ? " trial" : " trials")
                        + "; reported split: " + split,
                "Generated: " + iso.format(new Date())));
        d.paragraph("All metrics are percentages. WA = accuracy; UA = mean per-class recall over the classes present "
                + "in the split (absent classes are left out and listed below); weighted F1 = support-weighted "
                + "mean of per-class F1; macro F1 = mean per-class F1 over the present classes. A class never "
                + "predicted has precision 0."
                + (single
                        ? ""
                        : " \"mean ± std\" is over folds with the sample standard deviation (n − 1); \"pooled\" scores"
                                + " all folds' predictions together."));

        d.heading(2, "Summary");
        if (hidesOtherTrials()) {
            d.paragraph("A sweep: its result is the test metrics of the configuration chosen on validation (below, and"
                    + " in the leaderboard section), so only that configuration's trials are shown here. The other"
                    + " trials' test numbers choose nothing and are left out (they are in metrics.csv;"
                    + " mcsan.evaluation.leaderboard-test = true shows them, labelled not for selection).");
        }
        List<List<String>> rows = new ArrayList<>();
        for (TrialEvaluation t : shownTrials()) {
            String note = summary.dataNote(t);
            rows.add(Arrays.asList(
                    Integer.toString(t.trial().index()),
                    t.trial().name(),
                    t.headlineLabel(),
                    Format.pct(t.headlineValue()),
                    note == null ? "not recorded (no data-quality.json)" : note));
        }
        d.table(Arrays.asList(">trial", "name", "headline", ">value", "data"), rows);
        for (TrialEvaluation t : shownTrials()) {
            if (!summary.headlineComplete(t)) {
                d.warning("Incomplete: the headline of trial " + t.trial().index() + " ("
                        + t.trial().name() + ") is computed on part of its split: " + summary.dataNote(t) + ".");
            }
        }
        if (!hidesOtherTrials()) comparisonTable(d);
        leaderboardSection(d, plots);
        if (plots.containsKey(comparisonPlot())) {
            d.image(
                    RunLayout.PLOTS + "/" + comparisonPlot(),
                    plots.get(comparisonPlot()),
                    "Trials compared on the " + split + " split: mean ± sample std over folds");
        }

        for (TrialEvaluation t : shownTrials()) {
            if (single) {
                singleSplitSection(d, t, plots);
            } else {
                trialSection(d, t, plots);
            }
            dataSection(d, t);
        }

        d.heading(2, "Fold plan");
        List<List<String>> foldRows = new ArrayList<>();
        for (Fold f : plan.folds()) {
            foldRows.add(Arrays.asList(
                    Integer.toString(f.index()),
                    f.name(),
                    Format.join(f.train()),
                    Format.join(f.val()),
                    Format.join(f.test())));
        }
        d.table(Arrays.asList(">fold", "name", "train", "val", "test"), foldRows);

        d.heading(2, "Configuration");
        ReportConfiguration used = ReportConfiguration.of(configText);
        d.paragraph("The resolved configuration of the sections this run used"
                + (used.leftOut().isEmpty() ? "" : " (left out: " + Format.join(used.leftOut()) + ")")
                + "; config.conf in the run directory has all of it.");
        d.collapsedCode("Resolved configuration (click to open)", used.text());
        return d;
    }

    /**
     * The configurations ranked on validation, and the selected one's result on the reported split, given once;
     * the tables above list every trial's numbers but choose nothing by them.
     */
    private void leaderboardSection(ReportDocument d, Map<String, byte[]> plots) {
        if (!summary.isComparison()) return;
        Leaderboard board = summary.leaderboard();
        d.heading(3, "Leaderboard (validation only)");
        d.paragraph("Configurations ranked by the selection metric on the validation split ("
                + (board.selectionMetric() == null ? "n/a" : board.selectionMetric())
                + (board.lowerIsBetter() ? ", lower is better" : ", higher is better")
                + "), at the epoch training selected: mean ± sample std over folds × seeds (n units). Test numbers"
                + " take no part in the ranking.");
        boolean withReported = settings.leaderboardTest();
        List<List<String>> rows = new ArrayList<>();
        for (Leaderboard.Entry e : board.entries()) {
            List<String> row = new ArrayList<>(Arrays.asList(
                    e.rank() == 0 ? "-" : Integer.toString(e.rank()),
                    e.status(),
                    e.configuration(),
                    e.trialNames(),
                    e.overridesText(),
                    Integer.toString(e.validation().n()),
                    board.format(e.validation())));
            if (withReported) {
                Metric headline = e.trials().get(0).headlineMetric();
                row.add(Format.meanStd(Leaderboard.reported(e, headline), "±"));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(Arrays.asList(
                ">rank", "status", "configuration", "trials", "overrides", ">n", ">validation " + board.metricLabel()));
        if (withReported) {
            header.add(">" + summary.split() + " "
                    + summary.trials().get(0).headlineMetric().label() + " (not for selection)");
        }
        d.table(header, rows);
        if (plots.containsKey(sweepPlot())) {
            d.image(
                    RunLayout.PLOTS + "/" + sweepPlot(),
                    plots.get(sweepPlot()),
                    "Validation " + board.metricLabel() + " of each configuration against each swept key: mean ±"
                            + " sample std over its units (faint points: the units), the winner highlighted; log x"
                            + " axis for log-uniform keys");
        }
        d.paragraph(summary.selectionNote() + ".");
        Map<Metric, MeanStd> result = board.result();
        if (!result.isEmpty()) {
            List<List<String>> resultRows = new ArrayList<>();
            for (Map.Entry<Metric, MeanStd> e : result.entrySet()) {
                resultRows.add(Arrays.asList(
                        e.getKey().label(),
                        Format.meanStd(e.getValue(), "±"),
                        Integer.toString(e.getValue().n())));
            }
            d.table(Arrays.asList("metric", ">" + summary.split() + " (result)", ">n"), resultRows);
        }
    }

    private void comparisonTable(ReportDocument d) {
        String split = summary.split();
        if (summary.isSingleSplit()) {
            d.heading(3, comparedHeading(split));
            List<List<String>> rows = new ArrayList<>();
            for (TrialEvaluation t : summary.trials()) {
                ClassificationMetrics m = t.reported().pooled();
                rows.add(Arrays.asList(
                        Integer.toString(t.trial().index()),
                        t.trial().name(),
                        t.trial().overridesText(),
                        Long.toString(m.total()),
                        Format.pct(m.wa()),
                        Format.pct(m.ua()),
                        Format.pct(m.weightedF1()),
                        Format.pct(m.macroF1())));
            }
            d.table(
                    Arrays.asList(
                            ">trial", "name", "overrides", ">utterances", ">WA", ">UA", ">weighted F1", ">macro F1"),
                    rows);
            return;
        }
        d.heading(3, comparedHeading(split));
        List<List<String>> rows = new ArrayList<>();
        for (TrialEvaluation t : summary.trials()) {
            SplitAggregate s = t.reported();
            rows.add(Arrays.asList(
                    Integer.toString(t.trial().index()),
                    t.trial().name(),
                    t.trial().overridesText(),
                    Integer.toString(s.folds().size()),
                    Format.meanStd(s.overFolds(Metric.WA), "±"),
                    Format.meanStd(s.overFolds(Metric.UA), "±"),
                    Format.meanStd(s.overFolds(Metric.WEIGHTED_F1), "±"),
                    Format.meanStd(s.overFolds(Metric.MACRO_F1), "±"),
                    Format.pct(s.pooled().wa()),
                    Format.pct(s.pooled().ua()),
                    Format.pct(s.pooled().weightedF1()),
                    Format.pct(s.pooled().macroF1())));
        }
        d.table(
                Arrays.asList(
                        ">trial",
                        "name",
                        "overrides",
                        ">folds",
                        ">WA",
                        ">UA",
                        ">weighted F1",
                        ">macro F1",
                        ">pooled WA",
                        ">pooled UA",
                        ">pooled WF1",
                        ">pooled macro F1"),
                rows);
    }

    private void trialSection(ReportDocument d, TrialEvaluation t, Map<String, byte[]> plots) {
        String split = summary.split();
        d.heading(2, "Trial " + t.trial().index() + ": " + t.trial().name());
        d.paragraph("Overrides: " + t.trial().overridesText() + ". Headline: " + t.headlineLabel() + " = "
                + Format.pct(t.headlineValue()) + " %.");

        d.heading(3, "Aggregate over folds");
        List<List<String>> rows = new ArrayList<>();
        for (SplitAggregate s : orderedSplits(t)) {
            List<String> mean = new ArrayList<>(Arrays.asList(
                    s.split(), "mean ± std", Integer.toString(s.folds().size()), ""));
            List<String> pooled = new ArrayList<>(Arrays.asList(
                    s.split(),
                    "pooled",
                    Integer.toString(s.folds().size()),
                    Long.toString(s.pooled().total())));
            for (Metric m : Metric.values()) {
                mean.add(Format.meanStd(s.overFolds(m), "±"));
                pooled.add(Format.pct(s.pooled().get(m)));
            }
            rows.add(mean);
            rows.add(pooled);
        }
        d.table(
                Arrays.asList("split", "aggregate", ">folds", ">utterances", ">WA", ">UA", ">weighted F1", ">macro F1"),
                rows);
        List<String> notes = new ArrayList<>();
        for (SplitAggregate s : orderedSplits(t)) {
            if (!s.missingFolds().isEmpty()) {
                notes.add(
                        "No " + s.split() + " predictions for fold(s) " + EvaluationSummary.foldNames(s.missingFolds())
                                + ": left out of the " + s.split() + " aggregates.");
            }
            for (FoldEvaluation f : s.folds()) {
                List<String> absent = f.metrics().absentClasses();
                if (!absent.isEmpty()) {
                    notes.add("Fold " + f.fold().index() + " (" + f.fold().name() + "), " + s.split()
                            + " split: class(es) " + Format.join(absent)
                            + " absent, left out of that fold's UA and macro F1.");
                }
            }
        }
        if (!notes.isEmpty()) {
            d.bullets(notes);
        }

        for (SplitAggregate s : orderedSplits(t)) {
            d.heading(3, "Per fold, " + s.split() + " split");
            d.table(
                    Arrays.asList(
                            ">fold",
                            "name",
                            s.split() + " set",
                            ">utterances",
                            ">WA",
                            ">UA",
                            ">weighted F1",
                            ">macro F1",
                            ">selected epoch",
                            "classes absent",
                            "never predicted"),
                    foldRows(t, s));
        }
        if (plots.containsKey(foldsPlot(t))) {
            d.image(
                    RunLayout.PLOTS + "/" + foldsPlot(t),
                    plots.get(foldsPlot(t)),
                    "WA and UA per fold on the " + split + " split; dashed lines: means over folds");
        }

        SplitAggregate reported = t.reported();
        d.heading(3, "Pooled per-class metrics, " + split + " split");
        classTable(d, reported.pooled());

        confusionSection(d, t, plots, "Pooled confusion matrix");
        learningCurveSection(d, t, plots, "Learning curves");
        List<String> withoutHistory = new ArrayList<>();
        for (Fold f : summary.plan().folds()) {
            if (!t.histories().containsKey(f.index())) {
                withoutHistory.add(f.index() + " (" + f.name() + ")");
            }
        }
        if (!withoutHistory.isEmpty()) {
            d.paragraph("No training history for fold(s) " + Format.join(withoutHistory) + ".");
        }
    }

    /** The pooled confusion matrix of the reported split, as a table and (when drawn) a plot. */
    private void confusionSection(ReportDocument d, TrialEvaluation t, Map<String, byte[]> plots, String title) {
        String split = summary.split();
        d.heading(3, title + ", " + split + " split");
        confusionTable(d, t.reported().pooled().confusion());
        if (plots.containsKey(confusionPlot(t))) {
            d.image(
                    RunLayout.PLOTS + "/" + confusionPlot(t),
                    plots.get(confusionPlot(t)),
                    title + " on the " + split + " split, coloured by row-normalised share");
        }
    }

    /** The learning curves plot under a heading; false when there is none (no history yet). */
    private boolean learningCurveSection(ReportDocument d, TrialEvaluation t, Map<String, byte[]> plots, String title) {
        d.heading(3, title);
        if (!plots.containsKey(learningCurvesPlot(t))) {
            return false;
        }
        d.image(
                RunLayout.PLOTS + "/" + learningCurvesPlot(t),
                plots.get(learningCurvesPlot(t)),
                "Training loss and the selection metric on the validation split per epoch; dashed: selected epoch");
        return true;
    }

    /** A single split: the headline first, then what it is made of, then how training went. */
    private void singleSplitSection(ReportDocument d, TrialEvaluation t, Map<String, byte[]> plots) {
        String split = summary.split();
        SplitAggregate reported = t.reported();
        d.heading(2, "Trial " + t.trial().index() + ": " + t.trial().name());
        d.paragraph("Overrides: " + t.trial().overridesText() + ". Headline: " + t.headlineLabel() + " = "
                + Format.pct(t.headlineValue()) + " %.");
        if (reported.folds().isEmpty()) {
            d.paragraph("No " + split + " predictions yet: the fold has not been trained.");
        } else {
            d.heading(3, "Per-class metrics, " + split + " split");
            classTable(d, reported.pooled());
            if (plots.containsKey(perClassPlot(t))) {
                d.image(
                        RunLayout.PLOTS + "/" + perClassPlot(t),
                        plots.get(perClassPlot(t)),
                        "Per-class precision, recall and F1 on the " + split + " split (support in brackets);"
                                + " dashed: the weighted F1, the headline");
            }
            confusionSection(d, t, plots, "Confusion matrix");
        }
        if (!learningCurveSection(d, t, plots, "Learning curve")) {
            d.paragraph("No training history yet.");
        }
        d.heading(3, "Both splits");
        List<List<String>> rows = new ArrayList<>();
        for (SplitAggregate s : orderedSplits(t)) {
            for (FoldEvaluation f : s.folds()) {
                ClassificationMetrics m = f.metrics();
                UnitHistory h = t.histories().get(f.fold().index());
                rows.add(Arrays.asList(
                        s.split(),
                        Format.join(
                                Fold.VAL.equals(s.split())
                                        ? f.fold().val()
                                        : f.fold().test()),
                        Long.toString(m.total()),
                        Format.pct(m.wa()),
                        Format.pct(m.ua()),
                        Format.pct(m.weightedF1()),
                        Format.pct(m.macroF1()),
                        h == null ? "" : Integer.toString(h.selectedEpoch()),
                        Format.join(m.absentClasses()),
                        Format.join(m.neverPredictedClasses())));
            }
        }
        d.table(
                Arrays.asList(
                        "split",
                        "set",
                        ">utterances",
                        ">WA",
                        ">UA",
                        ">weighted F1",
                        ">macro F1",
                        ">selected epoch",
                        "classes absent",
                        "never predicted"),
                rows);
    }

    /** What became of each split's utterances: the corpus' records, excluded, rejected, scored. */
    private void dataSection(ReportDocument d, TrialEvaluation t) {
        d.heading(3, "Data behind the results");
        if (summary.dataQuality() == null) {
            d.paragraph("Not recorded: the run has no " + RunLayout.DATA_QUALITY + " (it was trained before the file"
                    + " existed; train it again in a new run directory to get it).");
            return;
        }
        d.paragraph("Utterance records of the corpus per split: corpus = excluded by label (class outside the class"
                + " set) + rejected (by the stage that refused them; see the feature dataset's rejected table) +"
                + " scored (rows in the predictions table; for train: used for training) + not scored (a fold not"
                + " trained yet)."
                + (summary.isSingleSplit() ? "" : " val and test are pooled over the folds."));
        List<List<String>> rows = new ArrayList<>();
        for (SplitAccounting a : summary.accounting(t)) {
            rows.add(accountingRow(a.split(), a));
        }
        List<String> header = Arrays.asList(
                "split",
                ">corpus",
                ">excluded by label",
                ">rejected",
                "rejected by stage",
                ">scored / trained",
                ">not scored",
                "complete");
        d.table(header, rows);
        if (!summary.isSingleSplit()) {
            d.heading(4, "Per fold, val and test");
            List<List<String>> foldRows = new ArrayList<>();
            for (Fold f : summary.plan().folds()) {
                for (SplitAccounting a : summary.foldAccounting(t, f)) {
                    if (a.isScored()) {
                        foldRows.add(accountingRow(f.index() + " (" + f.name() + ") " + a.split(), a));
                    }
                }
            }
            d.table(header, foldRows);
        }
    }

    private static List<String> accountingRow(String label, SplitAccounting a) {
        boolean unknown = SplitAccounting.UNKNOWN.equals(a.split());
        return Arrays.asList(
                label,
                Long.toString(a.corpus()),
                Long.toString(a.excluded()),
                Long.toString(a.rejected()),
                a.rejected() == 0 ? "" : a.stages(),
                unknown ? "" : Long.toString(a.used()),
                a.isScored() ? Long.toString(a.notScored()) : "",
                unknown ? "" : a.complete() ? "yes" : "no");
    }

    private static void classTable(ReportDocument d, ClassificationMetrics metrics) {
        List<List<String>> classRows = new ArrayList<>();
        for (ClassMetrics c : metrics.perClass()) {
            classRows.add(Arrays.asList(
                    c.className(),
                    Long.toString(c.support()),
                    Long.toString(c.predicted()),
                    Format.pct(c.precision()),
                    Format.pct(c.recall()),
                    Format.pct(c.f1())));
        }
        d.table(Arrays.asList("class", ">support", ">predicted", ">precision", ">recall", ">F1"), classRows);
    }

    private static void confusionTable(ReportDocument d, ConfusionMatrix cm) {
        d.paragraph("Rows: true class; columns: predicted class; each cell: count (share of the row).");
        double[][] shares = cm.rowNormalised();
        List<String> header = new ArrayList<>();
        header.add("true / predicted");
        for (String c : cm.classes()) {
            header.add(">" + c);
        }
        List<List<String>> cmRows = new ArrayList<>();
        for (int a = 0; a < cm.classCount(); a++) {
            List<String> row = new ArrayList<>();
            row.add(cm.classes().get(a));
            for (int p = 0; p < cm.classCount(); p++) {
                row.add(cm.count(a, p) + (Double.isNaN(shares[a][p]) ? "" : " (" + Format.pct(shares[a][p]) + " %)"));
            }
            cmRows.add(row);
        }
        d.table(header, cmRows);
    }

    private List<List<String>> foldRows(TrialEvaluation t, SplitAggregate s) {
        List<List<String>> rows = new ArrayList<>();
        for (FoldEvaluation f : s.folds()) {
            ClassificationMetrics m = f.metrics();
            UnitHistory h = t.histories().get(f.fold().index());
            List<String> set =
                    "val".equals(s.split()) ? f.fold().val() : f.fold().test();
            rows.add(Arrays.asList(
                    Integer.toString(f.fold().index()),
                    f.fold().name(),
                    Format.join(set),
                    Long.toString(m.total()),
                    Format.pct(m.wa()),
                    Format.pct(m.ua()),
                    Format.pct(m.weightedF1()),
                    Format.pct(m.macroF1()),
                    h == null ? "" : Integer.toString(h.selectedEpoch()),
                    Format.join(m.absentClasses()),
                    Format.join(m.neverPredictedClasses())));
        }
        return rows;
    }

    /** The reported split first. */
    private List<SplitAggregate> orderedSplits(TrialEvaluation t) {
        return "val".equals(summary.split()) ? Arrays.asList(t.val(), t.test()) : Arrays.asList(t.test(), t.val());
    }
}
