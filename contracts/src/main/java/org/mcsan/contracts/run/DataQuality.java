package org.mcsan.contracts.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mcsan.contracts.io.JsonFields;

/**
 * {@code data-quality.json} ({@link RunLayout#DATA_QUALITY}): what became of the corpus' utterance records in each
 * role (train, val, test) of each fold — how many have features, how many were excluded by label and how many were
 * rejected, by stage — and of the records that have no role in any fold (their speaker or split is not known, or is
 * not in the plan). Written by the training job from the feature dataset's three tables and the fold plan; the
 * evaluation adds how many were scored.
 */
public final class DataQuality {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The roles of a fold, in report order. */
    public static final String[] ROLES = {Fold.TRAIN, Fold.VAL, Fold.TEST};

    /** What became of the records of one group (a fold's role, or the unassigned ones). Immutable. */
    public static final class Counts {
        public static final Counts NONE = new Counts(0, 0, Collections.<String, Long>emptyMap());

        private final long features;
        private final long excluded;
        private final Map<String, Long> rejectedByStage;

        public Counts(long features, long excluded, Map<String, Long> rejectedByStage) {
            this.features = features;
            this.excluded = excluded;
            this.rejectedByStage = Collections.unmodifiableMap(new TreeMap<>(rejectedByStage));
        }

        /** Records with a row in the feature table. */
        public long features() {
            return features;
        }

        /** Records left out because their label is outside the class set. */
        public long excluded() {
            return excluded;
        }

        /** Stage → rejected records, sorted by stage. */
        public Map<String, Long> rejectedByStage() {
            return rejectedByStage;
        }

        public long rejected() {
            long n = 0;
            for (long c : rejectedByStage.values()) n += c;
            return n;
        }

        /** Every record of the corpus in this group: features + excluded + rejected. */
        public long corpus() {
            return features + excluded + rejected();
        }

