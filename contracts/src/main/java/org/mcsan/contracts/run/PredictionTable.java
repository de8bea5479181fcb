package org.mcsan.contracts.run;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The run's {@code predictions} table: one row per scored utterance of a (trial, fold) unit, in the unit's
 * partition {@link RunLayout#predictionsPartition}. {@code trial} and {@code fold} are partition columns (in the
 * directory names, not the files); {@code split} is {@link Fold#VAL} or {@link Fold#TEST}; {@code probabilities}
 * has one value per class, in the fold plan's class order.
 */
public final class PredictionTable {
    public static final String TRIAL = "trial";
    public static final String FOLD = "fold";
    public static final String UTTERANCE_ID = "utterance_id";
    public static final String SPLIT = "split";
    public static final String LABEL_INDEX = "label_index";
    public static final String PRED_INDEX = "pred_index";
    public static final String PROBABILITIES = "probabilities";

    /** The columns every reader may rely on. */
    public static final List<String> REQUIRED_COLUMNS =
            Arrays.asList(TRIAL, FOLD, SPLIT, UTTERANCE_ID, LABEL_INDEX, PRED_INDEX);

    /** The file schema: the layout Spark writes for {@code array<float>}, so Spark reads every unit's file. */
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message spark_schema {\n"
            + "  required binary " + UTTERANCE_ID + " (UTF8);\n"
            + "  required binary " + SPLIT + " (UTF8);\n"
            + "  required int32 " + LABEL_INDEX + ";\n"
            + "  required int32 " + PRED_INDEX + ";\n"
            + "  required group " + PROBABILITIES + " (LIST) {\n"
            + "    repeated group list {\n"
            + "      required float element;\n"
            + "    }\n"
            + "  }\n"
            + "}");

    private PredictionTable() {}

    /** Writes one unit's predictions as a Parquet file, inside a Spark task (no SparkSession there). */
    public static void write(Configuration conf, Path file, List<Prediction> predictions) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file)
                .withConf(conf)
                .withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            for (Prediction p : predictions) {
                Group row = groups.newGroup()
                        .append(UTTERANCE_ID, p.utteranceId)
                        .append(SPLIT, p.split)
                        .append(LABEL_INDEX, p.labelIndex)
                        .append(PRED_INDEX, p.predIndex);
                Group list = row.addGroup(PROBABILITIES);
                for (float v : p.probabilities) {
                    list.addGroup("list").append("element", v);
                }
                writer.write(row);
            }
        }
    }
}
