package org.mcsan.evaluation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The run's {@code folds.json}: corpus, class list (index order of label_index) and folds. */
public final class FoldPlan {

    private final String corpus;
    private final List<String> classes;
    private final List<FoldSpec> folds;

    public FoldPlan(String corpus, List<String> classes, List<FoldSpec> folds) {
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
        for (FoldSpec f : folds) {
            if (!seen.add(f.index())) {
                throw new IllegalArgumentException("the fold plan of corpus " + corpus + " has fold " + f.index()
                        + " twice");
            }
        }
        this.corpus = corpus;
        this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
        List<FoldSpec> sorted = new ArrayList<>(folds);
        sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
        this.folds = Collections.unmodifiableList(sorted);
    }

    /** Parses the text of {@code folds.json}; {@code source} names the file in error messages. */
    public static FoldPlan parse(String json, String source) {
        JsonNode root = JsonFields.parse(json, source);
        String corpus = JsonFields.text(root, "corpus", source);
        List<String> classes = JsonFields.strings(root, "classes", source);
        List<FoldSpec> folds = new ArrayList<>();
        int position = 0;
        for (JsonNode f : JsonFields.array(root, "folds", source)) {
            String where = source + " folds[" + position++ + "]";
            int index = JsonFields.integer(f, "fold", where);
            String name = f.hasNonNull("name") ? JsonFields.text(f, "name", where) : "fold-" + index;
            folds.add(new FoldSpec(index, name, JsonFields.strings(f, "train", where),
                    JsonFields.strings(f, "val", where), JsonFields.strings(f, "test", where)));
        }
        return new FoldPlan(corpus, classes, folds);
    }

    public String corpus() {
        return corpus;
    }

    public List<String> classes() {
        return classes;
    }

    /** Folds in fold-index order. */
    public List<FoldSpec> folds() {
        return folds;
    }

    /** The fold with this index, or null. */
    public FoldSpec fold(int index) {
        for (FoldSpec f : folds) {
            if (f.index() == index) {
                return f;
            }
        }
        return null;
    }
}
