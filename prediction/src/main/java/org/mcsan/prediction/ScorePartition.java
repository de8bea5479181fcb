package org.mcsan.prediction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.io.SerializableHadoopConf;
import org.mcsan.model.Example;
import org.mcsan.training.Scored;
import org.mcsan.training.TrainedUnit;

/**
 * Scores one partition of a feature table with every selected unit (each loaded once per partition, with its own
 * normaliser) and averages their class probabilities: the rows of {@link PredictionOutput}.
 */
final class ScorePartition implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;

    private final List<String> unitDirs;
    private final List<String> unitNames;
    private final List<String> classes;
    private final int batchSize;
    private final SerializableHadoopConf hadoop;

    ScorePartition(
            List<String> unitDirs,
            List<String> unitNames,
            List<String> classes,
            int batchSize,
            SerializableHadoopConf hadoop) {
        this.unitDirs = unitDirs;
        this.unitNames = unitNames;
        this.classes = classes;
        this.batchSize = batchSize;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        List<Example> examples = new ArrayList<>();
        while (rows.hasNext()) {
            Row r = rows.next();
            examples.add(new Example(
                    r.getAs(FeatureSchema.UTTERANCE_ID),
                    r.<Integer>getAs(FeatureSchema.LABEL_INDEX),
                    floats(r.getList(r.fieldIndex(FeatureSchema.MFCC))),
                    r.<Integer>getAs(FeatureSchema.NUM_FRAMES),
                    floats(r.getList(r.fieldIndex(FeatureSchema.TEXT_EMB))),
                    r.<Integer>getAs(FeatureSchema.NUM_WORDS)));
        }
        if (examples.isEmpty()) {
            return new ArrayList<Row>().iterator();
        }
        Map<String, double[]> sums = new HashMap<>();
        for (String dir : unitDirs) {
            TrainedUnit unit = TrainedUnit.load(hadoop.get(), dir);
            for (Scored s : unit.predict(examples, batchSize)) {
                double[] sum = sums.computeIfAbsent(s.id, id -> new double[classes.size()]);
                for (int c = 0; c < sum.length; c++) {
                    sum[c] += s.probabilities[c];
                }
            }
        }
        String models = String.join(",", unitNames);
        List<Row> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            double[] sum = sums.get(e.id);
            Object[] values = new Object[3 + classes.size() + 1];
            values[0] = e.id;
            values[1] = e.label >= 0 && e.label < classes.size() ? classes.get(e.label) : null;
            int best = 0;
            for (int c = 0; c < classes.size(); c++) {
                values[3 + c] = (float) (sum[c] / unitDirs.size());
                if (sum[c] > sum[best]) {
                    best = c;
                }
            }
            values[2] = classes.get(best);
            values[3 + classes.size()] = models;
            out.add(RowFactory.create(values));
        }
        return out.iterator();
    }

    private static float[] floats(List<Object> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
