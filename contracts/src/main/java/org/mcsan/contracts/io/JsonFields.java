package org.mcsan.contracts.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads required fields of the run directory's JSON files, with errors that name the file and field. */
public final class JsonFields {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFields() {}

    public static JsonNode parse(String json, String source) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null) {
                throw new IllegalArgumentException(source + " is empty");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static JsonNode field(JsonNode object, String name, String where) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + " has no field '" + name + "'");
        }
        return value;
    }

    public static String text(JsonNode object, String name, String where) {
        JsonNode value = field(object, name, where);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + ": '" + name + "' must be a string, found " + value);
        }
        return value.asText();
    }

    public static int integer(JsonNode object, String name, String where) {
        JsonNode value = field(object, name, where);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(where + ": '" + name + "' must be an integer, found " + value);
        }
        return value.asInt();
    }

    public static JsonNode array(JsonNode object, String name, String where) {
        JsonNode value = field(object, name, where);
        if (!value.isArray()) {
            throw new IllegalArgumentException(where + ": '" + name + "' must be an array, found " + value);
        }
        return value;
    }

    public static List<String> strings(JsonNode object, String name, String where) {
        List<String> list = new ArrayList<>();
        for (JsonNode item : array(object, name, where)) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(where + ": '" + name + "' must hold strings, found " + item);
            }
            list.add(item.asText());
        }
        return list;
    }
}
