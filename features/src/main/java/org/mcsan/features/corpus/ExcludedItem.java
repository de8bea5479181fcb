package org.mcsan.features.corpus;

import java.util.Objects;

/**
 * An utterance record left out on purpose because its label is outside the class set, with where it belongs as far
 * as it is known (speaker, session, split; each may be null). One row of the feature dataset's {@code excluded}
 * table.
 */
public final class ExcludedItem {
    private final String utteranceId;
    private final String rawLabel;
    private final String speaker;
    private final String session;
    private final String split;

    public ExcludedItem(String utteranceId, String rawLabel, String speaker, String session, String split) {
        this.utteranceId = utteranceId;
        this.rawLabel = Objects.requireNonNull(rawLabel, "rawLabel").trim();
        this.speaker = speaker;
        this.session = session;
        this.split = split;
    }

    /** The utterance id, or null when none could be read. */
    public String utteranceId() {
        return utteranceId;
    }

    /** The label as written in the corpus (trimmed). */
    public String rawLabel() {
        return rawLabel;
    }

    public String speaker() {
        return speaker;
    }

    public String session() {
        return session;
    }

    public String split() {
        return split;
    }
}
