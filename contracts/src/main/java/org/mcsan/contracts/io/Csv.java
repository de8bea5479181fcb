package org.mcsan.contracts.io;

/** Writes CSV lines (RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled). */
public final class Csv {
    private Csv() {}

    /** One line, with its line break; null is an empty field. */
    public static String line(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String s = values[i] == null ? "" : values[i].toString();
            boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
            sb.append(quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
        }
        return sb.append('\n').toString();
    }
}
