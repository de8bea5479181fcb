package org.mcsan.pipeline.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A constraint on one key, read from the annotation lines in the comment above the key in a
 * {@code reference.conf}: {@code @range [lo, hi]} (brackets inclusive, parentheses exclusive, {@code *}
 * unbounded) or {@code @oneOf a, b, c}. Declared next to the default it constrains, so the documentation and
 * the check cannot drift apart.
 */
final class Constraint {
    private static final Pattern RANGE =
            Pattern.compile("@range\\s*([\\[(])\\s*([^,\\s]+)\\s*,\\s*([^\\])\\s]+)\\s*([\\])])");
    private static final Pattern ONE_OF = Pattern.compile("@oneOf\\s+(.+)");

    private final Double low;
    private final Double high;
    private final boolean lowInclusive;
    private final boolean highInclusive;
    private final List<String> allowed;
    private final String text;

    private Constraint(
            Double low, boolean lowInclusive, Double high, boolean highInclusive, List<String> allowed, String text) {
        this.low = low;
        this.lowInclusive = lowInclusive;
        this.high = high;
        this.highInclusive = highInclusive;
        this.allowed = allowed;
        this.text = text;
    }

    /** The constraints declared in these comment lines (none when there is no annotation). */
    static List<Constraint> parse(List<String> comments, String key) {
        List<Constraint> out = new ArrayList<>();
        for (String line : comments) {
            String l = line.trim();
            Matcher r = RANGE.matcher(l);
            if (r.find()) {
                out.add(new Constraint(
                        bound(r.group(2), key),
                        r.group(1).equals("["),
                        bound(r.group(3), key),
                        r.group(4).equals("]"),
                        null,
                        r.group(0).substring(6).trim()));
                continue;
            }
            Matcher o = ONE_OF.matcher(l);
            if (o.find()) {
                List<String> values = new ArrayList<>();
                for (String v : o.group(1).split(",")) {
                    if (!v.trim().isEmpty()) {
                        values.add(v.trim());
                    }
                }
                out.add(new Constraint(null, false, null, false, values, "one of " + String.join(", ", values)));
                continue;
            }
            if (l.contains("@range") || l.contains("@oneOf")) {
                throw new IllegalStateException("malformed constraint annotation for " + key + ": " + l);
            }
        }
        return out;
    }

    private static Double bound(String s, String key) {
        if (s.equals("*")) {
            return null;
        }
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("malformed @range bound '" + s + "' for " + key);
        }
    }

    /** Null when the value satisfies the constraint, else what was expected. */
    String violation(Object value) {
        if (allowed != null) {
            if (value instanceof List) {
                for (Object element : (List<?>) value) {
                    String v = violation(element);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }
            String s = String.valueOf(value);
            return allowed.contains(s) || allowed.contains(s.toLowerCase(Locale.ROOT)) ? null : text;
        }
        if (value instanceof List) {
            for (Object element : (List<?>) value) {
                String v = violation(element);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        if (!(value instanceof Number)) {
            return null; // the type check reports non-numbers
        }
        double x = ((Number) value).doubleValue();
        boolean ok = (low == null || (lowInclusive ? x >= low : x > low))
                && (high == null || (highInclusive ? x <= high : x < high));
        return ok ? null : "a value in " + text;
    }

    List<String> allowedValues() {
        return allowed == null ? null : Arrays.asList(allowed.toArray(new String[0]));
    }

    @Override
    public String toString() {
        return text;
    }
}
