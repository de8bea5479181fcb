package org.mcsan.pipeline.folds;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The folds of a run, as written to {@code folds.json}. */
public final class FoldPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String corpus;
  public final String strategy;
  public final List<String> classes;
  public final List<Fold> folds;

  @JsonCreator
  public FoldPlan(@JsonProperty("corpus") String corpus, @JsonProperty("strategy") String strategy,
                  @JsonProperty("classes") List<String> classes, @JsonProperty("folds") List<Fold> folds) {
    this.corpus = corpus;
    this.strategy = strategy;
    this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
    this.folds = Collections.unmodifiableList(new ArrayList<>(folds));
  }

  /**
   * Checks the plan against the data: in every fold no group and no utterance has two roles, and every fold
   * has training, validation and test utterances.
   *
   * @throws IllegalStateException naming the fold and what leaks
   */
  public void checkNoLeakage(List<UtteranceInfo> utterances) {
    for (Fold f : folds) {
      Set<String> overlap = new HashSet<>(f.train);
      overlap.retainAll(union(f.val, f.test));
      Set<String> valTest = new HashSet<>(f.val);
      valTest.retainAll(f.test);
      overlap.addAll(valTest);
      if (!overlap.isEmpty()) {
        throw new IllegalStateException("fold " + f.fold + " (" + f.name + "): " + f.groupBy + " "
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
          throw new IllegalStateException("fold " + f.fold + " (" + f.name + "): utterance " + u.id
              + " is in both " + previous + " and " + role);
        }
        counts.merge(role, 1, Integer::sum);
      }
      for (String role : new String[] {"train", "val", "test"}) {
        if (counts.getOrDefault(role, 0) == 0) {
          throw new IllegalStateException("fold " + f.fold + " (" + f.name + ") has no " + role + " utterances");
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
