package org.mcsan.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Fold;

/**
 * {@code summary.json}: per trial the fold count, mean ± sample std over folds of WA / UA / weighted
 * F1 / macro F1 on each split, the pooled metrics, the headline, the classes absent per fold, and the
 * missing folds, and what became of each split's utterances (data_quality; the headline says whether its split
 * is complete). Metrics are fractions in [0, 1]; undefined values (a std over one fold, the UA of an
 * empty split) are null.
 */
final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {}

    static String render(EvaluationSummary summary) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("run", summary.runDir());
        root.put("corpus", summary.plan().corpus());
        strings(root.putArray("classes"), summary.plan().classes());
        root.put("fold_count", summary.plan().folds().size());
        root.put("split", summary.split());
        root.put("std", "sample standard deviation over folds (n - 1); null when fewer than 2 folds");
        ArrayNode trials = root.putArray("trials");
        for (TrialEvaluation t : summary.trials()) {
            ObjectNode trial = trial(t);
            ObjectNode headline = (ObjectNode) trial.get("headline");
            headline.put("complete", summary.headlineComplete(t));
            String note = summary.dataNote(t);
            if (note == null) {
                headline.putNull("data");
            } else {
                headline.put("data", note);
            }
            trial.set("data_quality", dataQuality(summary, t));
            trials.add(trial);
        }
        if (summary.isComparison()) {
            ObjectNode comparison = root.putObject("comparison");
            // Chosen on validation (the leaderboard's winner), never by the test numbers listed below it.
            TrialEvaluation best = summary.selected();
            if (best == null) {
                comparison.putNull("best_trial");
            } else {
                comparison.put("best_trial", best.trial().index());
            }
            Leaderboard board = summary.leaderboard();
            comparison.put(
                    "best_by",
                    board.winner() == null
                            ? "none: " + board.whyNoWinner()
                            : "leaderboard (validation " + board.selectionMetric() + ")");
            ArrayNode rows = comparison.putArray("trials");
            for (TrialEvaluation t : summary.trials()) {
                rows.add(comparisonRow(t));
            }
        }
        root.set("sweep", sweep(summary));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render summary.json", e);
        }
    }

    /**
     * The leaderboard (configurations ranked on validation; no test numbers) and the result: the winner's metrics
     * on the reported split, once.
     */
    private static ObjectNode sweep(EvaluationSummary summary) {
        Leaderboard board = summary.leaderboard();
        ObjectNode n = MAPPER.createObjectNode();
        if (board.selectionMetric() == null) {
            n.putNull("selection_metric");
        } else {
            n.put("selection_metric", board.selectionMetric());
        }
        n.put("lower_is_better", board.lowerIsBetter());
        n.put("ranked_on", "val");
        ArrayNode rows = n.putArray("leaderboard");
        for (Leaderboard.Entry e : board.entries()) {
            ObjectNode row = rows.addObject();
            if (e.rank() == 0) {
                row.putNull("rank");
            } else {
                row.put("rank", e.rank());
            }
            row.put("status", e.status());
            row.put("configuration", e.configuration());
            ArrayNode trials = row.putArray("trials");
            for (TrialEvaluation t : e.trials()) trials.add(t.trial().index());
            ObjectNode overrides = row.putObject("overrides");
            for (Map.Entry<String, String> o : e.overrides().entrySet()) overrides.put(o.getKey(), o.getValue());
            meanStd(row.putObject("val"), e.validation());
        }
        Leaderboard.Entry winner = board.winner();
        if (winner == null) {
            n.putNull("winner");
            n.put("no_winner", board.whyNoWinner());
        } else {
            ObjectNode w = n.putObject("winner");
            w.put("configuration", winner.configuration());
            w.put("split", summary.split());
            ObjectNode result = w.putObject("result");
            for (Map.Entry<Metric, MeanStd> e : board.result().entrySet()) {
                meanStd(result.putObject(e.getKey().column()), e.getValue());
            }
        }
        return n;
    }

    private static ObjectNode trial(TrialEvaluation t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("trial", t.trial().index());
        n.put("name", t.trial().name());
        ObjectNode overrides = n.putObject("overrides");
        for (Map.Entry<String, String> e : t.trial().overridesAsText().entrySet()) {
            overrides.put(e.getKey(), e.getValue());
        }
        SplitAggregate reported = t.reported();
        n.put("fold_count", reported.folds().size());
        ObjectNode headline = n.putObject("headline");
        headline.put("metric", t.headlineMetric().column());
        headline.put("label", t.headlineLabel());
        number(headline, "value", t.headlineValue());
        for (Metric m : Metric.values()) {
            meanStd(n.putObject(m.column()), reported.overFolds(m));
        }
        n.set("pooled", metrics(reported.pooled(), true));
        ObjectNode splits = n.putObject("splits");
        for (SplitAggregate s : t.splits()) {
            splits.set(s.split(), split(s));
        }
        ObjectNode absent = n.putObject("classes_absent");
        for (Map.Entry<String, Map<String, List<String>>> bySplit :
                t.absentClassesByFold().entrySet()) {
            ObjectNode byFold = absent.putObject(bySplit.getKey());
            for (Map.Entry<String, List<String>> e : bySplit.getValue().entrySet()) {
                strings(byFold.putArray(e.getKey()), e.getValue());
            }
        }
        return n;
    }

    /** One trial in the comparison: name, overrides, mean ± std over folds and pooled, on the reported split. */
    private static ObjectNode comparisonRow(TrialEvaluation t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("trial", t.trial().index());
        n.put("name", t.trial().name());
        n.put("overrides", t.trial().overridesText());
        SplitAggregate s = t.reported();
        n.put("fold_count", s.folds().size());
        for (Metric m : Metric.values()) {
            meanStd(n.putObject(m.column()), s.overFolds(m));
        }
        ObjectNode pooled = n.putObject("pooled");
        for (Metric m : Metric.values()) {
            number(pooled, m.column(), s.pooled().get(m));
        }
        number(n, "headline", t.headlineValue());
        return n;
    }

    private static ObjectNode split(SplitAggregate s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("fold_count", s.folds().size());
        ArrayNode missing = n.putArray("missing_folds");
        for (Fold f : s.missingFolds()) {
            missing.addObject().put("fold", f.index()).put("name", f.name());
        }
        for (Metric m : Metric.values()) {
            meanStd(n.putObject(m.column()), s.overFolds(m));
        }
        n.set("pooled", metrics(s.pooled(), true));
        ArrayNode folds = n.putArray("folds");
        for (FoldEvaluation f : s.folds()) {
            ObjectNode fold = metrics(f.metrics(), false);
            fold.put("fold", f.fold().index());
            fold.put("name", f.fold().name());
            folds.add(fold);
        }
        return n;
    }

    /**
     * Per split (see {@link EvaluationSummary#accounting}) and per fold: corpus = excluded_by_label + rejected +
     * scored (or trained) + not_scored; null without data-quality.json.
     */
    private static JsonNode dataQuality(EvaluationSummary summary, TrialEvaluation t) {
        if (summary.dataQuality() == null) {
            return NullNode.getInstance();
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put(
                "about",
                "utterance records: corpus = excluded_by_label + rejected + scored (val, test) or trained (train)"
                        + " + not_scored (feature rows without a prediction); complete: every utterance in the class"
                        + " set was used");
        ObjectNode splits = n.putObject("splits");
        for (SplitAccounting a : summary.accounting(t)) {
            splits.set(a.split().replace(" ", "_"), accounting(a));
        }
        ArrayNode folds = n.putArray("folds");
        for (Fold f : summary.plan().folds()) {
            ObjectNode fold = folds.addObject();
            fold.put("fold", f.index());
            fold.put("name", f.name());
            for (SplitAccounting a : summary.foldAccounting(t, f)) {
                fold.set(a.split(), accounting(a));
            }
        }
        return n;
    }

    private static ObjectNode accounting(SplitAccounting a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("corpus", a.corpus());
        n.put("excluded_by_label", a.excluded());
        n.put("rejected", a.rejected());
        ObjectNode stages = n.putObject("rejected_by_stage");
        for (Map.Entry<String, Long> e : a.rejectedByStage().entrySet()) {
            stages.put(e.getKey(), e.getValue());
        }
        if (a.isScored()) {
            n.put("scored", a.used());
            n.put("not_scored", a.notScored());
        } else if (Fold.TRAIN.equals(a.split())) {
            n.put("trained", a.used());
        }
        n.put("complete", a.complete());
        n.put("note", a.note());
        return n;
    }

    private static ObjectNode metrics(ClassificationMetrics m, boolean withConfusion) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("utterances", m.total());
        for (Metric metric : Metric.values()) {
            number(n, metric.column(), m.get(metric));
        }
        strings(n.putArray("classes_absent"), m.absentClasses());
        strings(n.putArray("classes_never_predicted"), m.neverPredictedClasses());
        if (withConfusion) {
            ArrayNode rows = n.putArray("confusion");
            long[][] counts = m.confusion().counts();
            for (long[] row : counts) {
                ArrayNode r = rows.addArray();
                for (long c : row) {
                    r.add(c);
                }
            }
        }
        return n;
    }

    private static void meanStd(ObjectNode n, MeanStd m) {
        number(n, "mean", m.mean());
        number(n, "std", m.std());
        n.put("n", m.n());
    }

    private static void number(ObjectNode n, String field, double value) {
        if (Double.isNaN(value)) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        for (String v : values) {
            array.add(v);
        }
    }
}
