package org.mcsan.contracts.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.io.JsonFields;

/**
 * A unit that failed because of its configuration ({@link RunLayout#failureFile}): it ran out of memory, its training
 * loss stopped being finite, or its network could not be built from the configuration. Such a failure repeats on
 * every attempt, so it is recorded once and not retried; the unit counts as finished, and its trial as failed. (A unit
 * that fails for any other reason — a lost executor, an I/O error — is retried by Spark and resumes from its last
 * checkpoint.) Deleting the file makes the next run train the unit again, e.g. with more executor memory.
 */
public final class UnitFailure {
    public static final String OUT_OF_MEMORY = "out-of-memory";
    public static final String NON_FINITE_LOSS = "non-finite-loss";
    public static final String INVALID_CONFIGURATION = "invalid-configuration";
    public static final List<String> KINDS = Arrays.asList(OUT_OF_MEMORY, NON_FINITE_LOSS, INVALID_CONFIGURATION);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int trial;
    private final int fold;
    private final String kind;
    private final String reason;

    public UnitFailure(int trial, int fold, String kind, String reason) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown failure kind '" + kind + "'; expected one of " + KINDS);
        }
        this.trial = trial;
        this.fold = fold;
        this.kind = kind;
        this.reason = reason;
    }

    public int trial() {
        return trial;
    }

    public int fold() {
        return fold;
    }

    /** One of {@link #KINDS}. */
    public String kind() {
        return kind;
    }

    /** What happened and which setting to change, e.g. "training loss is NaN at epoch 3, step 12; lower …". */
    public String reason() {
        return reason;
    }

    /** The file's text; {@code executor} says where the unit ran (as in {@link UnitHistory}), or null on the driver. */
    public String toJson(Map<String, Object> executor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trial", trial);
        out.put("fold", fold);
        out.put("kind", kind);
        out.put("reason", reason);
        if (executor != null) out.put("executor", executor);
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static UnitFailure parse(String json, String source) {
        JsonNode root = JsonFields.parse(json, source);
        try {
            return new UnitFailure(
                    JsonFields.integer(root, "trial", source),
                    JsonFields.integer(root, "fold", source),
                    JsonFields.text(root, "kind", source),
                    JsonFields.text(root, "reason", source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** e.g. "out-of-memory: Java heap space; …". */
    @Override
    public String toString() {
        return kind + ": " + reason;
    }
}
