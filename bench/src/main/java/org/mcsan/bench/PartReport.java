package org.mcsan.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one part produced: its measurements, facts about the environment, its wall time and any error. */
public final class PartReport {
    private final String name;
    private final String description;
    private final Map<String, Object> info = new LinkedHashMap<>();
    private final List<Measurement> measurements = new ArrayList<>();
    private double seconds;
    private String error;

    public PartReport(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** Records a fact that explains the part's numbers (a JSON-friendly value). */
    public void info(String key, Object value) {
        info.put(key, value);
    }

    public void add(Measurement measurement) {
        measurements.add(measurement);
    }

    void finish(double seconds, String error) {
        this.seconds = seconds;
        this.error = error;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Map<String, Object> info() {
        return Collections.unmodifiableMap(info);
    }

    public List<Measurement> measurements() {
        return Collections.unmodifiableList(measurements);
    }

    /** Wall time of the whole part, warm-ups and preparation included. */
    public double seconds() {
        return seconds;
    }

    /** Why the part stopped early, or null. */
    public String error() {
        return error;
    }
}
