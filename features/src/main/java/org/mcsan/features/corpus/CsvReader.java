package org.mcsan.features.corpus;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small RFC 4180 reader that works on bytes and decodes each field on its own with {@link LenientText}, so a
 * file that is UTF-8 except for a few windows-1252 bytes (MELD) keeps its good fields intact. Handles quoted
 * fields with delimiters, doubled quotes and line breaks; CRLF or LF line ends; a leading UTF-8 byte-order mark.
 * A quote inside an unquoted field is kept as a character.
 */
final class CsvReader implements Closeable {
    /** One record: its fields and the line it starts on (1-based). */
    static final class Record {
        final long line;
        final List<String> fields;
        /** Non-null when the record is broken (an unterminated quoted field). */
        final String problem;

        Record(long line, List<String> fields, String problem) {
            this.line = line;
            this.fields = Collections.unmodifiableList(fields);
            this.problem = problem;
        }

        /** True for a blank line (a single empty field). */
        boolean isBlank() {
            return fields.size() == 1 && fields.get(0).trim().isEmpty();
        }
    }

    private final InputStream in;
    private final byte delimiter;
    private long line = 1;
    private boolean started;

    CsvReader(InputStream in, char delimiter) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.delimiter = (byte) delimiter;
    }

    /** The next record, or null at the end of the input. */
    Record next() throws IOException {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        int c = read();
        if (c < 0) return null;
        long startLine = line;
        List<String> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream(64);
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    fields.add(decode(field));
                    return new Record(
                            startLine, fields, "unterminated quoted field in the record starting at line " + startLine);
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.write('"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (c == '\n') line++;
                    field.write(c);
                }
            } else if (c < 0 || c == '\n') {
                fields.add(decode(stripTrailingCr(field)));
                if (c == '\n') line++;
                return new Record(startLine, fields, null);
            } else if (c == delimiter) {
                fields.add(decode(field));
                field.reset();
                fieldStart = true;
                c = read();
                continue;
            } else if (c == '"' && fieldStart) {
                quoted = true;
            } else {
                field.write(c);
            }
            fieldStart = false;
            c = read();
        }
    }

    private int read() throws IOException {
        return in.read();
    }

    private void skipByteOrderMark() throws IOException {
        in.mark(3);
        byte[] b = new byte[3];
        int n = 0;
        while (n < 3) {
            int c = in.read();
            if (c < 0) break;
            b[n++] = (byte) c;
        }
        if (LenientText.bomLength(b, n) == 0) in.reset();
    }

    private static ByteArrayOutputStream stripTrailingCr(ByteArrayOutputStream field) {
        byte[] b = field.toByteArray();
        if (b.length > 0 && b[b.length - 1] == '\r') {
            ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
            out.write(b, 0, b.length - 1);
            return out;
        }
        return field;
    }

    private static String decode(ByteArrayOutputStream field) {
        return LenientText.decode(field.toByteArray());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
