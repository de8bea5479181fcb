package org.mcsan.pipeline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.mcsan.contracts.run.Trial;

/**
 * {@code mcsan.sweep}: a search space expanded into trials. Each sampled configuration becomes {@code repeats}
 * trials, one per seed, whose {@code set { … }} overrides are the sampled values and {@code mcsan.train.seed}; from
 * there on a sweep is an ordinary run of trials (one unit per trial and fold, resumed unit by unit).
 */
public final class Sweep {
    public static final String GRID = "grid";
    public static final String RANDOM = "random";
    static final String SEED_KEY = "mcsan.train.seed";
    static final List<String> DISTRIBUTIONS = Arrays.asList("choice", "uniform", "log-uniform", "int-uniform");

    /** One key of the space and its distribution. */
    private static final class Dimension {
        final String key;
        final String distribution;
        final List<Object> values; // the choices, or [lo, hi]

        Dimension(String key, String distribution, List<Object> values) {
            this.key = key;
            this.distribution = distribution;
            this.values = values;
        }

        /** One draw; every dimension takes exactly one number from the stream, so draws line up across trials. */
        Object draw(SplittableRandom random) {
            switch (distribution) {
                case "choice":
                    return values.get(random.nextInt(values.size()));
                case "uniform":
                    return lo() + (hi() - lo()) * random.nextDouble();
                case "log-uniform":
                    return Math.exp(Math.log(lo()) + (Math.log(hi()) - Math.log(lo())) * random.nextDouble());
                default: // int-uniform, both bounds included
                    return integer(random.nextLong((long) lo(), (long) hi() + 1));
            }
        }

        double lo() {
            return ((Number) values.get(0)).doubleValue();
        }

        double hi() {
            return ((Number) values.get(1)).doubleValue();
        }
    }

    private Sweep() {}

    /** Whether the configuration defines a sweep (a non-empty {@code mcsan.sweep.space}). */
    public static boolean isDefined(Settings settings) {
        return !settings.mcsan().getObject("sweep.space").isEmpty();
    }

    /**
     * The sweep's trials, in order: configuration 0's repeats, then configuration 1's, …; each configuration named
     * {@code sNNN} and each trial {@code sNNN-rR}. Every trial's settings are validated here, before anything trains.
     *
     * @throws InvalidConfigException naming the key of the space (or the trial) that is invalid
     */
    public static List<Trial> trials(Settings settings) {
        Config sweep = settings.mcsan().getConfig("sweep");
        String method = sweep.getString("method");
        List<Dimension> space = space(sweep.getObject("space"), method, settings);
        List<Map<String, Object>> configurations =
                GRID.equals(method) ? grid(space) : random(space, sweep.getInt("trials"), sweep.getLong("seed"));
        int repeats = sweep.getInt("repeats");
        long baseSeed = settings.mcsan().getLong("train.seed");
        int width = Math.max(3, Integer.toString(configurations.size() - 1).length());
        List<Trial> trials = new ArrayList<>();
        for (int c = 0; c < configurations.size(); c++) {
            String configuration = "s" + String.format(Locale.ROOT, "%0" + width + "d", c);
            for (int r = 1; r <= repeats; r++) {
                Map<String, Object> overrides = new LinkedHashMap<>(configurations.get(c));
                overrides.put(SEED_KEY, integer(baseSeed + r - 1));
                Trial trial = new Trial(trials.size(), configuration + "-r" + r, configuration, overrides);
                Trials.settings(trial, settings); // validated now, before any work starts
                trials.add(trial);
            }
        }
        return trials;
    }

