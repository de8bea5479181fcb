package org.mcsan.features.audio;

import java.io.IOException;

/**
 * The bytes are not audio this project can decode: not RIFF/WAVE, a missing or malformed chunk, an
 * unsupported encoding, truncated data. It is an {@link IOException} so that callers handle it together
 * with unreadable files; {@link #reason()} is the message without the source, for a "rejected" table that
 * already records the path.
 */
public final class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String reason;

    public AudioFormatException(String source, String reason) {
        super(source + ": " + reason);
        this.source = source;
        this.reason = reason;
    }

    /** Where the bytes came from (a path or a caller-supplied name). */
    public String source() {
        return source;
    }

    /** What is wrong, without the source. */
    public String reason() {
        return reason;
    }
}
