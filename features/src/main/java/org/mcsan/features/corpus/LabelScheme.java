package org.mcsan.features.corpus;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a corpus' raw labels become classes: an ordered class list (its order defines {@code labelIndex}), a map
 * from raw label to class, and a set of raw labels that are left out on purpose. Raw labels are matched after
 * trimming and lower-casing; any raw label in none of the two is unknown and its utterance is rejected.
 */
public final class LabelScheme {
    private final List<String> classes;
    private final Map<String, String> classOfRaw;
    private final TreeSet<String> excluded;

    /**
     * @param classes  the class names, in label-index order; no duplicates
     * @param labelMap raw label → class; every class must be in {@code classes}
     * @param excluded raw labels to leave out (not allowed in {@code labelMap})
     */
    public LabelScheme(List<String> classes, Map<String, String> labelMap, Collection<String> excluded) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the class list is empty");
        }
        if (new TreeSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException("the class list has duplicates: " + classes);
        }
        this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
        this.classOfRaw = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : labelMap.entrySet()) {
            if (!classes.contains(e.getValue())) {
                throw new IllegalArgumentException("label map sends '" + e.getKey() + "' to '" + e.getValue()
                        + "', which is not in the class list " + classes);
            }
            classOfRaw.put(normalise(e.getKey()), e.getValue());
        }
        this.excluded = new TreeSet<>();
        for (String raw : excluded) {
            String key = normalise(raw);
            if (classOfRaw.containsKey(key)) {
                throw new IllegalArgumentException(
                        "label '" + raw + "' is both mapped to class '" + classOfRaw.get(key) + "' and excluded");
            }
            this.excluded.add(key);
        }
    }

    /**
     * Reads {@code classes} (list), {@code excluded} (list) and {@code label-map} (list of {@code "raw=class"}
     * entries) from a corpus section. Every class name maps to itself; {@code label-map} adds the raw labels that
     * join a class (IEMOCAP: {@code exc=hap}) or overrides a class name's own mapping.
     */
    public static LabelScheme from(Config section) {
        List<String> classes = section.getStringList("classes");
        List<String> excluded = section.getStringList("excluded");
        try {
            return withClassNames(classes, labelMap(section), excluded);
        } catch (IllegalArgumentException ex) {
            throw new ConfigException.BadValue(section.origin(), "classes", ex.getMessage());
        }
    }

    /** A scheme where every class name maps to itself, plus the extra raw labels of {@code labelMap}. */
    static LabelScheme withClassNames(List<String> classes, Map<String, String> labelMap, Collection<String> excluded) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String c : classes) map.put(c, c);
        map.putAll(labelMap);
        return new LabelScheme(classes, map, excluded);
    }

    /** The {@code label-map} list of a corpus section ({@code "raw=class"} entries) as raw label → class. */
    static Map<String, String> labelMap(Config section) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : section.getStringList("label-map")) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1 || entry.indexOf('=', eq + 1) >= 0) {
                throw new ConfigException.BadValue(
                        section.origin(),
                        "label-map",
                        "entries must look like \"raw=class\" (e.g. \"exc=hap\"), got \"" + entry + "\"");
            }
            map.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return map;
    }

    public List<String> classes() {
        return classes;
    }

    /** The class a raw label maps to, or null when it is not mapped. */
    public String classOf(String rawLabel) {
        return classOfRaw.get(normalise(rawLabel));
    }

    public int indexOf(String className) {
        return classes.indexOf(className);
    }

    public boolean isExcluded(String rawLabel) {
        return excluded.contains(normalise(rawLabel));
    }

    /** For error messages: the raw labels this scheme knows, mapped and excluded. */
    public String describeKnownLabels() {
        return "known labels: " + new TreeSet<>(classOfRaw.keySet()) + " (classes " + classes + "), excluded: "
                + excluded;
    }

    private static String normalise(String rawLabel) {
        return rawLabel.trim().toLowerCase(Locale.ROOT);
    }
}
