package org.mcsan.features.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mcsan.features.text.TextRepair;

/**
 * Collects what a reader decides about each utterance record and counts the records as they are offered, so
 * that {@link CorpusScan} can check that every record was classified exactly once.
 */
final class ScanBuilder {
    private final String corpus;
    private final List<Utterance> accepted = new ArrayList<>();
    private final Map<String, Long> excluded = new TreeMap<>();
    private final List<RejectedItem> rejected = new ArrayList<>();
    /** Utterance id → where it was first seen, for duplicate detection. */
    private final Map<String, String> firstSeenAt = new HashMap<>();
    /** Kind of text repair → utterances whose transcript needed it. */
    private final Map<String, Long> transcriptRepairs = new TreeMap<>();

    private long seen;

    ScanBuilder(String corpus) {
        this.corpus = corpus;
    }

    String corpus() {
        return corpus;
    }

    /** Counts one utterance record; every record must then be accepted, excluded or rejected once. */
    void saw() {
        seen++;
    }

    /**
     * Registers an id; returns null when it is new, else the place it was first seen (the caller rejects this
     * occurrence and keeps the first).
     */
    String placeOfEarlierOccurrence(String utteranceId, String place) {
        return firstSeenAt.putIfAbsent(utteranceId, place);
    }

    /** Accepts an utterance, its transcript repaired by {@link TextRepair} (counted per kind of repair). */
    void accept(Utterance u) {
        TextRepair.Result repair = TextRepair.repair(u.transcript());
        for (String kind : repair.kinds) {
            transcriptRepairs.merge(kind, 1L, Long::sum);
        }
        accepted.add(repair.changed() ? u.withRepairedTranscript(repair.text) : u);
    }

    void exclude(String rawLabel) {
        excluded.merge(rawLabel.trim(), 1L, Long::sum);
    }

    void reject(String utteranceId, String path, String reason) {
        rejected.add(new RejectedItem(utteranceId, path, RejectedItem.STAGE_READ, reason));
    }

    /**
     * Accepts, excludes or rejects (unknown label) a labelled record according to the scheme.
     *
     * @param make builds the utterance from (label, labelIndex) once the label is known to be accepted
     */
    void classify(LabelScheme scheme, String utteranceId, String rawLabel, String place, UtteranceMaker make) {
        String label = scheme.classOf(rawLabel);
        if (label != null) {
            accept(make.make(label, scheme.indexOf(label)));
        } else if (scheme.isExcluded(rawLabel)) {
            exclude(rawLabel);
        } else {
            reject(
                    utteranceId,
                    place,
                    "unknown label '" + rawLabel + "' at " + place + "; " + scheme.describeKnownLabels());
        }
    }

    interface UtteranceMaker {
        Utterance make(String label, int labelIndex);
    }

    CorpusScan build(List<String> classes) {
        return new CorpusScan(corpus, classes, accepted, excluded, rejected, seen, transcriptRepairs);
    }
}
