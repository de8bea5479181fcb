package org.mcsan.contracts.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mcsan.contracts.io.JsonFields;

/**
 * One variant of the configuration, trained on every fold: an index, a name and the configuration overrides
 * (configuration path → value) it runs with, and the configuration it repeats: a sweep trains each sampled
 * configuration with several seeds, one trial per seed, and the leaderboard ranks configurations, not seeds. The
 * run's trials are {@code trials.json}.
 */
@JsonPropertyOrder({"trial", "name", "configuration", "overrides"})
public final class Trial implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int index;
    private final String name;
    private final Map<String, Object> overrides;
    private final String configuration;

    /** A trial that is its own configuration (an ablation's trial, a run without a sweep). */
    public Trial(int index, String name, Map<String, Object> overrides) {
        this(index, name, null, overrides);
    }

    /** @param configuration the sampled configuration this trial is a seed of, or null when it is its own */
    public Trial(int index, String name, String configuration, Map<String, Object> overrides) {
        this.index = index;
        this.name = name;
        this.configuration = configuration;
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    @JsonProperty("trial")
    public int index() {
        return index;
    }

    @JsonProperty("name")
    public String name() {
        return name;
    }

    /** The name of the configuration this trial repeats with its own seed; its own name when it is not a repeat. */
    public String configuration() {
        return configuration == null ? name : configuration;
    }

    /** Whether the trial is one seed of a sampled configuration (a sweep's), rather than its own configuration. */
    @JsonIgnore
    public boolean isSampled() {
        return configuration != null;
    }

    /** What trials.json records: absent for a trial that is its own configuration (trials.json before sweeps). */
    @JsonProperty("configuration")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    String recordedConfiguration() {
        return configuration;
    }

    /** Configuration path → value, as the user wrote it (unwrapped: strings, numbers, booleans, lists, maps). */
    @JsonProperty("overrides")
    public Map<String, Object> overrides() {
        return overrides;
    }

    /** Each override's value as text: scalars as they are, lists and maps as JSON. */
    public Map<String, String> overridesAsText() {
        Map<String, String> text = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            Object v = e.getValue();
            text.put(e.getKey(), v instanceof Map || v instanceof List ? json(v) : String.valueOf(v));
        }
        return text;
    }

    /** Overrides as {@code key=value; key=value}, or "(none)". */
    public String overridesText() {
        if (overrides.isEmpty()) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : overridesAsText().entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The text of {@code trials.json}. */
    public static String toJson(List<Trial> trials) {
        try {
            return JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(trials);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the text of {@code trials.json} (a JSON array); trials come back in trial-index order. */
    public static List<Trial> parseList(String json, String source) {
        JsonNode root = JsonFields.parse(json, source);
        if (!root.isArray()) {
            throw new IllegalArgumentException(source + " must be a JSON array of trials, found " + root.getNodeType());
        }
        if (root.size() == 0) {
            throw new IllegalArgumentException(source + " lists no trials");
        }
        List<Trial> trials = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int position = 0;
        for (JsonNode t : root) {
            String where = source + "[" + position++ + "]";
            int index = JsonFields.integer(t, "trial", where);
            if (!seen.add(index)) {
                throw new IllegalArgumentException(where + ": trial " + index + " appears twice");
            }
            String name = t.hasNonNull("name") ? JsonFields.text(t, "name", where) : "trial-" + index;
            String configuration = t.hasNonNull("configuration") ? JsonFields.text(t, "configuration", where) : null;
            Map<String, Object> overrides = new LinkedHashMap<>();
            JsonNode o = t.get("overrides");
            if (o != null && !o.isNull()) {
                if (!o.isObject()) {
                    throw new IllegalArgumentException(where + ": 'overrides' must be an object, found " + o);
                }
                Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    overrides.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
                }
            }
            trials.add(new Trial(index, name, configuration, overrides));
        }
        trials.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return trials;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
