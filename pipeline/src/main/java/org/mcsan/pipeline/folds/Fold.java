package org.mcsan.pipeline.folds;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One fold: which groups (speakers, or predefined splits) train, validate and test. {@code groupBy} says what
 * the groups are: {@code "speaker"} or {@code "split"}.
 */
public final class Fold implements Serializable {
  private static final long serialVersionUID = 1L;

  public final int fold;
  public final String name;
  public final String groupBy;
  public final List<String> train;
  public final List<String> val;
  public final List<String> test;

  @JsonCreator
  public Fold(@JsonProperty("fold") int fold, @JsonProperty("name") String name,
              @JsonProperty("group_by") String groupBy, @JsonProperty("train") List<String> train,
              @JsonProperty("val") List<String> val, @JsonProperty("test") List<String> test) {
    this.fold = fold;
    this.name = name;
    this.groupBy = groupBy;
    this.train = sorted(train);
    this.val = sorted(val);
    this.test = sorted(test);
  }

  @JsonProperty("group_by")
  public String groupBy() {
    return groupBy;
  }

  /** The role of an utterance in this fold: "train", "val", "test", or null when the fold does not use it. */
  public String roleOf(UtteranceInfo u) {
    String group = "split".equals(groupBy) ? u.split : u.speaker;
    if (group == null) {
      return null;
    }
    if (train.contains(group)) {
      return "train";
    }
    if (val.contains(group)) {
      return "val";
    }
    return test.contains(group) ? "test" : null;
  }

  private static List<String> sorted(List<String> groups) {
    List<String> copy = new ArrayList<>(groups);
    Collections.sort(copy);
    return Collections.unmodifiableList(copy);
  }
}
