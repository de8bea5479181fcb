package org.mcsan.pipeline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks what the user set under {@code mcsan} against the defaults, generically: every key must exist in a
 * {@code reference.conf} (an empty object there marks an open map, such as extra Spark settings), take the
 * type of its default, and satisfy the {@code @range}/{@code @oneOf} annotations of its documentation.
 */
final class Validator {
    private final Config reference;
    private final Config resolved;
    private final List<String> knownPaths = new ArrayList<>();

    Validator(Config reference, Config resolved) {
        this.reference = reference;
        this.resolved = resolved;
        collectPaths(reference.root(), new ArrayList<String>());
    }

    List<String> check(Config user) {
        List<String> problems = new ArrayList<>();
        ConfigValue ours = user.root().get(Settings.NAMESPACE);
        if (ours == null) {
            return problems;
        }
        if (ours.valueType() != ConfigValueType.OBJECT) {
            problems.add(Settings.NAMESPACE + ": expected a section (object), got " + ours.valueType() + " ("
                    + Settings.origin(ours) + ")");
            return problems;
        }
        walk((ConfigObject) ours, new ArrayList<>(Arrays.asList(Settings.NAMESPACE)), problems);
        return problems;
    }

    private void walk(ConfigObject userObject, List<String> path, List<String> problems) {
        for (Map.Entry<String, ConfigValue> entry : userObject.entrySet()) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(entry.getKey());
            String key = ConfigUtil.joinPath(childPath);
            ConfigValue userValue = entry.getValue();
            ConfigValue defaultValue = lookup(reference.root(), childPath);
            if (defaultValue == null) {
                // Under a mistyped section every key is unknown: name each, with the closest whole known path.
                Map<String, ConfigValue> unknown = new TreeMap<>();
                if (userValue.valueType() == ConfigValueType.OBJECT && !((ConfigObject) userValue).isEmpty()) {
                    for (Map.Entry<String, ConfigValue> leaf :
                            ((ConfigObject) userValue).toConfig().entrySet()) {
                        unknown.put(key + "." + leaf.getKey(), leaf.getValue());
                    }
                } else {
                    unknown.put(key, userValue);
                }
                for (Map.Entry<String, ConfigValue> u : unknown.entrySet()) {
                    String suggestion = Suggestions.closest(u.getKey(), knownPaths);
                    problems.add(u.getKey() + ": unknown key (" + Settings.origin(u.getValue()) + ")"
                            + (suggestion == null ? "" : "; did you mean " + suggestion + "?"));
                }
                continue;
            }
            if (defaultValue.valueType() == ConfigValueType.OBJECT) {
                if (((ConfigObject) defaultValue).isEmpty()) {
                    continue; // open map: any keys allowed
                }
                if (userValue.valueType() != ConfigValueType.OBJECT) {
                    problems.add(key + ": expected a section (object), got " + describe(userValue) + " ("
                            + Settings.origin(userValue) + ")");
                    continue;
                }
                walk((ConfigObject) userValue, childPath, problems);
                continue;
            }
            String problem = checkLeaf(key, defaultValue);
            if (problem != null) {
                problems.add(key + ": " + problem + " (" + Settings.origin(userValue) + ")");
            }
        }
    }

    /** Null when the resolved value at {@code key} fits its default's type and constraints. */
    private String checkLeaf(String key, ConfigValue defaultValue) {
        if (!resolved.hasPathOrNull(key)) {
            return null;
        }
        ConfigValue value = resolved.getValue(key);
        if (resolved.getIsNull(key)) {
            return defaultValue.valueType() == ConfigValueType.NULL
                    ? null
                    : "expected " + typeName(defaultValue) + ", got null";
        }
        Object checked;
        try {
            checked = typed(key, defaultValue);
        } catch (ConfigException.WrongType | NumberFormatException e) {
            return "expected " + typeName(defaultValue) + ", got " + describe(value);
        }
        for (Constraint constraint : Constraint.parse(defaultValue.origin().comments(), key)) {
            String violation = constraint.violation(checked);
            if (violation != null) {
                return "expected " + violation + ", got " + describe(value);
            }
        }
        return null;
    }

    /** The value read with the getter its default's type calls for; throws when it does not fit. */
    private Object typed(String key, ConfigValue defaultValue) {
        switch (defaultValue.valueType()) {
            case NUMBER:
                Object n = defaultValue.unwrapped();
                if ((n instanceof Integer || n instanceof Long) && !anyNumber(defaultValue)) {
                    Number number = resolved.getNumber(key);
                    if (number instanceof Double && number.doubleValue() != Math.rint(number.doubleValue())) {
                        throw new NumberFormatException("not an integer");
                    }
                    return number.longValue();
                }
                return resolved.getDouble(key);
            case BOOLEAN:
                return resolved.getBoolean(key);
            case STRING:
                ConfigValue v = resolved.getValue(key);
                if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
                    throw new ConfigException.WrongType(
                            v.origin(), key, "string", v.valueType().name());
                }
                return resolved.getString(key);
            case LIST:
                List<Object> elements = new ArrayList<>();
                List<? extends ConfigValue> defaults = (List<? extends ConfigValue>) defaultValue;
                ConfigValueType elementType =
                        defaults.isEmpty() ? null : defaults.get(0).valueType();
                for (ConfigValue element : resolved.getList(key)) {
                    if (elementType != null
                            && elementType != element.valueType()
                            && !(elementType == ConfigValueType.STRING
                                    && element.valueType() != ConfigValueType.OBJECT
                                    && element.valueType() != ConfigValueType.LIST)) {
                        throw new ConfigException.WrongType(
                                element.origin(),
                                key,
                                "list",
                                element.valueType().name());
                    }
                    elements.add(element.unwrapped());
                }
                return elements;
            default:
                return resolved.getValue(key).unwrapped(); // null default: any value
        }
    }

    private static String typeName(ConfigValue defaultValue) {
        switch (defaultValue.valueType()) {
            case NUMBER:
                Object n = defaultValue.unwrapped();
                return (n instanceof Integer || n instanceof Long) && !anyNumber(defaultValue)
                        ? "an integer"
                        : "a number";
            case BOOLEAN:
                return "a boolean (true/false)";
            case STRING:
                return "a string";
            case LIST:
                List<? extends ConfigValue> l = (List<? extends ConfigValue>) defaultValue;
                return l.isEmpty()
                        ? "a list"
                        : "a list of " + l.get(0).valueType().name().toLowerCase() + "s";
            default:
                return "a value";
        }
    }

    /**
     * Typesafe Config keeps a default written as {@code 1.0} as the integer 1, so a key whose default happens to be
     * integral says {@code @number} in its documentation when it takes any number.
     */
    private static boolean anyNumber(ConfigValue defaultValue) {
        for (String line : defaultValue.origin().comments()) {
            if (line.trim().startsWith("@number")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(ConfigValue value) {
        return value.render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    private static ConfigValue lookup(ConfigObject root, List<String> path) {
        ConfigValue current = root;
        for (String element : path) {
            if (!(current instanceof ConfigObject)) {
                return null;
            }
            current = ((ConfigObject) current).get(element);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private void collectPaths(ConfigObject object, List<String> path) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            List<String> child = new ArrayList<>(path);
            child.add(e.getKey());
            if (!child.get(0).equals(Settings.NAMESPACE)) {
                continue;
            }
            knownPaths.add(ConfigUtil.joinPath(child));
            if (e.getValue() instanceof ConfigObject) {
                collectPaths((ConfigObject) e.getValue(), child);
            }
        }
    }
}
