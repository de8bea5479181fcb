package org.mcsan.features.text;

import java.io.Serializable;

/** Counts from reading a GloVe file. Mutable while one reader or one Spark partition fills it; merged after. */
public final class GloveStats implements Serializable {
    private static final long serialVersionUID = 1L;

    long linesRead;
    long wrongFieldCount;
    long badNumbers;
    long invalidUtf8;
    long duplicateWords;

    void count(GloveLine.Status status) {
        linesRead++;
        switch (status) {
            case WRONG_FIELD_COUNT:
                wrongFieldCount++;
                break;
            case BAD_NUMBER:
                badNumbers++;
                break;
            case INVALID_UTF8:
                invalidUtf8++;
                break;
            default:
                break;
        }
    }

    void add(GloveStats other) {
        linesRead += other.linesRead;
        wrongFieldCount += other.wrongFieldCount;
        badNumbers += other.badNumbers;
        invalidUtf8 += other.invalidUtf8;
        duplicateWords += other.duplicateWords;
    }

    /** Lines in the file (all of them, good or bad). */
    public long linesRead() {
        return linesRead;
    }

    /** Malformed lines skipped: wrong number of fields, or (for wanted words) a value that is not a number. */
    public long malformedLines() {
        return wrongFieldCount + badNumbers;
    }

    /** Lines skipped because they have fewer than dim + 1 fields. */
    public long wrongFieldCount() {
        return wrongFieldCount;
    }

    /** Lines of wanted words skipped because a value is not a finite number. */
    public long badNumbers() {
        return badNumbers;
    }

    /** Lines skipped because their word is not valid UTF-8. */
    public long invalidUtf8() {
        return invalidUtf8;
    }

    /** Wanted words that appear on more than one line (the first line wins). */
    public long duplicateWords() {
        return duplicateWords;
    }

    @Override
    public String toString() {
        return "GloveStats{lines=" + linesRead + ", wrong-field-count=" + wrongFieldCount + ", bad-numbers="
                + badNumbers + ", invalid-utf8=" + invalidUtf8 + ", duplicate-words=" + duplicateWords + "}";
    }
}