        public Counts plus(Counts o) {
            Map<String, Long> stages = new TreeMap<>(rejectedByStage);
            for (Map.Entry<String, Long> e : o.rejectedByStage.entrySet())
                stages.merge(e.getKey(), e.getValue(), Long::sum);
            return new Counts(features + o.features, excluded + o.excluded, stages);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Counts)) return false;
            Counts c = (Counts) o;
            return features == c.features && excluded == c.excluded && rejectedByStage.equals(c.rejectedByStage);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(features) * 31 + Long.hashCode(excluded) * 17 + rejectedByStage.hashCode();
        }

        @Override
        public String toString() {
            return corpus() + " records: " + features + " with features, " + excluded + " excluded, rejected "
                    + rejectedByStage;
        }

        private ObjectNode toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("corpus", corpus());
            n.put("features", features);
            n.put("excluded", excluded);
            n.put("rejected", rejected());
            ObjectNode stages = n.putObject("rejected_by_stage");
            for (Map.Entry<String, Long> e : rejectedByStage.entrySet()) stages.put(e.getKey(), e.getValue());
            return n;
        }

        private static Counts parse(JsonNode n, String where) {
            Map<String, Long> stages = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it =
                    JsonFields.field(n, "rejected_by_stage", where).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                stages.put(e.getKey(), e.getValue().asLong());
            }
            Counts c = new Counts(
                    JsonFields.field(n, "features", where).asLong(),
                    JsonFields.field(n, "excluded", where).asLong(),
                    stages);
            if (c.corpus() != JsonFields.field(n, "corpus", where).asLong()) {
                throw new IllegalArgumentException(where + ": corpus " + n.get("corpus") + " is not features + excluded"
                        + " + rejected (" + c.corpus() + ")");
            }
            return c;
        }
    }

    /** Tallies records into a fold plan's roles. */
    public static final class Builder {
        private final FoldPlan plan;
        private final Map<Integer, Map<String, long[]>> simple = new TreeMap<>();
        private final Map<Integer, Map<String, Map<String, Long>>> stages = new TreeMap<>();
        private final long[] unassignedSimple = new long[2];
        private final Map<String, Long> unassignedStages = new TreeMap<>();

        public Builder(FoldPlan plan) {
            this.plan = plan;
        }

        /** A record with a row in the feature table. */
        public Builder features(UtteranceInfo u) {
            return add(u, 0, null);
        }

        /** A record excluded by label. */
        public Builder excluded(UtteranceInfo u) {
            return add(u, 1, null);
        }

        /** A record rejected at a stage (read, text, audio). */
        public Builder rejected(UtteranceInfo u, String stage) {
            return add(u, -1, stage);
        }

        private Builder add(UtteranceInfo u, int kind, String stage) {
            boolean assigned = false;
            for (Fold f : plan.folds()) {
                String role = f.roleOf(u);
                if (role == null) continue;
                assigned = true;
                if (kind >= 0) {
                    simple.computeIfAbsent(f.index(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(role, k -> new long[2])[kind]++;
                } else {
                    stages.computeIfAbsent(f.index(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(role, k -> new TreeMap<>())
                            .merge(stage, 1L, Long::sum);
                }
            }
            if (!assigned) {
                if (kind >= 0) unassignedSimple[kind]++;
                else unassignedStages.merge(stage, 1L, Long::sum);
            }
            return this;
        }

        public DataQuality build() {
            Map<Integer, Map<String, Counts>> folds = new TreeMap<>();
            for (Fold f : plan.folds()) {
                Map<String, Counts> roles = new LinkedHashMap<>();
                for (String role : ROLES) {
                    long[] s = simple.getOrDefault(f.index(), Collections.<String, long[]>emptyMap())
                            .getOrDefault(role, new long[2]);
                    Map<String, Long> st = stages.getOrDefault(
                                    f.index(), Collections.<String, Map<String, Long>>emptyMap())
                            .getOrDefault(role, Collections.<String, Long>emptyMap());
                    roles.put(role, new Counts(s[0], s[1], st));
                }
                folds.put(f.index(), roles);
            }
            return new DataQuality(folds, new Counts(unassignedSimple[0], unassignedSimple[1], unassignedStages));
        }
    }

    private final Map<Integer, Map<String, Counts>> folds;
    private final Counts unassigned;

    private DataQuality(Map<Integer, Map<String, Counts>> folds, Counts unassigned) {
        this.folds = folds;
        this.unassigned = unassigned;
    }

    /** The counts of a fold's role; {@link Counts#NONE} for a fold or role this file does not hold. */
    public Counts of(int fold, String role) {
        Map<String, Counts> roles = folds.get(fold);
        Counts c = roles == null ? null : roles.get(role);
        return c == null ? Counts.NONE : c;
    }

    /** Whether the file holds this fold. */
    public boolean hasFold(int fold) {
        return folds.containsKey(fold);
    }

    /** A role's counts summed over the folds (with cross-validation each utterance tests in one fold). */
    public Counts pooled(String role) {
        Counts sum = Counts.NONE;
        for (Map<String, Counts> roles : folds.values()) sum = sum.plus(roles.getOrDefault(role, Counts.NONE));
        return sum;
    }

    /** Records with no role in any fold: their speaker or split is not known, or not in the plan. */
    public Counts unassigned() {
        return unassigned;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put(
                "about",
                "utterance records per fold and role: corpus = features + excluded (label outside the class set)"
                        + " + rejected (by stage); unassigned: records whose speaker or split is unknown");
        ArrayNode list = root.putArray("folds");
        for (Map.Entry<Integer, Map<String, Counts>> f : folds.entrySet()) {
            ObjectNode fold = list.addObject();
            fold.put("fold", f.getKey());
            for (Map.Entry<String, Counts> r : f.getValue().entrySet())
                fold.set(r.getKey(), r.getValue().toJson());
        }
        root.set("unassigned", unassigned.toJson());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the text of {@code data-quality.json}; {@code source} names the file in errors. */
    public static DataQuality parse(String json, String source) {
        JsonNode root = JsonFields.parse(json, source);
        Map<Integer, Map<String, Counts>> folds = new TreeMap<>();
        for (JsonNode f : JsonFields.array(root, "folds", source)) {
            int index = JsonFields.integer(f, "fold", source + " folds[]");
            Map<String, Counts> roles = new LinkedHashMap<>();
            for (String role : ROLES) {
                roles.put(
                        role,
                        Counts.parse(
                                JsonFields.field(f, role, source + " fold " + index),
                                source + " fold " + index + " " + role));
            }
            folds.put(index, roles);
        }
        return new DataQuality(
                folds, Counts.parse(JsonFields.field(root, "unassigned", source), source + " unassigned"));
    }
}
