package org.mcsan.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns, for the console. */
final class TextTable {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose header starts with '>' are right-aligned (the '>' is not printed). */
    TextTable(String... header) {
        this.header = new ArrayList<>();
        this.rightAligned = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            rightAligned[i] = header[i].startsWith(">");
            this.header.add(rightAligned[i] ? header[i].substring(1) : header[i]);
        }
    }

    void row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.length + " cells, table has " + header.size() + " columns");
        }
        rows.add(Arrays.asList(cells));
    }

    String render() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        int total = 0;
        for (int w : width) {
            total += w;
        }
        sb.append(repeat('-', total + 2 * (width.length - 1))).append('\n');
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                l.append("  ");
            }
            String pad = repeat(' ', width[c] - cells.get(c).length());
            l.append(rightAligned[c] ? pad + cells.get(c) : cells.get(c) + pad);
        }
        sb.append(l.toString().replaceAll("\\s+$", "")).append('\n');
    }

    private static String repeat(char ch, int n) {
        char[] chars = new char[Math.max(0, n)];
        Arrays.fill(chars, ch);
        return new String(chars);
    }
}
