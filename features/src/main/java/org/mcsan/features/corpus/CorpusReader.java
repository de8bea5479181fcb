package org.mcsan.features.corpus;

import java.io.IOException;

/** Turns a corpus on disk into utterance records. */
public interface CorpusReader {
    /**
     * Reads the whole corpus index (labels, transcripts, file layout; not the audio).
     *
     * @throws IOException when the corpus is not where it should be or its layout is not the expected one
     *                     (problems with single records are reported in the scan's rejected list instead)
     */
    CorpusScan read() throws IOException;
}
