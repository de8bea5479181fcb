package org.mcsan.features;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mcsan.features.text.GloveStats;
import org.mcsan.features.text.TextEmbedder;

/** What a feature job did: where it wrote, and counts that reconcile (read = written + rejected + excluded). */
public final class FeatureJobSummary {
    private final String output;
    private final String corpus;
    private final long read;
    private final long written;
    private final long rejected;
    private final long excluded;
    private final Map<String, Long> rejectedByStage;
    private final Map<String, Long> excludedByLabel;
    private final long oovWords;
    private final long tokensWritten;
    private final TextEmbedder.Coverage coverage;
    private final GloveStats gloveStats;
    private final int partitions;
    private final Map<String, Long> transcriptRepairs;

    FeatureJobSummary(
            String output,
            String corpus,
            long read,
            long written,
            long rejected,
            long excluded,
            Map<String, Long> rejectedByStage,
            Map<String, Long> excludedByLabel,
            long oovWords,
            long tokensWritten,
            TextEmbedder.Coverage coverage,
            GloveStats gloveStats,
            int partitions,
            Map<String, Long> transcriptRepairs) {
        this.output = output;
        this.corpus = corpus;
        this.read = read;
        this.written = written;
        this.rejected = rejected;
        this.excluded = excluded;
        this.rejectedByStage = Collections.unmodifiableMap(new TreeMap<>(rejectedByStage));
        this.excludedByLabel = Collections.unmodifiableMap(new TreeMap<>(excludedByLabel));
        this.oovWords = oovWords;
        this.tokensWritten = tokensWritten;
        this.coverage = coverage;
        this.gloveStats = gloveStats;
        this.partitions = partitions;
        this.transcriptRepairs = Collections.unmodifiableMap(new TreeMap<>(transcriptRepairs));
    }

    /** Kind of text repair → utterances whose transcript needed it. */
    public Map<String, Long> transcriptRepairs() {
        return transcriptRepairs;
    }

    /** The dataset directory (holding features/, rejected/, manifest.json). */
    public String output() {
        return output;
    }

    public String corpus() {
        return corpus;
    }
    /** Utterance records read from the corpus. */
    public long read() {
        return read;
    }
    /** Feature rows written. */
    public long written() {
        return written;
    }

    public long rejected() {
        return rejected;
    }
    /** Left out on purpose because their label is outside the class set. */
    public long excluded() {
        return excluded;
    }

    public Map<String, Long> rejectedByStage() {
        return rejectedByStage;
    }

    public Map<String, Long> excludedByLabel() {
        return excludedByLabel;
    }
    /** Tokens without a GloVe vector, over the written rows. */
    public long oovWords() {
        return oovWords;
    }
    /** Tokens in the written rows (after the OOV policy). */
    public long tokensWritten() {
        return tokensWritten;
    }

    public TextEmbedder.Coverage coverage() {
        return coverage;
    }

    public GloveStats gloveStats() {
        return gloveStats;
    }

    public int partitions() {
        return partitions;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "features of %s written to %s: %d read = %d written + %d rejected %s"
                        + " + %d excluded %s; vocabulary coverage %.1f%% of %d distinct tokens (%.1f%% of"
                        + " occurrences), %d OOV tokens; transcripts repaired %s",
                corpus,
                output,
                read,
                written,
                rejected,
                rejectedByStage,
                excluded,
                excludedByLabel,
                100 * coverage.distinctFraction(),
                coverage.distinctTokens(),
                100 * coverage.occurrenceFraction(),
                oovWords,
                transcriptRepairs);
    }
}
