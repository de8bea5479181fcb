package org.mcsan.features.corpus;

import java.io.Serializable;
import java.util.Objects;

/**
 * An input the pipeline could not use, with the stage that refused it and a precise reason. One row of the
 * feature dataset's {@code rejected} table (utterance_id, path, stage, reason).
 */
public final class RejectedItem implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Stage name of problems found while reading the corpus' label, transcript and CSV files. */
    public static final String STAGE_READ = "read";

    private final String utteranceId;
    private final String path;
    private final String stage;
    private final String reason;

    /**
     * @param utteranceId the utterance, or null when the input is so malformed that no id could be read
     * @param path        the file (and, for text files, {@code :line}) where the problem is
     * @param stage       which stage rejected it: read, audio, text, ...
     * @param reason      what is wrong, precisely enough to fix it
     */
    public RejectedItem(String utteranceId, String path, String stage, String reason) {
        this.utteranceId = utteranceId;
        this.path = Objects.requireNonNull(path, "path");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.reason = Objects.requireNonNull(reason, "reason");
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
                && reason.equals(r.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(utteranceId, path, stage, reason);
    }

    @Override
    public String toString() {
        return "RejectedItem{" + utteranceId + " @ " + path + " [" + stage + "]: " + reason + "}";
    }
}
