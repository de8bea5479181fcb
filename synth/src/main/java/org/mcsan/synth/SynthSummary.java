package org.mcsan.synth;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@link SyntheticCorpus#generate} wrote. */
public final class SynthSummary {

    private final Path corpusRoot;
    private final Path embeddingsFile;
    private final int dialogs;
    private final Map<String, Integer> utterancesByLabel;
    private final Map<String, Integer> utterancesBySpeaker;
    private final double audioSeconds;
    private final int embeddingTokens;

    SynthSummary(
            Path corpusRoot,
            Path embeddingsFile,
            int dialogs,
            Map<String, Integer> utterancesByLabel,
            Map<String, Integer> utterancesBySpeaker,
            double audioSeconds,
            int embeddingTokens) {
        this.corpusRoot = corpusRoot;
        this.embeddingsFile = embeddingsFile;
        this.dialogs = dialogs;
        this.utterancesByLabel = Collections.unmodifiableMap(new LinkedHashMap<>(utterancesByLabel));
        this.utterancesBySpeaker = Collections.unmodifiableMap(new TreeMap<>(utterancesBySpeaker));
        this.audioSeconds = audioSeconds;
        this.embeddingTokens = embeddingTokens;
    }

    /** The {@code IEMOCAP_full_release} directory (give it to the IEMOCAP reader). */
    public Path corpusRoot() {
        return corpusRoot;
    }

    /** The GloVe-format embeddings file. */
    public Path embeddingsFile() {
        return embeddingsFile;
    }

    public int dialogs() {
        return dialogs;
    }

    public int utterances() {
        int total = 0;
        for (int count : utterancesByLabel.values()) {
            total += count;
        }
        return total;
    }

    /** IEMOCAP label code to number of utterances, in a fixed label order (labels with no utterances included). */
    public Map<String, Integer> utterancesByLabel() {
        return utterancesByLabel;
    }

    /** Speaker id (e.g. Ses01F) to number of utterances, sorted by id. */
    public Map<String, Integer> utterancesBySpeaker() {
        return utterancesBySpeaker;
    }

    /** Total length of all WAV files in seconds. */
    public double audioSeconds() {
        return audioSeconds;
    }

    /** Number of lines (tokens) in the embeddings file. */
    public int embeddingTokens() {
        return embeddingTokens;
    }

    /** Transcript words deliberately missing from the embeddings file. */
    public List<String> outOfVocabularyWords() {
        return SyntheticLexicon.OUT_OF_VOCABULARY;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "synthetic corpus: %d utterances (%.1f s of audio) in %d dialogs, %d speakers%n"
                        + "  labels:     %s%n  speakers:   %s%n  corpus:     %s%n"
                        + "  embeddings: %s (%d tokens; left out on purpose: %s)",
                utterances(),
                audioSeconds,
                dialogs,
                utterancesBySpeaker.size(),
                utterancesByLabel,
                utterancesBySpeaker,
                corpusRoot,
                embeddingsFile,
                embeddingTokens,
                outOfVocabularyWords());
    }
}
