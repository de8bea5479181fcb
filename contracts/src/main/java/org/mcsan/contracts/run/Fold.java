package org.mcsan.contracts.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One fold of {@code folds.json}: which groups (speakers, or predefined splits) train, validate and test.
 * {@link #groupBy()} says what the groups are: {@value #BY_SPEAKER} or {@value #BY_SPLIT}.
 */
@JsonPropertyOrder({"fold", "name", "group_by", "train", "val", "test"})
public final class Fold implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String BY_SPEAKER = "speaker";
    public static final String BY_SPLIT = "split";
    /** The roles an utterance can have in a fold; val and test are also the split names of the predictions. */
    public static final String TRAIN = "train";

    public static final String VAL = "val";
    public static final String TEST = "test";

    private final int index;
    private final String name;
    private final String groupBy;
    private final List<String> train;
    private final List<String> val;
    private final List<String> test;

    public Fold(int index, String name, String groupBy, List<String> train, List<String> val, List<String> test) {
        this.index = index;
        this.name = name;
        this.groupBy = groupBy;
        this.train = sorted(train);
        this.val = sorted(val);
        this.test = sorted(test);
    }

    @JsonProperty("fold")
    public int index() {
        return index;
    }

    @JsonProperty("name")
    public String name() {
        return name;
    }

    @JsonProperty("group_by")
    public String groupBy() {
        return groupBy;
    }

    @JsonProperty("train")
    public List<String> train() {
        return train;
    }

    @JsonProperty("val")
    public List<String> val() {
        return val;
    }

    @JsonProperty("test")
    public List<String> test() {
        return test;
    }

    /** The role of an utterance in this fold: {@link #TRAIN}, {@link #VAL}, {@link #TEST}, or null when unused. */
    public String roleOf(UtteranceInfo u) {
        String group = BY_SPLIT.equals(groupBy) ? u.split : u.speaker;
        if (group == null) {
            return null;
        }
        if (train.contains(group)) {
            return TRAIN;
        }
        if (val.contains(group)) {
            return VAL;
        }
        return test.contains(group) ? TEST : null;
    }

    private static List<String> sorted(List<String> groups) {
        List<String> copy = new ArrayList<>(groups);
        Collections.sort(copy);
        return Collections.unmodifiableList(copy);
    }
}
