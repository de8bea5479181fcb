package org.mcsan.features.corpus;

import java.io.Serializable;
import java.util.Objects;
import org.mcsan.contracts.features.FeatureSchema;

/**
 * One utterance of a corpus as its reader found it: where the audio is, what was said, which class it belongs
 * to and who said it. Immutable and serializable because the feature job ships utterances to Spark tasks.
 */
public final class Utterance implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String utteranceId;
    private final String corpus;
    private final String audioPath;
    private final String transcript;
    private final String rawLabel;
    private final String label;
    private final int labelIndex;
    private final String speaker;
    private final String session;
    private final String split;
    /** The transcript as read, when the text repair changed it; else null. */
    private final String originalTranscript;

    /**
     * @param utteranceId unique within the corpus
     * @param corpus      iemocap, meld, manifest or synthetic
     * @param audioPath   local path or Hadoop URI of the audio file (existence is checked by the audio stage)
     * @param transcript  the transcript as read, or null when the corpus has none for this utterance
     * @param rawLabel    the label as written in the corpus (e.g. "exc")
     * @param label       the canonical class name (e.g. "hap")
     * @param labelIndex  index of {@code label} in the corpus' class list
     * @param speaker     speaker id (IEMOCAP: e.g. Ses01F)
     * @param session     IEMOCAP session / MELD dialogue, or null
     * @param split       predefined split (MELD train/dev/test), or null
     */
    /** The label index of an unlabelled utterance (a prediction input); its label and raw label are null. */
    public static final int UNLABELLED = FeatureSchema.UNLABELLED;

    public Utterance(
            String utteranceId,
            String corpus,
            String audioPath,
            String transcript,
            String rawLabel,
            String label,
            int labelIndex,
            String speaker,
            String session,
            String split) {
        this.utteranceId = Objects.requireNonNull(utteranceId, "utteranceId");
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.audioPath = Objects.requireNonNull(audioPath, "audioPath");
        this.transcript = transcript;
        if (labelIndex < UNLABELLED
                || (labelIndex == UNLABELLED ? rawLabel != null || label != null : rawLabel == null || label == null)) {
            throw new IllegalArgumentException(
                    "an utterance has a label and a label index >= 0, or neither (label index " + UNLABELLED
                            + "); got '" + label + "' and " + labelIndex + " for " + utteranceId);
        }
        this.rawLabel = rawLabel;
        this.label = label;
        this.labelIndex = labelIndex;
        this.speaker = Objects.requireNonNull(speaker, "speaker");
        this.session = session;
        this.split = split;
        this.originalTranscript = null;
    }

    private Utterance(Utterance u, String transcript, String originalTranscript) {
        this.utteranceId = u.utteranceId;
        this.corpus = u.corpus;
        this.audioPath = u.audioPath;
        this.transcript = transcript;
        this.rawLabel = u.rawLabel;
        this.label = u.label;
        this.labelIndex = u.labelIndex;
        this.speaker = u.speaker;
        this.session = u.session;
        this.split = u.split;
        this.originalTranscript = originalTranscript;
    }

    /** This utterance with a repaired transcript; the one read is kept as {@link #originalTranscript()}. */
    public Utterance withRepairedTranscript(String repaired) {
        return new Utterance(this, repaired, transcript);
    }

    /** The transcript as read when the text repair changed it (see {@code TextRepair}); else null. */
    public String originalTranscript() {
        return originalTranscript;
    }

    public String utteranceId() {
        return utteranceId;
    }

    public String corpus() {
        return corpus;
    }

    public String audioPath() {
        return audioPath;
    }
    /** The transcript as read; null when the corpus has none for this utterance. */
    public String transcript() {
        return transcript;
    }

    public String rawLabel() {
        return rawLabel;
    }

    public String label() {
        return label;
    }

    public int labelIndex() {
        return labelIndex;
    }

    public String speaker() {
        return speaker;
    }
    /** IEMOCAP session / MELD dialogue; may be null. */
    public String session() {
        return session;
    }
    /** Predefined split (MELD train/dev/test); may be null. */
    public String split() {
        return split;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Utterance)) return false;
        Utterance u = (Utterance) o;
        return labelIndex == u.labelIndex
                && utteranceId.equals(u.utteranceId)
                && corpus.equals(u.corpus)
                && audioPath.equals(u.audioPath)
                && Objects.equals(transcript, u.transcript)
                && Objects.equals(rawLabel, u.rawLabel)
                && Objects.equals(label, u.label)
                && speaker.equals(u.speaker)
                && Objects.equals(session, u.session)
                && Objects.equals(split, u.split)
                && Objects.equals(originalTranscript, u.originalTranscript);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                utteranceId, corpus, audioPath, transcript, rawLabel, label, labelIndex, speaker, session, split);
    }

    @Override
    public String toString() {
        return "Utterance{" + utteranceId + ", corpus=" + corpus + ", label=" + label + "(" + rawLabel + ")#"
                + labelIndex + ", speaker=" + speaker + ", session=" + session + ", split=" + split
                + ", audio=" + audioPath + ", transcript=" + transcript + "}";
    }
}
