package org.mcsan.features.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one line of a GloVe text file, {@code word v1 ... v_dim} separated by single spaces, from its bytes.
 * The vector is the last {@code dim} fields; everything before them (joined by spaces) is the word, because a few
 * GloVe 840B "words" contain spaces. Trailing spaces, tabs and CR are ignored.
 *
 * <p>Lines with fewer than {@code dim + 1} fields are malformed. A word that is not valid UTF-8 is reported as
 * such (the line is skipped: it cannot equal any token of a transcript decoded to Unicode). The numbers are
 * parsed only for words that are wanted, so a bad number on an unwanted line goes unnoticed (parsing all 2.2 M x
 * 300 numbers of GloVe 840B would dominate the lookup's cost).
 */
final class GloveLine {
    enum Status {
        FOUND,
        NOT_WANTED,
        WRONG_FIELD_COUNT,
        BAD_NUMBER,
        INVALID_UTF8
    }

    final Status status;
    final String word;
    final float[] vector;

    private GloveLine(Status status, String word, float[] vector) {
        this.status = status;
        this.word = word;
        this.vector = vector;
    }

    /**
     * Refuses archives, which Hadoop cannot decompress (GloVe is distributed as glove.840B.300d.zip), with how to
     * fix it; gzip and other stream codecs are fine.
     */
    static void checkNotAnArchive(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip") || lower.endsWith(".tar") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            throw new IllegalArgumentException("cannot read GloVe vectors from the archive " + path + ": extract the"
                    + " .txt file (e.g. unzip glove.840B.300d.zip) and point mcsan.features.glove.path at it"
                    + " (plain or gzipped)");
        }
    }

    /**
     * @param wanted the words whose vectors are needed (null = all)
     */
    static GloveLine parse(byte[] bytes, int length, int dim, Set<String> wanted) {
        int end = length;
        while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == '\r' || bytes[end - 1] == '\t')) end--;
        int vectorStart = end;
        for (int spaces = 0; spaces < dim; ) {
            vectorStart--;
            if (vectorStart < 0) return new GloveLine(Status.WRONG_FIELD_COUNT, null, null);
            if (bytes[vectorStart] == ' ') spaces++;
        }
        int wordEnd = vectorStart; // the space before the first value
        if (wordEnd == 0) return new GloveLine(Status.WRONG_FIELD_COUNT, null, null);
        String word;
        try {
            word = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, wordEnd))
                    .toString();
        } catch (CharacterCodingException e) {
            return new GloveLine(Status.INVALID_UTF8, null, null);
        }
        if (wanted != null && !wanted.contains(word)) return new GloveLine(Status.NOT_WANTED, word, null);
        float[] vector = new float[dim];
        int start = wordEnd + 1;
        for (int k = 0; k < dim; k++) {
            int stop = start;
            while (stop < end && bytes[stop] != ' ') stop++;
            try {
                vector[k] = Float.parseFloat(new String(bytes, start, stop - start, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                return new GloveLine(Status.BAD_NUMBER, word, null);
            }
            if (Float.isNaN(vector[k]) || Float.isInfinite(vector[k])) {
                return new GloveLine(Status.BAD_NUMBER, word, null);
            }
            start = stop + 1;
        }
        return new GloveLine(Status.FOUND, word, vector);
    }
}
