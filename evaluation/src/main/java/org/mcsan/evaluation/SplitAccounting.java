package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.run.DataQuality;
import org.mcsan.contracts.run.Fold;

/**
 * What became of one split's utterance records for one trial: how many the corpus had, how many were excluded by
 * label, rejected (by stage), and scored (rows in the predictions table; for the train split: used for training).
 * corpus = excluded + rejected + scored + not scored, where "not scored" are feature rows without a prediction (a
 * fold not trained yet).
 */
final class SplitAccounting {
    /** The split name of the records whose split (or speaker) is not known. */
    static final String UNKNOWN = "unknown split";

    private final String split;
    private final DataQuality.Counts counts;
    private final long scored;

    /**
     * @param split  train, val, test or {@link #UNKNOWN}
     * @param scored rows in the predictions table (ignored for train and unknown)
     */
    SplitAccounting(String split, DataQuality.Counts counts, long scored) {
        this.split = split;
        this.counts = counts;
        this.scored = isScored() ? scored : 0;
        if (this.scored > counts.features()) {
            throw new IllegalStateException("the predictions hold " + scored + " " + split + " rows, but the feature"
                    + " dataset had only " + counts.features() + " (" + counts + ")");
        }
    }

    String split() {
        return split;
    }

    /** Whether the split's rows are scored (val, test); train rows are used for training, unknown ones nowhere. */
    boolean isScored() {
        return Fold.VAL.equals(split) || Fold.TEST.equals(split);
    }

    long corpus() {
        return counts.corpus();
    }

    long excluded() {
        return counts.excluded();
    }

    long rejected() {
        return counts.rejected();
    }

    Map<String, Long> rejectedByStage() {
        return counts.rejectedByStage();
    }

    /** Rows in the predictions table (val, test), or rows trained on (train); 0 for unknown. */
    long used() {
        if (isScored()) return scored;
        return Fold.TRAIN.equals(split) ? counts.features() : 0;
    }

    /** Feature rows of a scored split without a prediction (a fold not trained yet). */
    long notScored() {
        return isScored() ? counts.features() - scored : 0;
    }

    /** The records whose label is in the class set. */
    long inClassSet() {
        return counts.corpus() - counts.excluded();
    }

    /** Every record in the class set was used (scored, or trained on). */
    boolean complete() {
        return used() == inClassSet();
    }

    /**
     * e.g. "test: 65 of 66 utterances scored (1 rejected: audio)"; for the records of unknown split
     * "unknown split: 3 rejected (read), 0 excluded by label".
     */
    String note() {
        return note(split);
    }

    /** {@link #note()} naming the split as given, e.g. "test (pooled over 10 folds)". */
    String note(String label) {
        if (!isScored() && !Fold.TRAIN.equals(split)) {
            return UNKNOWN + ": " + rejected() + " rejected" + (rejected() > 0 ? " (" + stages() + ")" : "") + ", "
                    + excluded() + " excluded by label";
        }
        String verb = isScored() ? "scored" : "used for training";
        StringBuilder sb = new StringBuilder(label)
                .append(": ")
                .append(used())
                .append(" of ")
                .append(inClassSet())
                .append(" utterances ")
                .append(verb);
        List<String> missing = new ArrayList<>();
        if (rejected() > 0) missing.add(rejected() + " rejected: " + stages());
        if (notScored() > 0) missing.add(notScored() + " not scored yet");
        if (!missing.isEmpty())
            sb.append(" (").append(String.join("; ", missing)).append(')');
        if (excluded() > 0) sb.append("; ").append(excluded()).append(" more excluded by label");
        return sb.toString();
    }

    /** The stages that rejected: "audio" for one, "audio 1, read 2" for several. */
    String stages() {
        if (rejectedByStage().size() == 1)
            return rejectedByStage().keySet().iterator().next();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : rejectedByStage().entrySet()) parts.add(e.getKey() + " " + e.getValue());
        return String.join(", ", parts);
    }
}
