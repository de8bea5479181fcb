package org.mcsan.contracts.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mcsan.contracts.io.JsonFields;

/**
 * The epoch history of one (trial, fold) unit, {@link RunLayout#HISTORY} in its unit directory: per epoch
 * ({@link EpochRecord}) the training loss and validation metrics, and which epoch model selection kept.
 */
public final class UnitHistory {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int trial;
    private final int fold;
    private final String selectionMetric;
    private final int selectedEpoch;
    private final int[] epochs;
    private final double[] trainLoss;
    private final double[] selectionValues;

    private UnitHistory(
            int trial,
            int fold,
            String selectionMetric,
            int selectedEpoch,
            int[] epochs,
            double[] trainLoss,
            double[] selectionValues) {
        this.trial = trial;
        this.fold = fold;
        this.selectionMetric = selectionMetric;
        this.selectedEpoch = selectedEpoch;
        this.epochs = epochs;
        this.trainLoss = trainLoss;
        this.selectionValues = selectionValues;
    }

    /**
     * The text of a unit's history file, as the trainer writes it; {@code executor} says where the unit was
     * committed (Spark executor id — "driver" in local mode —, host, task attempt).
     */
    public static String toJson(
            int trial,
            int fold,
            String foldName,
            String selectionMetric,
            int selectedEpoch,
            List<EpochRecord> epochs,
            Map<String, Object> executor) {
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("trial", trial);
        history.put("fold", fold);
        history.put("fold_name", foldName);
        history.put("selection_metric", selectionMetric);
        history.put("selected_epoch", selectedEpoch);
        history.put("epochs", epochs);
        history.put("executor", executor);
        try {
            return JSON.writeValueAsString(history);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a history file. The selection metric {@code m} (e.g. "ua", "wa", "wf1", "loss") is read
     * from each epoch's {@code val_m} field.
     */
    public static UnitHistory parse(String json, String source) {
        JsonNode root = JsonFields.parse(json, source);
        int trial = JsonFields.integer(root, "trial", source);
        int fold = JsonFields.integer(root, "fold", source);
        String metric = JsonFields.text(root, "selection_metric", source);
        int selected = JsonFields.integer(root, "selected_epoch", source);
        JsonNode list = JsonFields.array(root, "epochs", source);
        if (list.size() == 0) {
            throw new IllegalArgumentException(source + " lists no epochs");
        }
        String metricField = "val_" + metric;
        int n = list.size();
        int[] epochs = new int[n];
        double[] loss = new double[n];
        double[] values = new double[n];
        boolean selectedFound = false;
        for (int i = 0; i < n; i++) {
            JsonNode e = list.get(i);
            String where = source + " epochs[" + i + "]";
            epochs[i] = JsonFields.integer(e, "epoch", where);
            loss[i] = number(e, "train_loss", where);
            if (!e.has(metricField)) {
                throw new IllegalArgumentException(where + " has no '" + metricField + "' for selection metric '"
                        + metric + "'; it has " + fieldNames(e));
            }
            values[i] = number(e, metricField, where);
            selectedFound |= epochs[i] == selected;
        }
        if (!selectedFound) {
            throw new IllegalArgumentException(source + ": selected_epoch " + selected + " is not among the epochs");
        }
        return new UnitHistory(trial, fold, metric, selected, epochs, loss, values);
    }

    private static double number(JsonNode e, String field, String where) {
        JsonNode v = JsonFields.field(e, field, where);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a number, found " + v);
        }
        return v.asDouble();
    }

    private static List<String> fieldNames(JsonNode e) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = e.fieldNames();
        while (it.hasNext()) {
            names.add(it.next());
        }
        return names;
    }

    public int trial() {
        return trial;
    }

    public int fold() {
        return fold;
    }

    /** e.g. "ua"; the validation series is {@code val_<metric>}. */
    public String selectionMetric() {
        return selectionMetric;
    }

    public int selectedEpoch() {
        return selectedEpoch;
    }

    public int[] epochs() {
        return epochs.clone();
    }

    public double[] trainLoss() {
        return trainLoss.clone();
    }

    /** The selection metric on the validation split, per epoch. */
    public double[] selectionValues() {
        return selectionValues.clone();
    }

    /** Whether the selection metric is a loss (lower is better), rather than a score. */
    public boolean selectionIsLoss() {
        return ValidationRanking.lowerIsBetter(selectionMetric);
    }

    /** The validation value at the selected epoch. */
    public double selectedValue() {
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] == selectedEpoch) {
                return selectionValues[i];
            }
        }
        throw new IllegalStateException("selected epoch missing"); // checked in parse
    }
}
