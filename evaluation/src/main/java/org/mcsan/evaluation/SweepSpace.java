package org.mcsan.evaluation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The swept keys of a run, read from its recorded configuration ({@code mcsan.sweep.space} of {@code config.conf}):
 * each key's distribution decides how the report plots it. Empty for a run without a sweep. The evaluation module
 * cannot use the pipeline's {@code Sweep} (the pipeline depends on it), so the space's two spellings are read here
 * the same way: {@code "mcsan.model.dropout" { uniform = … }} and nested {@code mcsan { model { dropout { … } } }}.
 */
final class SweepSpace {

    private static final List<String> DISTRIBUTIONS = Arrays.asList("choice", "uniform", "log-uniform", "int-uniform");

    /** How a key's values are laid out on a plot's x axis. */
    enum Axis {
        LOG,
        LINEAR,
        CATEGORICAL
    }

    /** One swept key: its configuration path, distribution and the values it lists (choices, or [lo, hi]). */
    static final class Key {
        private final String path;
        private final String distribution;
        private final List<Object> values;

        Key(String path, String distribution, List<Object> values) {
            this.path = path;
            this.distribution = distribution;
            this.values = Collections.unmodifiableList(values);
        }

        /** e.g. "mcsan.train.learning-rate". */
        String path() {
            return path;
        }

        /** choice, uniform, log-uniform or int-uniform. */
        String distribution() {
            return distribution;
        }

        /** The choices, or [lo, hi], as the configuration wrote them. */
        List<Object> values() {
            return values;
        }

        /** Log for log-uniform, linear for (int-)uniform and numeric choices, categories for other choices. */
        Axis axis() {
            if ("log-uniform".equals(distribution)) return Axis.LOG;
            if (!"choice".equals(distribution)) return Axis.LINEAR;
            for (Object v : values) {
                if (!(v instanceof Number)) return Axis.CATEGORICAL;
            }
            return Axis.LINEAR;
        }

        /** The choices as the trials' overrides spell them (the categories of a categorical axis, in order). */
        List<String> categories() {
            List<String> out = new ArrayList<>();
            for (Object v : values) {
                if (!out.contains(String.valueOf(v))) out.add(String.valueOf(v));
            }
            return out;
        }

        /** [lo, hi] of uniform, log-uniform and int-uniform; null for a choice. */
        double[] bounds() {
            if ("choice".equals(distribution) || values.size() != 2) return null;
            if (!(values.get(0) instanceof Number) || !(values.get(1) instanceof Number)) return null;
            return new double[] {((Number) values.get(0)).doubleValue(), ((Number) values.get(1)).doubleValue()};
        }
    }

    private SweepSpace() {}

    /**
     * The swept keys in path order (the order the sweep draws them in); empty when the text defines no sweep or
     * cannot be read (the report then just has no sweep plots).
     */
    static List<Key> of(String configText) {
        Config root;
        try {
            root = ConfigFactory.parseString(configText == null ? "" : configText);
            if (!root.hasPath("mcsan.sweep.space")) return Collections.emptyList();
            Map<String, Key> keys = new TreeMap<>();
            collect(root.getObject("mcsan.sweep.space"), "", keys);
            return new ArrayList<>(keys.values());
        } catch (ConfigException e) {
            return Collections.emptyList();
        }
    }

    /** As the pipeline's Sweep.collect: an object holding a distribution (or any non-object) is a leaf. */
    private static void collect(ConfigObject node, String prefix, Map<String, Key> keys) {
        for (Map.Entry<String, ConfigValue> e : node.entrySet()) {
            List<String> elements = ConfigUtil.splitPath(e.getKey());
            String path = prefix + (elements.size() == 1 ? elements.get(0) : ConfigUtil.joinPath(elements));
            if (e.getValue().valueType() != ConfigValueType.OBJECT) continue;
            ConfigObject child = (ConfigObject) e.getValue();
            String distribution = null;
            boolean leaf = false;
            for (String k : child.keySet()) {
                if (DISTRIBUTIONS.contains(k)) distribution = k;
                leaf |= DISTRIBUTIONS.contains(k) || child.get(k).valueType() != ConfigValueType.OBJECT;
            }
            if (!leaf) {
                collect(child, path + ".", keys);
            } else if (distribution != null && child.get(distribution).valueType() == ConfigValueType.LIST) {
                List<Object> values = new ArrayList<>();
                for (ConfigValue v : (ConfigList) child.get(distribution)) values.add(v.unwrapped());
                keys.put(path, new Key(path, distribution, values));
            }
        }
    }
}
