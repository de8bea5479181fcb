package org.mcsan.features.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a corpus reader found: the accepted utterances, the class list their {@code labelIndex} points into, the
 * utterances left out on purpose because their label is outside the class set (counted per raw label), and the
 * records it had to reject.
 *
 * <p>Every utterance record the reader saw is accepted, excluded or rejected exactly once; the constructor
 * checks that against the reader's own count of records seen.
 */
public final class CorpusScan {
    private final String corpus;
    private final List<String> classes;
    private final List<Utterance> utterances;
    private final List<ExcludedItem> excluded;
    private final Map<String, Long> excludedByLabel;
    private final List<RejectedItem> rejected;
    private final long recordsSeen;
    private final Map<String, Long> transcriptRepairs;

    /**
     * @param recordsSeen the number of utterance records the reader counted while reading, independently of how
     *                    it classified them; must equal accepted + excluded + rejected
     */
    public CorpusScan(
            String corpus,
            List<String> classes,
            List<Utterance> utterances,
            List<ExcludedItem> excluded,
            List<RejectedItem> rejected,
            long recordsSeen,
            Map<String, Long> transcriptRepairs) {
        this.corpus = corpus;
        this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
        this.utterances = Collections.unmodifiableList(new ArrayList<>(utterances));
        this.excluded = Collections.unmodifiableList(new ArrayList<>(excluded));
        Map<String, Long> byLabel = new TreeMap<>();
        for (ExcludedItem e : excluded) byLabel.merge(e.rawLabel(), 1L, Long::sum);
        this.excludedByLabel = Collections.unmodifiableMap(byLabel);
        this.rejected = Collections.unmodifiableList(new ArrayList<>(rejected));
        this.recordsSeen = recordsSeen;
        this.transcriptRepairs = Collections.unmodifiableMap(new TreeMap<>(transcriptRepairs));
        long classified = this.utterances.size() + excludedCount() + this.rejected.size();
        if (classified != recordsSeen) {
            throw new IllegalStateException("corpus " + corpus + ": " + recordsSeen + " records seen but "
                    + this.utterances.size() + " accepted + " + excludedCount() + " excluded + "
                    + this.rejected.size() + " rejected = " + classified);
        }
    }

    /** Corpus name: iemocap, meld, manifest or synthetic. */
    public String corpus() {
        return corpus;
    }

    /** The class list, in label-index order. */
    public List<String> classes() {
        return classes;
    }

    public List<Utterance> utterances() {
        return utterances;
    }

    /** The utterances left out because their label is outside the class set, in the order read. */
    public List<ExcludedItem> excluded() {
        return excluded;
    }

    /** Raw label → number of utterances left out because the label is outside the class set (sorted by label). */
    public Map<String, Long> excludedByLabel() {
        return excludedByLabel;
    }

    public long excludedCount() {
        return excluded.size();
    }

    /** Records rejected while reading (stage {@value RejectedItem#STAGE_READ}). */
    public List<RejectedItem> rejected() {
        return rejected;
    }

    /** Kind of text repair → accepted utterances whose transcript needed it (see {@code TextRepair}). */
    public Map<String, Long> transcriptRepairs() {
        return transcriptRepairs;
    }

    /** Utterance records seen = accepted + excluded + rejected. */
    public long recordsSeen() {
        return recordsSeen;
    }

    /** One readable line for the progress log. */
    @Override
    public String toString() {
        return corpus + ": " + recordsSeen + " utterance records, " + utterances.size() + " accepted, "
                + excludedCount() + " excluded by label " + excludedByLabel + ", " + rejected.size()
                + " rejected while reading; classes " + classes
                + (transcriptRepairs.isEmpty() ? "" : "; transcripts repaired " + transcriptRepairs);
    }
}
