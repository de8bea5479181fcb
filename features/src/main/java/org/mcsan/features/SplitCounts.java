package org.mcsan.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mcsan.features.corpus.CorpusScan;
import org.mcsan.features.corpus.ExcludedItem;
import org.mcsan.features.corpus.RejectedItem;
import org.mcsan.features.corpus.Utterance;

/**
 * The job's counts per predefined split (MELD's train/dev/test, a manifest's split column): records read, excluded
 * by label, rejected and written, with read = written + rejected + excluded in each split. Records whose split is
 * not known (a manifest row too malformed to read it) are counted under {@value #UNKNOWN}.
 */
final class SplitCounts {
    /** The key of the records whose split is not known. */
    static final String UNKNOWN = "unknown";

    final long read;
    final long excluded;
    final List<RejectedItem> rejected;

    private SplitCounts(long read, long excluded, List<RejectedItem> rejected) {
        this.read = read;
        this.excluded = excluded;
        this.rejected = Collections.unmodifiableList(rejected);
    }

    long written() {
        return read - excluded - rejected.size();
    }

    /** Utterances whose label is in the class set. */
    long inClassSet() {
        return read - excluded;
    }

    /** The rejected share of the utterances in the class set (0 when there are none). */
    double rejectedFraction() {
        return inClassSet() == 0 ? 0 : (double) rejected.size() / inClassSet();
    }

    /**
     * Counts per split, sorted by split name with {@value #UNKNOWN} last; empty when no record has a split (the
     * corpus has no predefined split).
     *
     * @param rejected every rejection of the job (reading, text, audio)
     */
    static Map<String, SplitCounts> of(CorpusScan scan, List<RejectedItem> rejected) {
        Map<String, long[]> readExcluded = new TreeMap<>();
        Map<String, List<RejectedItem>> rejectedBySplit = new TreeMap<>();
        boolean anySplit = false;
        for (Utterance u : scan.utterances()) {
            anySplit |= u.split() != null;
            readExcluded.computeIfAbsent(key(u.split()), k -> new long[2])[0]++;
        }
        for (ExcludedItem e : scan.excluded()) {
            anySplit |= e.split() != null;
            long[] c = readExcluded.computeIfAbsent(key(e.split()), k -> new long[2]);
            c[0]++;
            c[1]++;
        }
        for (RejectedItem r : scan.rejected()) {
            anySplit |= r.split() != null;
            readExcluded.computeIfAbsent(key(r.split()), k -> new long[2])[0]++; // not accepted: read here
        }
        for (RejectedItem r : rejected) {
            rejectedBySplit
                    .computeIfAbsent(key(r.split()), k -> new ArrayList<>())
                    .add(r);
        }
        if (!anySplit) return Collections.emptyMap();
        Map<String, SplitCounts> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : readExcluded.entrySet()) {
            if (e.getKey().equals(UNKNOWN)) continue;
            out.put(e.getKey(), counts(e.getValue(), rejectedBySplit.get(e.getKey())));
        }
        if (readExcluded.containsKey(UNKNOWN)) {
            out.put(UNKNOWN, counts(readExcluded.get(UNKNOWN), rejectedBySplit.get(UNKNOWN)));
        }
        return out;
    }

    private static SplitCounts counts(long[] readExcluded, List<RejectedItem> rejected) {
        return new SplitCounts(
                readExcluded[0], readExcluded[1], rejected == null ? Collections.<RejectedItem>emptyList() : rejected);
    }

    private static String key(String split) {
        return split == null ? UNKNOWN : split;
    }

    /** For manifest.json: {read, written, rejected, excluded, rejected_by_stage}. */
    Map<String, Object> asManifest() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", read);
        m.put("written", written());
        m.put("rejected", (long) rejected.size());
        m.put("excluded", excluded);
        m.put("rejected_by_stage", RejectionReport.byStage(rejected));
        return m;
    }
}
