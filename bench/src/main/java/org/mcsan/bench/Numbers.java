package org.mcsan.bench;

import java.util.Locale;

/** Number formatting for the console. */
final class Numbers {
    private Numbers() {}

    /** About four significant digits, without exponent notation, for the magnitudes benchmarks produce. */
    static String format(double v) {
        double a = Math.abs(v);
        String pattern = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
