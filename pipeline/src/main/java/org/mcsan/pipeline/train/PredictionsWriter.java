package org.mcsan.pipeline.train;

import java.io.IOException;
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
 * Writes one unit's predictions as a Parquet file inside a Spark task (no SparkSession there). The layout is
 * the one Spark writes for {@code array<float>}, so {@code spark.read().parquet(run + "/predictions")} reads
 * every unit's file with {@code trial} and {@code fold} as partition columns.
 */
public final class PredictionsWriter {
  static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message spark_schema {\n"
          + "  required binary utterance_id (UTF8);\n"
          + "  required binary split (UTF8);\n"
          + "  required int32 label_index;\n"
          + "  required int32 pred_index;\n"
          + "  required group probabilities (LIST) {\n"
          + "    repeated group list {\n"
          + "      required float element;\n"
          + "    }\n"
          + "  }\n"
          + "}");

  private PredictionsWriter() {}

  public static void write(Configuration conf, Path file, List<Prediction> predictions) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file).withConf(conf).withType(SCHEMA)
        .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
      for (Prediction p : predictions) {
        Group row = groups.newGroup()
            .append("utterance_id", p.utteranceId)
            .append("split", p.split)
            .append("label_index", p.labelIndex)
            .append("pred_index", p.predIndex);
        Group list = row.addGroup("probabilities");
        for (float v : p.probabilities) {
          list.addGroup("list").append("element", v);
        }
        writer.write(row);
      }
    }
  }
}
