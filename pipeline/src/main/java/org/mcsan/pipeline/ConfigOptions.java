package org.mcsan.pipeline;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.pipeline.config.Trials;
import picocli.CommandLine.Option;

/** The options every command takes: configuration layers and logging. */
public final class ConfigOptions {
    @Option(
            names = "--conf",
            paramLabel = "FILE",
            description = "A HOCON configuration file (repeatable; later files win over earlier ones).")
    List<File> confFiles = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override one key, e.g. --set mcsan.model.heads=4 (repeatable; wins over files and -D).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "-D",
            paramLabel = "KEY=VALUE",
            mapFallbackValue = "",
            description = "Like a JVM system property -Dmcsan.key=value (wins over files, loses to --set).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(
            names = {"-v", "--verbose"},
            description = "Show Spark's and BigDL's INFO logs too.")
    boolean verbose;

    /** Loads and validates the layered configuration (throws InvalidConfigException with every problem). */
    public Settings load() {
        return load(new LinkedHashMap<String, String>());
    }

    /**
     * Like {@link #load()}, with a command's shortcut options (e.g. {@code --out} for {@code mcsan.features.output})
     * applied as {@code --set} layers below the user's own {@code --set}s.
     */
    public Settings load(Map<String, String> shortcuts) {
        return load(shortcuts, com.typesafe.config.ConfigFactory.empty());
    }

    /** Like {@link #load(Map)} with a command's own configuration layer below the user's files. */
    public Settings load(Map<String, String> shortcuts, com.typesafe.config.Config commandLayer) {
        Properties props = new Properties();
        props.putAll(System.getProperties());
        props.putAll(properties);
        List<String> layers = new ArrayList<>();
        for (Map.Entry<String, String> e : shortcuts.entrySet()) {
            if (e.getValue() != null) {
                layers.add(e.getKey() + "=" + e.getValue());
            }
        }
        layers.addAll(overrides);
        Settings settings = Settings.load(commandLayer, confFiles, layers, props);
        // The trials (a sweep's included) are validated at start-up with the rest, not when training reaches them.
        Trials.fromSettings(settings);
        Logging.configure(
                verbose || settings.mcsan().getBoolean("log.verbose"),
                settings.mcsan().getString("log.level"));
        return settings;
    }
}
