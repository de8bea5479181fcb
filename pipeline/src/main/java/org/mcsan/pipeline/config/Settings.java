package org.mcsan.pipeline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOriginFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * Loads the layered configuration and validates it against the defaults.
 *
 * <p>Layers, later wins: the {@code reference.conf} defaults every module ships, the {@code --conf} files in
 * the order given, {@code -Dmcsan.*} system properties, then {@code --set key=value}. Everything the
 * project reads lives under the {@code mcsan} namespace; keys outside it are left alone.
 */
public final class Settings {
    public static final String NAMESPACE = "mcsan";

    private final Config user;
    private final Config resolved;

    private Settings(Config user, Config resolved) {
        this.user = user;
        this.resolved = resolved;
    }

    /** The resolved configuration: defaults plus every layer, with origins kept. */
    public Config config() {
        return resolved;
    }

    /** The {@code mcsan} section. */
    public Config mcsan() {
        return resolved.getConfig(NAMESPACE);
    }

    /** HOCON text of the {@code mcsan} section; with origins, each value is preceded by where it came from. */
    public String render(boolean withOrigins) {
        ConfigRenderOptions options = ConfigRenderOptions.defaults()
                .setJson(false)
                .setComments(false)
                .setOriginComments(withOrigins)
                .setFormatted(true);
        return resolved.withOnlyPath(NAMESPACE).root().render(options);
    }

    /** The {@code mcsan} section as JSON. */
    public String renderJson() {
        return resolved.getValue(NAMESPACE).render(ConfigRenderOptions.concise().setFormatted(true));
    }

    public static Settings load(List<File> confFiles, List<String> overrides) {
        return load(confFiles, overrides, System.getProperties());
    }

    /**
     * Builds and validates the layered configuration.
     *
     * @throws InvalidConfigException listing every problem found (unknown keys with a suggestion, wrong types,
     *     values out of range), or an unreadable file
     */
    public static Settings load(List<File> confFiles, List<String> overrides, Properties systemProperties) {
        return load(ConfigFactory.empty(), confFiles, overrides, systemProperties);
    }

    /**
     * Like {@link #load(List, List, Properties)} with one more layer between the defaults and the files: a
     * command's own configuration (e.g. the demo's {@code conf/demo.conf}), validated like the others.
     */
    public static Settings load(
            Config commandLayer, List<File> confFiles, List<String> overrides, Properties systemProperties) {
        Config reference = ConfigFactory.defaultReference(Settings.class.getClassLoader());
        Config user = commandLayer;
        List<String> problems = new ArrayList<>();
        for (File file : confFiles) {
            if (!file.isFile()) {
                problems.add("--conf " + file + ": no such file");
                continue;
            }
            try {
                Config layer = ConfigFactory.parseFile(
                        file, ConfigParseOptions.defaults().setAllowMissing(false));
                user = layer.withFallback(user);
            } catch (ConfigException e) {
                problems.add("--conf " + file + ": " + e.getMessage());
            }
        }
        user = systemLayer(systemProperties, reference, problems).withFallback(user);
        for (String override : overrides) {
            try {
                user = parseOverride(override, reference).withFallback(user);
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return validated(user, reference);
    }

    /** These settings with one more layer on top (e.g. a trial's overrides), validated like the others. */
    public Settings with(Config layer) {
        return validated(layer.withFallback(user), ConfigFactory.defaultReference(Settings.class.getClassLoader()));
    }

    private static Settings validated(Config user, Config reference) {
        Config resolved;
        try {
            resolved = user.withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw new InvalidConfigException(e.getMessage());
        }
        List<String> problems = new Validator(reference, resolved).check(user);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new Settings(user, resolved);
    }

    /** Settings from the defaults alone (what a test or the demo starts from). */
    public static Settings defaults() {
        return load(Collections.<File>emptyList(), Collections.<String>emptyList(), new Properties());
    }

    /** The {@code mcsan.*} system properties, each parsed like a {@code --set}. */
    private static Config systemLayer(Properties properties, Config reference, List<String> problems) {
        Config layer = ConfigFactory.empty();
        for (String key : new java.util.TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(NAMESPACE + ".")) {
                try {
                    layer = parseValue(key, properties.getProperty(key), "-D" + key, reference)
                            .withFallback(layer);
                } catch (InvalidConfigException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        return layer;
    }

    /** One {@code --set key=value}. */
    static Config parseOverride(String override, Config reference) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new InvalidConfigException("--set " + override + ": expected key=value");
        }
        String key = override.substring(0, eq).trim();
        if (!(key.equals(NAMESPACE) || key.startsWith(NAMESPACE + "."))) {
            throw new InvalidConfigException("--set " + override + ": keys live under '" + NAMESPACE + ".' (e.g. "
                    + NAMESPACE + "." + key + ")");
        }
        return parseValue(key, override.substring(eq + 1).trim(), "--set " + override, reference);
    }

    /**
     * A value for a string key is taken literally (so {@code local[*]} or a path with colons need no quoting);
     * for other keys it is parsed as a HOCON value (numbers, booleans, lists).
     */
    private static Config parseValue(String key, String value, String origin, Config reference) {
        boolean stringKey;
        try {
            stringKey = reference.hasPath(key) && reference.getValue(key).valueType() == ConfigValueType.STRING;
        } catch (ConfigException.BadPath e) {
            throw new InvalidConfigException(origin + ": " + e.getMessage());
        }
        if (!stringKey) {
            try {
                Config parsed = ConfigFactory.parseString("v = " + value);
                return parsed.getValue("v")
                        .withOrigin(ConfigOriginFactory.newSimple(origin))
                        .atPath(key);
            } catch (ConfigException e) {
                // Not a HOCON value: keep it as a string and let validation judge its type.
            }
        }
        return ConfigValueFactory.fromAnyRef(value, origin).atPath(key);
    }

    /** A value's origin, for messages: "conf/x.conf: 12", "--set …", "system property (-D)". */
    static String origin(ConfigValue value) {
        return value.origin().description();
    }
}
