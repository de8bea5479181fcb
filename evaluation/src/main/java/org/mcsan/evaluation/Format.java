package org.mcsan.evaluation;

import java.util.List;
import java.util.Locale;
import org.mcsan.contracts.metrics.MeanStd;

/** How metrics are printed in reports and on the console: percentages with two decimals. */
final class Format {

    private Format() {}

    /** A fraction as a percentage, e.g. 0.63214 → "63.21"; NaN → "n/a". */
    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f", 100.0 * fraction);
    }

    /** "63.21 ± 1.54", or the mean alone for one fold, or "n/a" for none. */
    static String meanStd(MeanStd m, String plusMinus) {
        if (m.n() == 0) {
            return "n/a";
        }
        if (m.n() == 1) {
            return pct(m.mean());
        }
        return pct(m.mean()) + " " + plusMinus + " " + pct(m.std());
    }

    /** A plain decimal for tables and CSV: full precision, NaN → "" (a missing value). */
    static String decimal(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    static String join(List<String> items) {
        return items.isEmpty() ? "" : String.join(", ", items);
    }
}
