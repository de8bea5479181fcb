package org.mcsan.features.corpus;

import java.io.Serializable;
import java.util.Objects;

/**
 * An input the pipeline could not use, with the stage that refused it and a precise reason, and where the utterance
 * belongs as far as it is known (speaker, session, split; each may be null). One row of the feature dataset's
 * {@code rejected} table.
 */
public final class RejectedItem implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Stage name of problems found while reading the corpus' label, transcript and CSV files. */
    public static final String STAGE_READ = "read";

    private final String utteranceId;
    private final String path;
    private final String stage;
    private final String reason;
    private final String speaker;
    private final String session;
    private final String split;

    /** A rejected input of unknown speaker, session and split. */
    public RejectedItem(String utteranceId, String path, String stage, String reason) {
        this(utteranceId, path, stage, reason, null, null, null);
    }

    /** A rejected utterance: its speaker, session and split come from the utterance. */
    public static RejectedItem of(Utterance u, String path, String stage, String reason) {
        return new RejectedItem(u.utteranceId(), path, stage, reason, u.speaker(), u.session(), u.split());
    }

    /**
     * @param utteranceId the utterance, or null when the input is so malformed that no id could be read
     * @param path        the file (and, for text files, {@code :line}) where the problem is
     * @param stage       which stage rejected it: read, audio, text, ...
     * @param reason      what is wrong, precisely enough to fix it
     * @param speaker     the speaker, session and split, each null when not known
     */
    public RejectedItem(
            String utteranceId,
            String path,
            String stage,
            String reason,
            String speaker,
            String session,
            String split) {
        this.utteranceId = utteranceId;
        this.path = Objects.requireNonNull(path, "path");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.speaker = speaker;
        this.session = session;
        this.split = split;
    }

    /** The speaker, or null when not known. */
    public String speaker() {
        return speaker;
    }

    /** The session, or null when not known. */
    public String session() {
        return session;
    }

    /** The split, or null when not known (or the corpus has none). */
    public String split() {
        return split;
    }

    /** The utterance id, or null when none could be read. */
    public String utteranceId() {
        return utteranceId;
    }

    public String path() {
        return path;
    }

    public String stage() {
        return stage;
    }

    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RejectedItem)) return false;
        RejectedItem r = (RejectedItem) o;
        return Objects.equals(utteranceId, r.utteranceId)
                && path.equals(r.path)
                && stage.equals(r.stage)
                && reason.equals(r.reason)
                && Objects.equals(speaker, r.speaker)
                && Objects.equals(session, r.session)
                && Objects.equals(split, r.split);
    }

    @Override
    public int hashCode() {
        return Objects.hash(utteranceId, path, stage, reason, speaker, session, split);
    }

    @Override
    public String toString() {
        return "RejectedItem{" + utteranceId + " @ " + path + " [" + stage + "]: " + reason + "}";
    }
}
