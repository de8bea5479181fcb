package org.mcsan.features.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one text-normalisation step every corpus reader's transcripts go through (in the scan, before tokenizing):
 * it repairs the two ways MELD's CSVs (and other Windows-made text) mangle punctuation, as the text was meant.
 *
 * <ul>
 *   <li>{@value #DOUBLE_ENCODED}: UTF-8 bytes that were decoded as Latin-1/Windows-1252 and encoded again, e.g.
 *       {@code youâ\u0080\u0099re} (the bytes E2 80 99 of ’ read as three characters) → {@code you’re}. A run of
 *       characters is repaired only when, taken as bytes, it is one well-formed UTF-8 sequence.</li>
 *   <li>{@value #C1_CONTROL}: C1 control characters (U+0080–U+009F) that stand for the Windows-1252 character of
 *       the same byte, e.g. U+0092 → ’, U+0085 → …, U+0093/U+0094 → “ ”, U+0096/U+0097 → – —.</li>
 * </ul>
 *
 * Text without either is returned unchanged (the same instance).
 */
public final class TextRepair {
    public static final String DOUBLE_ENCODED = "double-encoded-utf8";
    public static final String C1_CONTROL = "c1-control-as-cp1252";
    private static final Charset CP1252 = Charset.forName("windows-1252");

    /** The repaired text and the kinds of repair it needed (empty when none). */
    public static final class Result {
        public final String text;
        public final Set<String> kinds;

        Result(String text, Set<String> kinds) {
            this.text = text;
            this.kinds = Collections.unmodifiableSet(kinds);
        }

        public boolean changed() {
            return !kinds.isEmpty();
        }
    }

    private TextRepair() {}

    public static Result repair(String text) {
        Set<String> kinds = new TreeSet<>();
        if (text == null) {
            return new Result(null, kinds);
        }
        String once = undoDoubleEncoding(text);
        if (!once.equals(text)) {
            kinds.add(DOUBLE_ENCODED);
        }
        String repaired = replaceC1(once);
        if (!repaired.equals(once)) {
            kinds.add(C1_CONTROL);
        }
        return new Result(kinds.isEmpty() ? text : repaired, kinds);
    }

    private static String undoDoubleEncoding(String s) {
        StringBuilder out = null;
        int i = 0;
        while (i < s.length()) {
            int n = sequenceLength(s.charAt(i));
            if (n > 1 && i + n <= s.length()) {
                String decoded = decodeUtf8(s, i, n);
                if (decoded != null) {
                    if (out == null) {
                        out = new StringBuilder(s.substring(0, i));
                    }
                    out.append(decoded);
                    i += n;
                    continue;
                }
            }
            if (out != null) {
                out.append(s.charAt(i));
            }
            i++;
        }
        return out == null ? s : out.toString();
    }

    /** The length of the UTF-8 sequence a lead byte starts (as a character), or 0. */
    private static int sequenceLength(char c) {
        if (c >= 0xC2 && c <= 0xDF) {
            return 2;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            return 3;
        }
        return c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    }

    /** The characters s[i, i+n) as bytes decoded as strict UTF-8, or null when they are not one sequence. */
    private static String decodeUtf8(String s, int i, int n) {
        byte[] bytes = new byte[n];
        for (int k = 0; k < n; k++) {
            char c = s.charAt(i + k);
            if (c > 0xFF || (k > 0 && (c < 0x80 || c > 0xBF))) {
                return null;
            }
            bytes[k] = (byte) c;
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return decoded.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String replaceC1(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char replacement = c;
            if (c >= 0x80 && c <= 0x9F) {
                String cp1252 = new String(new byte[] {(byte) c}, CP1252);
                // Five bytes have no Windows-1252 character; those stay as they are.
                if (cp1252.length() == 1 && cp1252.charAt(0) != '\uFFFD') {
                    replacement = cp1252.charAt(0);
                }
            }
            if (replacement != c && out == null) {
                out = new StringBuilder(s.substring(0, i));
            }
            if (out != null) {
                out.append(replacement);
            }
        }
        return out == null ? s : out.toString();
    }
}
