package org.mcsan.contracts.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.io.JsonFields;
import org.mcsan.contracts.metrics.MeanStd;

/**
 * {@link RunLayout#HALVING}: fold-wise successive halving's rung plan and every decision. Rung r trains the
 * configurations still in the race on the first {@code folds} folds; the best 1/η of them, ranked on validation
 * ({@link ValidationRanking}), go on to the next rung, the rest are pruned and train no further units; a
 * configuration with a failed unit is out. The last rung trains its configurations on every fold.
 */
public final class HalvingRecord {
    public static final String PROMOTED = "promoted";
    public static final String PRUNED = "pruned";
    public static final String FAILED = "failed";
    /** A configuration of the last rung: it trained on every fold. */
    public static final String FINISHED = "finished";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One rung of the plan: how many folds its configurations train on, and how many configurations it holds. */
    public static final class Rung {
        public final int folds;
        public final int configurations;

        public Rung(int folds, int configurations) {
            this.folds = folds;
            this.configurations = configurations;
        }
    }

    /** A configuration's standing at the end of a rung. */
    public static final class Decision {
        public final String configuration;
        /** The selection metric on validation over the configuration's units of the rung's folds. */
        public final int n;

        public final double mean;
        public final double std;
        public final String outcome;

        public Decision(String configuration, MeanStd validation, String outcome) {
            this(configuration, validation.n(), validation.mean(), validation.std(), outcome);
        }

        private Decision(String configuration, int n, double mean, double std, String outcome) {
            this.configuration = configuration;
            this.n = n;
            this.mean = mean;
            this.std = std;
            this.outcome = outcome;
        }
    }

    private final String selectionMetric;
    private final int eta;
    private final List<Rung> plan;
    private final List<List<Decision>> decisions = new ArrayList<>();

    public HalvingRecord(String selectionMetric, int eta, List<Rung> plan) {
        this.selectionMetric = selectionMetric;
        this.eta = eta;
        this.plan = Collections.unmodifiableList(new ArrayList<>(plan));
    }

    /**
     * The rungs for {@code configurations} configurations and {@code folds} folds: rung r trains on
     * min(folds, minFolds × η^r) folds and keeps max(1, ⌊n / η⌋) of the previous rung's n configurations; the plan
     * ends with the rung that trains on every fold.
     */
    public static List<Rung> plan(int configurations, int folds, int minFolds, int eta) {
        List<Rung> rungs = new ArrayList<>();
        long k = Math.min(folds, minFolds);
        int n = configurations;
        while (true) {
            rungs.add(new Rung((int) k, n));
            if (k >= folds) return rungs;
            k = Math.min(folds, k * eta);
            n = Math.max(1, n / eta);
        }
    }

    public String selectionMetric() {
        return selectionMetric;
    }

    public int eta() {
        return eta;
    }

    public List<Rung> plan() {
        return plan;
    }

    /** The decisions of the rungs decided so far, rung by rung, each in rank order. */
    public List<List<Decision>> decisions() {
        return Collections.unmodifiableList(decisions);
    }

    public void decide(List<Decision> rung) {
        decisions.add(Collections.unmodifiableList(new ArrayList<>(rung)));
    }

    /** Per configuration, its outcome in the last rung it was ranked in and that rung's index. */
    public Map<String, Object[]> standing() {
        Map<String, Object[]> out = new LinkedHashMap<>();
        for (int r = 0; r < decisions.size(); r++) {
            for (Decision d : decisions.get(r)) out.put(d.configuration, new Object[] {r, d.outcome});
        }
        return out;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("selection_metric", selectionMetric);
        root.put("eta", eta);
        ArrayNode rungs = root.putArray("rungs");
        for (int r = 0; r < plan.size(); r++) {
            ObjectNode rung = rungs.addObject();
            rung.put("rung", r);
            rung.put("folds", plan.get(r).folds);
            rung.put("planned_configurations", plan.get(r).configurations);
            if (r < decisions.size()) {
                ArrayNode ranked = rung.putArray("decisions");
                for (Decision d : decisions.get(r)) {
                    ObjectNode o = ranked.addObject();
                    o.put("configuration", d.configuration);
                    o.put("n", d.n);
                    number(o, "val_mean", d.mean);
                    number(o, "val_std", d.std);
                    o.put("outcome", d.outcome);
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) o.putNull(field);
        else o.put(field, v);
    }

    public static HalvingRecord parse(String json, String source) {
        JsonNode root = JsonFields.parse(json, source);
        List<Rung> plan = new ArrayList<>();
        List<List<Decision>> decided = new ArrayList<>();
        for (JsonNode rung : JsonFields.array(root, "rungs", source)) {
            plan.add(new Rung(
                    JsonFields.integer(rung, "folds", source),
                    JsonFields.integer(rung, "planned_configurations", source)));
            if (!rung.has("decisions")) continue;
            List<Decision> ds = new ArrayList<>();
            for (JsonNode d : rung.get("decisions")) {
                ds.add(new Decision(
                        JsonFields.text(d, "configuration", source),
                        JsonFields.integer(d, "n", source),
                        d.path("val_mean").asDouble(Double.NaN),
                        d.path("val_std").asDouble(Double.NaN),
                        JsonFields.text(d, "outcome", source)));
            }
            decided.add(ds);
        }
        HalvingRecord record = new HalvingRecord(
                JsonFields.text(root, "selection_metric", source), JsonFields.integer(root, "eta", source), plan);
        for (List<Decision> ds : decided) record.decide(ds);
        return record;
    }
}