    /** The space's dimensions in key order (the order draws are made in), each checked against reference.conf. */
    private static List<Dimension> space(ConfigObject spaceObject, String method, Settings settings) {
        Map<String, ConfigObject> leaves = new TreeMap<>();
        collect(spaceObject, "", leaves);
        List<Dimension> out = new ArrayList<>();
        for (Map.Entry<String, ConfigObject> e : leaves.entrySet()) {
            String key = e.getKey();
            String where = "mcsan.sweep.space.\"" + key + "\" (" + Settings.origin(e.getValue()) + ")";
            if (!key.startsWith(Settings.NAMESPACE + ".")
                    || key.startsWith("mcsan.sweep.")
                    || key.equals("mcsan.trials")) {
                throw new InvalidConfigException(where + ": a swept key is a configuration path under mcsan., "
                        + "outside mcsan.sweep and mcsan.trials");
            }
            if (key.equals(SEED_KEY)) {
                // each repeat sets the seed; a swept seed would be overwritten by it
                throw new InvalidConfigException(where + ": seeds are not swept; use mcsan.sweep.repeats");
            }
            ConfigObject d = e.getValue();
            if (d.size() != 1) {
                throw new InvalidConfigException(
                        where + ": expected exactly one distribution of " + DISTRIBUTIONS + ", found " + d.keySet());
            }
            String distribution = d.keySet().iterator().next();
            if (!DISTRIBUTIONS.contains(distribution)) {
                throw new InvalidConfigException(
                        where + ": unknown distribution '" + distribution + "'; expected one of " + DISTRIBUTIONS);
            }
            if (GRID.equals(method) && !"choice".equals(distribution)) {
                throw new InvalidConfigException(where + ": a grid sweeps choices only (choice = [...]), found "
                        + distribution + "; use method = random for " + distribution);
            }
            ConfigValue v = d.get(distribution);
            if (v.valueType() != ConfigValueType.LIST) {
                throw new InvalidConfigException(where + ": " + distribution + " expects a list, found " + v.render());
            }
            List<Object> values = new ArrayList<>();
            for (ConfigValue item : (com.typesafe.config.ConfigList) v) {
                values.add(item.unwrapped());
            }
            if ("choice".equals(distribution)) {
                if (values.isEmpty()) {
                    throw new InvalidConfigException(where + ": choice needs at least one value");
                }
            } else {
                checkBounds(where, distribution, values);
            }
            Dimension dimension = new Dimension(key, distribution, values);
            // Every choice and both bounds must be valid values of the key (type, @range, @oneOf), so that the
            // space is refused as a whole, naming the key, rather than by whichever sample happens to hit a bad value.
            List<Object> checked = "choice".equals(distribution)
                    ? values
                    : "int-uniform".equals(distribution)
                            ? Arrays.asList(integer((long) dimension.lo()), integer((long) dimension.hi()))
                            : Arrays.<Object>asList(dimension.lo(), dimension.hi());
            for (Object value : checked) {
                try {
                    settings.with(ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value, where)));
                } catch (InvalidConfigException | com.typesafe.config.ConfigException ex) {
                    throw new InvalidConfigException(where + ": " + distribution + " value " + value
                            + " is not a valid " + key + ": " + ex.getMessage());
                }
            }
            out.add(dimension);
        }
        return out;
    }

    private static void checkBounds(String where, String distribution, List<Object> values) {
        if (values.size() != 2 || !(values.get(0) instanceof Number) || !(values.get(1) instanceof Number)) {
            throw new InvalidConfigException(where + ": " + distribution + " expects [lo, hi], found " + values);
        }
        double lo = ((Number) values.get(0)).doubleValue();
        double hi = ((Number) values.get(1)).doubleValue();
        if (!(lo < hi)) {
            throw new InvalidConfigException(where + ": " + distribution + " needs lo < hi, found " + values);
        }
        if ("log-uniform".equals(distribution) && lo <= 0) {
            throw new InvalidConfigException(where + ": log-uniform needs lo > 0, found " + values);
        }
        if ("int-uniform".equals(distribution) && (lo != Math.rint(lo) || hi != Math.rint(hi))) {
            throw new InvalidConfigException(where + ": int-uniform needs integer bounds, found " + values);
        }
    }

    /**
     * The space's leaves: {@code "mcsan.model.dropout" { choice = … }} (one quoted key) and nested
     * {@code mcsan { model { dropout { choice = … } } }} both name the path mcsan.model.dropout.
     */
    private static void collect(ConfigObject node, String prefix, Map<String, ConfigObject> leaves) {
        for (Map.Entry<String, ConfigValue> e : node.entrySet()) {
            String path = prefix + Trials.configPath(e.getKey());
            String where = "mcsan.sweep.space.\"" + path + "\" (" + Settings.origin(e.getValue()) + ")";
            if (e.getValue().valueType() != ConfigValueType.OBJECT) {
                throw new InvalidConfigException(where + ": expected a distribution, e.g. { choice = [a, b] } or "
                        + "{ log-uniform = [1e-4, 1e-2] }, found "
                        + e.getValue().render());
            }
            ConfigObject child = (ConfigObject) e.getValue();
            boolean leaf = false;
            for (String k : child.keySet()) {
                leaf |= DISTRIBUTIONS.contains(k) || child.get(k).valueType() != ConfigValueType.OBJECT;
            }
            if (leaf) {
                leaves.put(path, child);
            } else {
                collect(child, path + ".", leaves);
            }
        }
    }

    /** The cartesian product of the choices, the last key varying fastest. */
    private static List<Map<String, Object>> grid(List<Dimension> space) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<String, Object>());
        for (Dimension d : space) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object value : d.values) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(d.key, value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * {@code n} configurations; configuration i is drawn from a stream of its own (seeded by the sweep's seed and
     * i), so raising n keeps the first configurations exactly and a rerun resumes their units.
     */
    private static List<Map<String, Object>> random(List<Dimension> space, int n, long seed) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SplittableRandom stream = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            Map<String, Object> m = new LinkedHashMap<>();
            for (Dimension d : space) {
                m.put(d.key, d.draw(stream));
            }
            out.add(Collections.unmodifiableMap(m));
        }
        return out;
    }

    /** An Integer where it fits (what the user would have written), else a Long. */
    static Object integer(long value) {
        return value == (int) value ? (Object) (int) value : (Object) value;
    }
}
