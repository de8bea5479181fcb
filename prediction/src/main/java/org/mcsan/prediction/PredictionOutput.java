package org.mcsan.prediction;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The output of {@code mcsan predict}, {@code <out>/}: {@value #TABLE}/ (Parquet) and {@value #CSV} with the same
 * rows, one per utterance: utterance_id, the true label when the input has one (else null), the predicted label,
 * one probability column per class ({@code prob_<class>}, in the run's class order) and the units that voted
 * ({@code trial-T/fold-F}, comma-separated); and {@value #METRICS} when the input has labels.
 */
public final class PredictionOutput {
    public static final String TABLE = "predictions";
    public static final String CSV = "predictions.csv";
    public static final String METRICS = "metrics.json";

    public static final String UTTERANCE_ID = "utterance_id";
    public static final String LABEL = "label";
    public static final String PREDICTED = "predicted";
    public static final String PROBABILITY_PREFIX = "prob_";
    public static final String MODELS = "models";

    private PredictionOutput() {}

    /** The row schema for a run with these classes. */
    public static StructType schema(List<String> classes) {
        StructType s = new StructType()
                .add(UTTERANCE_ID, DataTypes.StringType, false)
                .add(LABEL, DataTypes.StringType, true)
                .add(PREDICTED, DataTypes.StringType, false);
        for (String c : classes) {
            s = s.add(PROBABILITY_PREFIX + c, DataTypes.FloatType, false);
        }
        return s.add(MODELS, DataTypes.StringType, false);
    }
}
