package org.mcsan.pipeline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.run.Trial;

/** The trials of {@code mcsan.trials}, and each trial's configuration: the base with the trial's overrides on top. */
public final class Trials {
    private Trials() {}

    /** The trial's full settings: the base with its overrides on top, validated. */
    public static Settings settings(Trial trial, Settings base) {
        Config layer = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : trial.overrides().entrySet()) {
            layer = ConfigValueFactory.fromAnyRef(e.getValue(), "trial '" + trial.name() + "'")
                    .atPath(e.getKey())
                    .withFallback(layer);
        }
        try {
            return base.with(layer);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException("in trial '" + trial.name() + "': " + e.getMessage());
        }
    }

    /**
     * The configuration path an override names: {@code set { "mcsan.model.variant" = x }} (one quoted key) and
     * {@code set { mcsan.model.variant = x }} (nested keys) both mean the path mcsan.model.variant.
     */
    static String configPath(String setKey) {
        List<String> elements = ConfigUtil.splitPath(setKey);
        return elements.size() == 1 ? elements.get(0) : ConfigUtil.joinPath(elements);
    }

    /**
     * The trials of {@code mcsan.trials}, or those a sweep ({@code mcsan.sweep}) expands into, each validated; one
     * "default" trial when there are neither.
     */
    public static List<Trial> fromSettings(Settings settings) {
        List<Trial> out = new ArrayList<>();
        List<? extends ConfigValue> list = settings.mcsan().getList("trials");
        if (Sweep.isDefined(settings)) {
            if (!list.isEmpty()) {
                throw new InvalidConfigException(
                        "mcsan.sweep (" + Settings.origin(settings.mcsan().getValue("sweep.space"))
                                + ") and mcsan.trials ("
                                + Settings.origin(settings.mcsan().getValue("trials"))
                                + ") cannot be combined: a sweep makes its own trials; keep one of them");
            }
            return Sweep.trials(settings);
        }
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            String where = "mcsan.trials[" + i + "] (" + v.origin().description() + ")";
            if (v.valueType() != ConfigValueType.OBJECT) {
                throw new InvalidConfigException(where + ": expected { name = ..., set { key = value } }");
            }
            Config c = ((ConfigObject) v).toConfig();
            if (!c.hasPath("name") || c.getString("name").trim().isEmpty()) {
                throw new InvalidConfigException(where + ": a trial needs a name");
            }
            for (String key : c.root().keySet()) {
                if (!key.equals("name") && !key.equals("set")) {
                    throw new InvalidConfigException(
                            where + ": unknown trial field '" + key + "' (expected name, set)");
                }
            }
            Map<String, Object> overrides = new LinkedHashMap<>();
            if (c.hasPath("set")) {
                for (Map.Entry<String, ConfigValue> e : c.getConfig("set").entrySet()) {
                    overrides.put(configPath(e.getKey()), e.getValue().unwrapped());
                }
            }
            Trial t = new Trial(i, c.getString("name"), overrides);
            for (Trial earlier : out) {
                if (earlier.name().equals(t.name())) {
                    throw new InvalidConfigException(where + ": trial name '" + t.name() + "' is used twice");
                }
            }
            settings(t, settings); // validate now, before any work starts
            out.add(t);
        }
        if (out.isEmpty()) {
            out.add(new Trial(0, "default", Collections.<String, Object>emptyMap()));
        }
        return out;
    }
}
