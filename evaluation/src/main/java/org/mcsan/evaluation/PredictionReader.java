package org.mcsan.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.run.PredictionTable;

/**
 * Reads the run's predictions table and counts (label, prediction) pairs per (trial, fold, split)
 * with Spark, so only the small confusion matrices come back to the driver.
 */
public final class PredictionReader {

    private static final List<String> REQUIRED_COLUMNS = PredictionTable.REQUIRED_COLUMNS;

    private PredictionReader() {}

    /**
     * @param path    the predictions directory (Parquet, partitioned by trial and fold)
     * @param classes the corpus' classes; label_index and pred_index index into this list
     * @throws IllegalArgumentException on a missing column, a null or out-of-range class index, or an
     *                                  utterance predicted twice in one (trial, fold)
     */
    public static Map<PredictionKey, ConfusionMatrix> read(SparkSession spark, String path, List<String> classes) {
        Dataset<Row> predictions = spark.read().parquet(path);
        List<String> missing = new ArrayList<>(REQUIRED_COLUMNS);
        missing.removeAll(Arrays.asList(predictions.columns()));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("predictions at " + path + " lack column(s) " + missing + "; found "
                    + Arrays.toString(predictions.columns()));
        }
        checkNoNulls(predictions, path);
        checkNoDuplicates(predictions, path);

        List<Row> counts = predictions
                .groupBy(
                        col(PredictionTable.TRIAL),
                        col(PredictionTable.FOLD),
                        col(PredictionTable.SPLIT),
                        col(PredictionTable.LABEL_INDEX),
                        col(PredictionTable.PRED_INDEX))
                .count()
                .collectAsList();
        int k = classes.size();
        Map<PredictionKey, long[][]> byKey = new LinkedHashMap<>();
        for (Row r : counts) {
            int trial = ((Number) r.get(0)).intValue();
            int fold = ((Number) r.get(1)).intValue();
            String split = r.getString(2);
            int label = ((Number) r.get(3)).intValue();
            int pred = ((Number) r.get(4)).intValue();
            checkRange(predictions, path, PredictionTable.LABEL_INDEX, label, trial, fold, classes);
            checkRange(predictions, path, PredictionTable.PRED_INDEX, pred, trial, fold, classes);
            PredictionKey key = new PredictionKey(trial, fold, split);
            long[][] m = byKey.get(key);
            if (m == null) {
                m = new long[k][k];
                byKey.put(key, m);
            }
            m[label][pred] += r.getLong(5);
        }
        Map<PredictionKey, ConfusionMatrix> matrices = new HashMap<>();
        for (Map.Entry<PredictionKey, long[][]> e : byKey.entrySet()) {
            matrices.put(e.getKey(), ConfusionMatrix.of(classes, e.getValue()));
        }
        return matrices;
    }

    private static void checkNoNulls(Dataset<Row> predictions, String path) {
        Column anyNull = lit(false);
        for (String c : REQUIRED_COLUMNS) {
            anyNull = anyNull.or(col(c).isNull());
        }
        List<Row> bad = predictions.filter(anyNull).limit(1).collectAsList();
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("predictions at " + path + " have a null in a required column "
                    + REQUIRED_COLUMNS + ": " + describe(bad.get(0)));
        }
    }

    /** An utterance scored twice in one (trial, fold) would be counted twice (or leak across splits). */
    private static void checkNoDuplicates(Dataset<Row> predictions, String path) {
        List<Row> dup = predictions
                .groupBy(col(PredictionTable.TRIAL), col(PredictionTable.FOLD), col(PredictionTable.UTTERANCE_ID))
                .count()
                .filter(col("count").gt(1))
                .limit(1)
                .collectAsList();
        if (!dup.isEmpty()) {
            Row r = dup.get(0);
            throw new IllegalArgumentException("predictions at " + path + ": utterance '" + r.get(2)
                    + "' appears " + r.get(3) + " times in trial " + r.get(0) + " fold " + r.get(1)
                    + " (each utterance must be predicted once per fold, in one split)");
        }
    }

    private static void checkRange(
            Dataset<Row> predictions,
            String path,
            String column,
            int value,
            int trial,
            int fold,
            List<String> classes) {
        if (value >= 0 && value < classes.size()) {
            return;
        }
        Row example = predictions
                .filter(col(PredictionTable.TRIAL)
                        .equalTo(trial)
                        .and(col(PredictionTable.FOLD).equalTo(fold))
                        .and(col(column).equalTo(value)))
                .limit(1)
                .collectAsList()
                .get(0);
        throw new IllegalArgumentException("predictions at " + path + ": " + column + " " + value
                + " is outside [0, " + (classes.size() - 1) + "] for classes " + classes + ", e.g. "
                + describe(example));
    }

    private static String describe(Row r) {
        StringBuilder sb = new StringBuilder();
        for (String c : REQUIRED_COLUMNS) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c).append('=').append(r.<Object>getAs(c));
        }
        return sb.toString();
    }
}
