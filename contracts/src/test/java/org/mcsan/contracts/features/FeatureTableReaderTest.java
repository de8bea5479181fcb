package org.mcsan.contracts.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableReaderTest {
    private static List<Float> floats(int n, float base) {
        List<Float> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(base + i);
        }
        return out;
    }

    @Test
    void readsOnlyKeptRowsWithTheirArrays(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkSession.builder()
                .master("local[2]")
                .appName("mcsan-contracts-test")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            check(spark, dir);
        } finally {
            spark.stop();
        }
    }

    private static void check(SparkSession spark, Path dir) throws Exception {
        StructType schema = new StructType()
                .add("utterance_id", DataTypes.StringType)
                .add("corpus", DataTypes.StringType)
                .add("speaker", DataTypes.StringType)
                .add("session", DataTypes.StringType)
                .add("split", DataTypes.StringType)
                .add("label", DataTypes.StringType)
                .add("label_index", DataTypes.IntegerType)
                .add("num_words", DataTypes.IntegerType)
                .add("text_emb", DataTypes.createArrayType(DataTypes.FloatType))
                .add("num_frames", DataTypes.IntegerType)
                .add("mfcc", DataTypes.createArrayType(DataTypes.FloatType));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(RowFactory.create(
                    "u" + i,
                    "synthetic",
                    "spk" + (i % 3),
                    "s1",
                    null,
                    "neu",
                    i % 4,
                    i,
                    floats(i * 3, 100 * i),
                    2 + i,
                    floats((2 + i) * 4, 1000 * i)));
        }
        String path = dir.resolve("features").toString();
        spark.createDataFrame(rows, schema).repartition(2).write().parquet(path);

        List<FeatureRow> got = FeatureTableReader.read(
                spark.sparkContext().hadoopConfiguration(), path, r -> !r.speaker.equals("spk1"));
        got.sort(Comparator.comparing(r -> r.utteranceId));
        assertEquals(
                Arrays.asList("u0", "u2", "u3", "u5"),
                Arrays.asList(
                        got.get(0).utteranceId,
                        got.get(1).utteranceId,
                        got.get(2).utteranceId,
                        got.get(3).utteranceId));
        FeatureRow u5 = got.get(3);
        assertEquals("spk2", u5.speaker);
        assertEquals("s1", u5.session);
        assertNull(u5.split);
        assertEquals(1, u5.labelIndex);
        assertEquals(7, u5.numFrames);
        assertEquals(5, u5.numWords);
        assertEquals(28, u5.mfcc.length);
        assertEquals(5000f, u5.mfcc[0]);
        assertEquals(5027f, u5.mfcc[27]);
        assertEquals(15, u5.textEmb.length);
        assertEquals(514f, u5.textEmb[14]);
        assertArrayEquals(new float[0], got.get(0).textEmb, "an empty text array");
    }
}
