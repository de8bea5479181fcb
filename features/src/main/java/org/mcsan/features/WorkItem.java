package org.mcsan.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.mcsan.features.corpus.Utterance;

/** One utterance to featurize on an executor: what the reader found, its tokens and its audio source. */
final class WorkItem implements Serializable {
    private static final long serialVersionUID = 1L;

    final Utterance utterance;
    final ArrayList<String> tokens;
    /** The file to decode: the utterance's audio path, or the .mp4 beside a missing .wav. */
    final String sourcePath;
    /** Size of the source file in bytes: the work estimate used to balance partitions. */
    final long sizeBytes;

    WorkItem(Utterance utterance, List<String> tokens, String sourcePath, long sizeBytes) {
        this.utterance = utterance;
        this.tokens = new ArrayList<>(tokens);
        this.sourcePath = sourcePath;
        this.sizeBytes = sizeBytes;
    }

    boolean needsFfmpeg() {
        return !sourcePath.toLowerCase(java.util.Locale.ROOT).endsWith(".wav");
    }
}
