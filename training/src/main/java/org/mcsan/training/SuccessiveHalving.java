package org.mcsan.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.HalvingRecord;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.UnitHistory;
import org.mcsan.contracts.run.ValidationRanking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fold-wise successive halving ({@link HalvingRecord} has the rule): the configurations race on the first folds,
 * judged on validation only, and only the best go on to train on more folds. The decisions follow from the
 * committed units alone, so a rerun of an interrupted sweep re-derives the same decisions and trains only what is
 * missing.
 */
final class SuccessiveHalving {
    private static final Logger LOG = LoggerFactory.getLogger(SuccessiveHalving.class);

    private SuccessiveHalving() {}

    static List<UnitOutcome> run(
            UnitScheduler scheduler,
            Directory run,
            List<TrialSettings> trials,
            List<Fold> folds,
            TrainJobSettings.Halving settings)
            throws IOException {
        Map<String, List<TrialSettings>> configurations = new LinkedHashMap<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (TrialSettings t : trials) {
            configurations
                    .computeIfAbsent(t.trial.configuration(), k -> new ArrayList<>())
                    .add(t);
            metrics.add(t.train.selectionMetric);
        }
        if (metrics.size() != 1) {
            throw new IllegalArgumentException("successive halving ranks configurations on one selection metric, but"
                    + " the trials select on " + metrics + "; do not sweep mcsan.train.selection-metric, or set"
                    + " mcsan.sweep.halving.enabled = false");
        }
        String metric = metrics.first();
        List<HalvingRecord.Rung> plan =
                HalvingRecord.plan(configurations.size(), folds.size(), settings.minFolds, settings.eta);
        HalvingRecord record = new HalvingRecord(metric, settings.eta, plan);
        run.write(RunLayout.HALVING, record.toJson());

        List<UnitOutcome> outcomes = new ArrayList<>();
        List<String> racing = new ArrayList<>(configurations.keySet());
        for (int r = 0; r < plan.size() && !racing.isEmpty(); r++) {
            List<Fold> rungFolds = folds.subList(0, plan.get(r).folds);
            List<TrialSettings> rungTrials = new ArrayList<>();
            for (String c : racing) rungTrials.addAll(configurations.get(c));
            outcomes.addAll(scheduler.train(
                    rungTrials,
                    rungFolds,
                    String.format(
                            Locale.ROOT,
                            "halving rung %d/%d (%d configuration(s) on %d fold(s))",
                            r,
                            plan.size() - 1,
                            racing.size(),
                            rungFolds.size())));
            boolean last = r == plan.size() - 1;
            int keep = last ? 0 : plan.get(r + 1).configurations;
            List<HalvingRecord.Decision> decisions =
                    decide(scheduler, run, racing, configurations, rungFolds, metric, keep, last);
            record.decide(decisions);
            run.write(RunLayout.HALVING, record.toJson());
            racing.clear();
            for (HalvingRecord.Decision d : decisions) {
                if (d.outcome.equals(HalvingRecord.PROMOTED)) racing.add(d.configuration);
            }
            LOG.info(describe(r, decisions));
        }
        return outcomes;
    }

    /**
     * Ranks the racing configurations on their units of the rung's folds; a configuration with a failed unit is out,
     * the best {@code keep} of the others are promoted (all are finished at the last rung), the rest pruned.
     */
    static List<HalvingRecord.Decision> decide(
            UnitScheduler scheduler,
            Directory run,
            List<String> racing,
            Map<String, List<TrialSettings>> configurations,
            List<Fold> folds,
            String metric,
            int keep,
            boolean last) {
        Map<String, MeanStd> validation = new LinkedHashMap<>();
        List<String> healthy = new ArrayList<>();
        List<HalvingRecord.Decision> failed = new ArrayList<>();
        for (String c : racing) {
            List<Double> values = new ArrayList<>();
            boolean anyFailed = false;
            for (TrialSettings t : configurations.get(c)) {
                for (Fold f : folds) {
                    int trial = t.trial.index();
                    if (scheduler.failed(trial, f.index())) {
                        anyFailed = true;
                        continue;
                    }
                    String file = RunLayout.unitFile(trial, f.index(), RunLayout.HISTORY);
                    values.add(UnitHistory.parse(run.readText(file), run.path(file))
                            .selectedValue());
                }
            }
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = values.get(i);
            validation.put(c, MeanStd.of(v));
            if (anyFailed) {
                failed.add(new HalvingRecord.Decision(c, validation.get(c), HalvingRecord.FAILED));
            } else {
                healthy.add(c);
            }
        }
        healthy.sort(ValidationRanking.order(
                ValidationRanking.lowerIsBetter(metric),
                validation::get,
                c -> configurations.get(c).get(0).trial.index()));
        List<HalvingRecord.Decision> decisions = new ArrayList<>();
        for (int i = 0; i < healthy.size(); i++) {
            String outcome = last ? HalvingRecord.FINISHED : i < keep ? HalvingRecord.PROMOTED : HalvingRecord.PRUNED;
            decisions.add(new HalvingRecord.Decision(healthy.get(i), validation.get(healthy.get(i)), outcome));
        }
        decisions.addAll(failed);
        return decisions;
    }

    private static String describe(int rung, List<HalvingRecord.Decision> decisions) {
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        for (HalvingRecord.Decision d : decisions) {
            byOutcome.computeIfAbsent(d.outcome, k -> new ArrayList<>()).add(d.configuration);
        }
        StringBuilder sb = new StringBuilder("halving rung " + rung + " decided (on validation):");
        for (Map.Entry<String, List<String>> e : byOutcome.entrySet()) {
            sb.append(' ')
                    .append(e.getKey())
                    .append(' ')
                    .append(e.getValue().size())
                    .append(' ');
            List<String> names = e.getValue();
            sb.append(names.size() <= 8 ? names.toString() : names.subList(0, 8) + "...");
            sb.append(';');
        }
        return sb.toString();
    }
}
