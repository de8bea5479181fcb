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
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.UnitHistory;

/**
 * The human report of a run: plots rendered to {@code plots/}, and {@code report.md} /
 * {@code report.html} with the summary, the comparison of trials, per trial the aggregate, the per-fold
 * tables, the pooled per-class metrics and confusion matrix, and the learning curves, then the fold
 * plan and the resolved configuration.
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

    static String comparisonPlot() {
        return "comparison.png";
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
        if (summary.isComparison()) {
            plots.put(comparisonPlot(), Charts.png(Charts.comparison(summary.trials(), split), w, h));
        }
        for (TrialEvaluation t : summary.trials()) {
            SplitAggregate s = t.reported();
            String trial = "trial " + t.trial().index() + " (" + t.trial().name() + ")";
            if (!s.folds().isEmpty()) {
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
                        Charts.png(Charts.grid("Learning curves, " + trial, panels, (int) (0.7 * w), (int) (0.7 * h))));
            }
        }
        return plots;
    }

    ReportDocument document(Map<String, byte[]> plots) {
        FoldPlan plan = summary.plan();
        String split = summary.split();
        ReportDocument d = new ReportDocument("MCSAN evaluation report");
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
        iso.setTimeZone(TimeZone.getTimeZone("UTC"));
        d.bullets(Arrays.asList(
                "Run: " + summary.runDir(),
                "Corpus: " + plan.corpus() + "; classes (label_index order): " + Format.join(plan.classes()),
                plan.folds().size() + (plan.folds().size() == 1 ? " fold" : " folds") + ", "
                        + summary.trials().size() + (summary.trials().size() == 1 ? " trial" : " trials")
                        + "; reported split: " + split,
                "Generated: " + iso.format(new Date())));
        d.paragraph("All metrics are percentages. WA = accuracy; UA = mean per-class recall over the classes present "
                + "in the fold's split (absent classes are left out and listed below); weighted F1 = support-weighted "
                + "mean of per-class F1; macro F1 = mean per-class F1 over the present classes. A class never "
                + "predicted has precision 0. \"mean ± std\" is over folds with the sample standard deviation "
                + "(n − 1; only the mean is shown for a single fold); \"pooled\" scores all folds' predictions "
                + "together.");

        d.heading(2, "Summary");
        List<List<String>> rows = new ArrayList<>();
        for (TrialEvaluation t : summary.trials()) {
            rows.add(Arrays.asList(
                    Integer.toString(t.trial().index()),
                    t.trial().name(),
                    t.headlineLabel(),
                    Format.pct(t.headlineValue())));
        }
        d.table(Arrays.asList(">trial", "name", "headline", ">value"), rows);
        comparisonTable(d);
        TrialEvaluation best = summary.best();
        if (summary.isComparison() && best != null) {
            d.paragraph("Best by headline: trial " + best.trial().index() + " ("
                    + best.trial().name() + "), " + best.headlineLabel() + " = " + Format.pct(best.headlineValue())
                    + " %.");
        }
        if (plots.containsKey(comparisonPlot())) {
            d.image(
                    RunLayout.PLOTS + "/" + comparisonPlot(),
                    plots.get(comparisonPlot()),
                    "Trials compared on the " + split + " split: mean ± sample std over folds");
        }

        for (TrialEvaluation t : summary.trials()) {
            trialSection(d, t, plots);
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

        d.heading(2, "Resolved configuration");
        d.code(configText);
        return d;
    }

    private void comparisonTable(ReportDocument d) {
        String split = summary.split();
        d.heading(3, summary.isComparison() ? "Trials compared (" + split + " split)" : "Result (" + split + " split)");
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
        List<List<String>> classRows = new ArrayList<>();
        for (ClassMetrics c : reported.pooled().perClass()) {
            classRows.add(Arrays.asList(
                    c.className(),
                    Long.toString(c.support()),
                    Long.toString(c.predicted()),
                    Format.pct(c.precision()),
                    Format.pct(c.recall()),
                    Format.pct(c.f1())));
        }
        d.table(Arrays.asList("class", ">support", ">predicted", ">precision", ">recall", ">F1"), classRows);

        d.heading(3, "Pooled confusion matrix, " + split + " split");
        d.paragraph("Rows: true class; columns: predicted class; each cell: count (share of the row).");
        ConfusionMatrix cm = reported.pooled().confusion();
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
        if (plots.containsKey(confusionPlot(t))) {
            d.image(
                    RunLayout.PLOTS + "/" + confusionPlot(t),
                    plots.get(confusionPlot(t)),
                    "Pooled confusion matrix on the " + split + " split, coloured by row-normalised share");
        }

        d.heading(3, "Learning curves");
        if (plots.containsKey(learningCurvesPlot(t))) {
            d.image(
                    RunLayout.PLOTS + "/" + learningCurvesPlot(t),
                    plots.get(learningCurvesPlot(t)),
                    "Training loss and the selection metric on the validation split per epoch; dashed: selected epoch");
        }
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
