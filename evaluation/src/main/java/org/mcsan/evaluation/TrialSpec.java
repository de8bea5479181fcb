package org.mcsan.evaluation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One trial of {@code trials.json}: a name and the configuration overrides it ran with. */
public final class TrialSpec {

    private final int index;
    private final String name;
    private final Map<String, String> overrides;

    public TrialSpec(int index, String name, Map<String, String> overrides) {
        this.index = index;
        this.name = name;
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** Parses the text of {@code trials.json} (a JSON array); trials come back in trial-index order. */
    public static List<TrialSpec> parseList(String json, String source) {
        JsonNode root = JsonFields.parse(json, source);
        if (!root.isArray()) {
            throw new IllegalArgumentException(source + " must be a JSON array of trials, found " + root.getNodeType());
        }
        if (root.size() == 0) {
            throw new IllegalArgumentException(source + " lists no trials");
        }
        List<TrialSpec> trials = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        int position = 0;
        for (JsonNode t : root) {
            String where = source + "[" + position++ + "]";
            int index = JsonFields.integer(t, "trial", where);
            if (!seen.add(index)) {
                throw new IllegalArgumentException(where + ": trial " + index + " appears twice");
            }
            String name = t.hasNonNull("name") ? JsonFields.text(t, "name", where) : "trial-" + index;
            Map<String, String> overrides = new LinkedHashMap<>();
            JsonNode o = t.get("overrides");
            if (o != null && !o.isNull()) {
                if (!o.isObject()) {
                    throw new IllegalArgumentException(where + ": 'overrides' must be an object, found " + o);
                }
                Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    JsonNode v = e.getValue();
                    overrides.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
                }
            }
            trials.add(new TrialSpec(index, name, overrides));
        }
        trials.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return trials;
    }

    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public Map<String, String> overrides() {
        return overrides;
    }

    /** Overrides as {@code key=value; key=value}, or "(none)". */
    public String overridesText() {
        if (overrides.isEmpty()) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
