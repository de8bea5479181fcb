package org.mcsan.training;

import java.util.Collections;
import java.util.List;
import org.mcsan.model.Example;

/** A fold's examples by role, and the class names their labels index. */
public final class FoldData {
    public final List<String> classes;
    public final List<Example> train;
    public final List<Example> validation;
    public final List<Example> test;

    public FoldData(List<String> classes, List<Example> train, List<Example> validation, List<Example> test) {
        if (train.isEmpty() || validation.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("a fold needs training, validation and test examples; got "
                    + train.size() + " / " + validation.size() + " / " + test.size());
        }
        this.classes = Collections.unmodifiableList(classes);
        this.train = train;
        this.validation = validation;
        this.test = test;
    }
}
