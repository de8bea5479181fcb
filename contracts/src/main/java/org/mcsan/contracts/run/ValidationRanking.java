package org.mcsan.contracts.run;

import java.util.Comparator;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.mcsan.contracts.metrics.MeanStd;

/**
 * How configurations are ranked on the validation split — by the leaderboard and by successive halving's decisions
 * alike, so that the two can never disagree: the better mean of the selection metric first (higher, or lower for a
 * loss); equal means by the smaller sample std; then by the first trial index, so the order never depends on
 * iteration order. Configurations without a value (no finished unit) go last.
 */
public final class ValidationRanking {
    private ValidationRanking() {}

    /** Whether a selection metric (e.g. "ua", "loss") is better when lower. */
    public static boolean lowerIsBetter(String selectionMetric) {
        return selectionMetric.endsWith("loss");
    }

    public static <T> Comparator<T> order(
            boolean lowerIsBetter, Function<T, MeanStd> value, ToIntFunction<T> firstTrial) {
        return (a, b) -> {
            MeanStd x = value.apply(a);
            MeanStd y = value.apply(b);
            boolean xNone = x.n() == 0;
            boolean yNone = y.n() == 0;
            if (xNone != yNone) return xNone ? 1 : -1;
            if (!xNone) {
                int c = lowerIsBetter ? Double.compare(x.mean(), y.mean()) : Double.compare(y.mean(), x.mean());
                if (c != 0) return c;
                c = Double.compare(Double.isNaN(x.std()) ? 0 : x.std(), Double.isNaN(y.std()) ? 0 : y.std());
                if (c != 0) return c;
            }
            return Integer.compare(firstTrial.applyAsInt(a), firstTrial.applyAsInt(b));
        };
    }
}
