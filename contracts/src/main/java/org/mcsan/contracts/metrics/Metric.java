package org.mcsan.contracts.metrics;

import java.util.Locale;

/** The summary metrics of a set of predictions (see {@link ClassificationMetrics} for definitions). */
public enum Metric {
    WA("wa", "WA"),
    UA("ua", "UA"),
    WEIGHTED_F1("weighted_f1", "weighted F1"),
    MACRO_F1("macro_f1", "macro F1");

    private final String column;
    private final String label;

    Metric(String column, String label) {
        this.column = column;
        this.label = label;
    }

    /** Column / JSON field name, e.g. {@code weighted_f1}. */
    public String column() {
        return column;
    }

    /** Human label, e.g. {@code weighted F1}. */
    public String label() {
        return label;
    }

    /** Parses a configuration value such as {@code weighted-f1} (kebab-case or the column name). */
    public static Metric fromConfigValue(String value) {
        String normalised = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Metric m : values()) {
            if (m.column.equals(normalised)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown metric '" + value + "', expected one of wa, ua, weighted-f1, macro-f1");
    }
}
