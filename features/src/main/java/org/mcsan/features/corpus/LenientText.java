package org.mcsan.features.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes corpus text that is mostly UTF-8 but not always: each piece (a line or a field) is decoded as strict
 * UTF-8, and if that fails, as windows-1252 (the encoding MELD's stray bytes come from: 0x92 → ’). Bytes
 * undefined in windows-1252 become U+FFFD. Never throws on bad bytes.
 */
public final class LenientText {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private LenientText() {}

    public static String decode(byte[] bytes, int offset, int length) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException notUtf8) {
            CharsetDecoder cp1252 = WINDOWS_1252
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try {
                CharBuffer chars = cp1252.decode(ByteBuffer.wrap(bytes, offset, length));
                return chars.toString();
            } catch (CharacterCodingException impossible) {
                throw new IllegalStateException("a REPLACE decoder reported an error", impossible);
            }
        }
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Reads all lines of a text stream (split at \n, a trailing \r removed, a leading UTF-8 byte-order mark
     * dropped), each decoded leniently. Closes the stream.
     */
    public static List<String> readLines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream stream = in) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            byte[] buf = new byte[64 * 1024];
            boolean first = true;
            int n;
            while ((n = stream.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines.add(finishLine(line, first));
                        first = false;
                        line.reset();
                    } else {
                        line.write(buf[i]);
                    }
                }
            }
            if (line.size() > 0) {
                lines.add(finishLine(line, first));
            }
        }
        return lines;
    }

    private static String finishLine(ByteArrayOutputStream line, boolean firstLine) {
        byte[] b = line.toByteArray();
        int start = firstLine ? bomLength(b, b.length) : 0;
        int end = b.length;
        if (end > start && b[end - 1] == '\r') end--;
        return decode(b, start, end - start);
    }

    /** 3 when the bytes start with the UTF-8 byte-order mark, else 0. */
    static int bomLength(byte[] b, int length) {
        return length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
    }
}
