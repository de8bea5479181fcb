package org.mcsan.evaluation;

import java.util.Collections;
import java.util.List;

/** One fold of the fold plan: which speakers (or predefined splits) it trains, validates and tests on. */
public final class FoldSpec {

    private final int index;
    private final String name;
    private final List<String> train;
    private final List<String> val;
    private final List<String> test;

    public FoldSpec(int index, String name, List<String> train, List<String> val, List<String> test) {
        this.index = index;
        this.name = name;
        this.train = Collections.unmodifiableList(train);
        this.val = Collections.unmodifiableList(val);
        this.test = Collections.unmodifiableList(test);
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public List<String> train() {
        return train;
    }

    public List<String> val() {
        return val;
    }

    public List<String> test() {
        return test;
    }
}
