package org.mcsan.contracts.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mcsan.contracts.io.JsonFields;

/** The folds of a run: {@code folds.json}, written by the training job, read by evaluation. */
@JsonPropertyOrder({"corpus", "strategy", "classes", "folds"})
public final class FoldPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String corpus;
    private final String strategy;
    private final List<String> classes;
    private final List<Fold> folds;

    /**
     * @param classes the corpus' classes, in label_index order
     * @throws IllegalArgumentException on no classes, a repeated class, no folds or a fold index used twice
     */
    public FoldPlan(String corpus, String strategy, List<String> classes, List<Fold> folds) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the fold plan of corpus " + corpus + " has no classes");
        }
        if (new HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("the fold plan of corpus " + corpus + " repeats a class: " + classes);
        }
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("the fold plan of corpus " + corpus + " has no folds");
        }
        Set<Integer> seen = new HashSet<>();
        for (Fold f : folds) {
            if (!seen.add(f.index())) {
                throw new IllegalArgumentException(
                        "the fold plan of corpus " + corpus + " has fold " + f.index() + " twice");
            }
        }
        this.corpus = corpus;
        this.strategy = strategy;
        this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
        List<Fold> sorted = new ArrayList<>(folds);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        this.folds = Collections.unmodifiableList(sorted);
    }

    /** Parses the text of {@code folds.json}; {@code source} names the file in error messages. */
    public static FoldPlan parse(String json, String source) {
        JsonNode root = JsonFields.parse(json, source);
        String corpus = JsonFields.text(root, "corpus", source);
        String strategy = root.hasNonNull("strategy") ? JsonFields.text(root, "strategy", source) : "unknown";
        List<String> classes = JsonFields.strings(root, "classes", source);
        List<Fold> folds = new ArrayList<>();
        int position = 0;
        for (JsonNode f : JsonFields.array(root, "folds", source)) {
            String where = source + " folds[" + position++ + "]";
            int index = JsonFields.integer(f, "fold", where);
            String name = f.hasNonNull("name") ? JsonFields.text(f, "name", where) : "fold-" + index;
            String groupBy = f.hasNonNull("group_by") ? JsonFields.text(f, "group_by", where) : Fold.BY_SPEAKER;
            folds.add(new Fold(
                    index,
                    name,
                    groupBy,
                    JsonFields.strings(f, "train", where),
                    JsonFields.strings(f, "val", where),
                    JsonFields.strings(f, "test", where)));
        }
        return new FoldPlan(corpus, strategy, classes, folds);
    }

    /** The text of {@code folds.json}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @JsonProperty("corpus")
    public String corpus() {
        return corpus;
    }

    /** How the folds were planned (mcsan.folds.strategy after "auto" was decided). */
    @JsonProperty("strategy")
    public String strategy() {
        return strategy;
    }

    /** The classes, in label_index order. */
    @JsonProperty("classes")
    public List<String> classes() {
        return classes;
    }

    /** Folds in fold-index order. */
    @JsonProperty("folds")
    public List<Fold> folds() {
        return folds;
    }

    /** The fold with this index, or null. */
    public Fold fold(int index) {
        for (Fold f : folds) {
            if (f.index() == index) {
                return f;
            }
        }
        return null;
    }

    /**
     * Checks the plan against the data: in every fold no group and no utterance has two roles, and every fold
     * has training, validation and test utterances.
     *
     * @throws IllegalStateException naming the fold and what leaks
     */
    public void checkNoLeakage(List<UtteranceInfo> utterances) {
        for (Fold f : folds) {
            Set<String> overlap = new HashSet<>(f.train());
            overlap.retainAll(union(f.val(), f.test()));
            Set<String> valTest = new HashSet<>(f.val());
            valTest.retainAll(f.test());
            overlap.addAll(valTest);
            if (!overlap.isEmpty()) {
                throw new IllegalStateException("fold " + f.index() + " (" + f.name() + "): " + f.groupBy() + " "
                        + overlap + " has more than one role");
            }
            Map<String, String> roleOfId = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            for (UtteranceInfo u : utterances) {
                String role = f.roleOf(u);
                if (role == null) {
                    continue;
                }
                String previous = roleOfId.put(u.id, role);
                if (previous != null && !previous.equals(role)) {
                    throw new IllegalStateException("fold " + f.index() + " (" + f.name() + "): utterance " + u.id
                            + " is in both " + previous + " and " + role);
                }
                counts.merge(role, 1, Integer::sum);
            }
            for (String role : new String[] {Fold.TRAIN, Fold.VAL, Fold.TEST}) {
                if (counts.getOrDefault(role, 0) == 0) {
                    throw new IllegalStateException(
                            "fold " + f.index() + " (" + f.name() + ") has no " + role + " utterances");
                }
            }
        }
    }

    private static Set<String> union(List<String> a, List<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }
}
