package org.mcsan.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shape of a matrix product C = A·B with A of M×K and B of K×N, written "MxKxN". */
public final class GemmShape {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)x(\\d+)x(\\d+)");

    private final int m;
    private final int k;
    private final int n;

    public GemmShape(int m, int k, int n) {
        if (m < 1 || k < 1 || n < 1) {
            throw new IllegalArgumentException("matrix dimensions must be positive, got " + m + "x" + k + "x" + n);
        }
        if ((long) m * k > Integer.MAX_VALUE || (long) k * n > Integer.MAX_VALUE || (long) m * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrices of " + m + "x" + k + "x" + n + " do not fit in Java arrays");
        }
        this.m = m;
        this.k = k;
        this.n = n;
    }

    /** Parses "MxKxN", e.g. "256x128x512" for a 256×128 by 128×512 product. */
    public static GemmShape parse(String text) {
        Matcher matcher = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "expected a size like 256x128x512 (M x K x N for an MxK by KxN " + "product), got '" + text + "'");
        }
        try {
            return new GemmShape(
                    Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' has a dimension too large for an int");
        }
    }

    public int m() {
        return m;
    }

    public int k() {
        return k;
    }

    public int n() {
        return n;
    }

    /** Floating-point operations of one product: a multiply and an add per (i, j, l). */
    public double flops() {
        return 2.0 * m * k * n;
    }

    @Override
    public String toString() {
        return m + "x" + k + "x" + n;
    }
}
