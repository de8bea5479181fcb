package org.mcsan.features.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.mcsan.contracts.run.UtteranceInfo;
import org.mcsan.features.text.TextRepair;

/**
 * Collects what a reader decides about each utterance record and counts the records as they are offered, so
 * that {@link CorpusScan} can check that every record was classified exactly once. A rejected or excluded record
 * keeps what is known of its speaker, session and split (given with {@link #saw(String, String, String)}, or derived
 * from its utterance id), so that the evaluation can count it in its split.
 */
final class ScanBuilder {
    private final String corpus;
    private final List<Utterance> accepted = new ArrayList<>();
    private final List<ExcludedItem> excluded = new ArrayList<>();
    private final List<RejectedItem> rejected = new ArrayList<>();
    /** Utterance id → where it was first seen, for duplicate detection. */
    private final Map<String, String> firstSeenAt = new HashMap<>();
    /** Kind of text repair → utterances whose transcript needed it. */
    private final Map<String, Long> transcriptRepairs = new TreeMap<>();

    /** What an utterance id tells of its speaker, session and split (IEMOCAP's ids do), or null. */
    private final Function<String, UtteranceInfo> originOfId;

    private long seen;
    /** Speaker, session and split of the record being classified, as far as the reader knows them. */
    private UtteranceInfo current = new UtteranceInfo(null, null, null, null);

    ScanBuilder(String corpus) {
        this(corpus, id -> null);
    }

    ScanBuilder(String corpus, Function<String, UtteranceInfo> originOfId) {
        this.corpus = corpus;
        this.originOfId = originOfId;
    }

    String corpus() {
        return corpus;
    }

    /** Counts one utterance record; every record must then be accepted, excluded or rejected once. */
    void saw() {
        saw(null, null, null);
    }

    /** Counts one utterance record of which the speaker, session and split are known (each may be null). */
    void saw(String speaker, String session, String split) {
        seen++;
        current = new UtteranceInfo(null, speaker, session, split);
    }

    /** The current record's speaker, session and split, completed from what its id tells. */
    private UtteranceInfo origin(String utteranceId) {
        UtteranceInfo fromId = utteranceId == null ? null : originOfId.apply(utteranceId);
        if (fromId == null) return current;
        return new UtteranceInfo(
                utteranceId,
                current.speaker != null ? current.speaker : fromId.speaker,
                current.session != null ? current.session : fromId.session,
                current.split != null ? current.split : fromId.split);
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

    void exclude(String utteranceId, String rawLabel) {
        UtteranceInfo o = origin(utteranceId);
        excluded.add(new ExcludedItem(utteranceId, rawLabel, o.speaker, o.session, o.split));
    }

    void reject(String utteranceId, String path, String reason) {
        UtteranceInfo o = origin(utteranceId);
        rejected.add(
                new RejectedItem(utteranceId, path, RejectedItem.STAGE_READ, reason, o.speaker, o.session, o.split));
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
            exclude(utteranceId, rawLabel);
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
