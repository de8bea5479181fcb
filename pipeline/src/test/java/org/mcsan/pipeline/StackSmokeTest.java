package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.intel.analytics.bigdl.nn.ClassNLLCriterion;
import com.intel.analytics.bigdl.nn.ClassNLLCriterion$;
import com.intel.analytics.bigdl.nn.Linear$;
import com.intel.analytics.bigdl.nn.LogSoftMax$;
import com.intel.analytics.bigdl.nn.Sequential;
import com.intel.analytics.bigdl.nn.Sequential$;
import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import com.intel.analytics.bigdl.optim.Adam;
import com.intel.analytics.bigdl.tensor.Tensor;
import com.intel.analytics.bigdl.tensor.Tensor$;
import com.intel.analytics.bigdl.tensor.TensorNumericMath;
import com.intel.analytics.bigdl.tensor.TensorNumericMath$TensorNumeric$NumericFloat$;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.pipeline.config.Settings;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Spark 2.4 and BigDL 0.13 on this JVM: spark-compat's relocated ASM 9, the --add-opens flags and BigDL's Engine set-up
 * (docs/ARCHITECTURE.md, "Spark 2.4 on Java 17") are enough for closures, Parquet and training in a task.
 */
class StackSmokeTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start(Settings.load(
                        java.util.Collections.<java.io.File>emptyList(),
                        Arrays.asList("mcsan.spark.master=local[2]"),
                        new java.util.Properties())
                .mcsan());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void closuresRunAndCollect() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int offset = 3; // captured by the closures: exercises the ClosureCleaner (ASM) on Java 17 bytecode
        List<Integer> out = jsc.parallelize(Arrays.asList(1, 2, 3, 4), 2)
                .mapPartitions(it -> {
                    java.util.List<Integer> l = new java.util.ArrayList<>();
                    it.forEachRemaining(x -> l.add(x * x + offset));
                    return l.iterator();
                })
                .collect();
        assertEquals(Arrays.asList(4, 7, 12, 19), out);
    }

    @Test
    void parquetRoundTrip(@TempDir Path dir) {
        String path = dir.resolve("t.parquet").toString();
        Dataset<Row> df = spark.createDataset(Arrays.asList("a", "bb", "ccc"), Encoders.STRING())
                .toDF("s")
                .selectExpr("s", "length(s) AS n", "array(cast(length(s) AS float), cast(0.5 AS float)) AS v");
        df.write().parquet(path);
        List<Row> back = spark.read().parquet(path).orderBy("n").collectAsList();
        assertEquals(3, back.size());
        assertEquals("ccc", back.get(2).getString(0));
        assertEquals(3.0f, (Float) back.get(2).getList(2).get(0), 0f);
    }

    @Test
    void bigdlTrainsInsideASparkTask() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<double[]> losses = jsc.parallelize(Arrays.asList(1L, 2L), 2)
                .map(StackSmokeTest::trainTiny)
                .collect();
        for (double[] l : losses) {
            assertTrue(l[1] < 0.5 * l[0], "loss fell from " + l[0] + " to " + l[1]);
        }
    }

    /** A linear softmax classifier on separable data: first and last loss of 60 Adam steps. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static double[] trainTiny(long seed) {
        ClassTag<Object> ct = (ClassTag) ClassTag$.MODULE$.Float();
        TensorNumericMath.TensorNumeric<Object> tn =
                (TensorNumericMath.TensorNumeric) TensorNumericMath$TensorNumeric$NumericFloat$.MODULE$;
        Random r = new Random(seed);
        int n = 64;
        Tensor<Object> x = Tensor$.MODULE$.apply(new int[] {n, 4}, ct, tn);
        Tensor<Object> y = Tensor$.MODULE$.apply(new int[] {n}, ct, tn);
        for (int i = 1; i <= n; i++) {
            int label = i % 2;
            y.setValue(i, (float) (label + 1));
            for (int f = 1; f <= 4; f++) {
                x.setValue(i, f, (float) (r.nextGaussian() * 0.3 + (f == 1 ? (label == 1 ? 2 : -2) : 0)));
            }
        }
        Sequential<Object> model = Sequential$.MODULE$.apply(ct, tn);
        model.add((AbstractModule) Linear$.MODULE$.apply(4, 2, true, null, null, null, null, null, null, ct, tn));
        model.add((AbstractModule) LogSoftMax$.MODULE$.apply(ct, tn));
        ClassNLLCriterion<Object> criterion = ClassNLLCriterion$.MODULE$.apply(null, true, true, -1, ct, tn);
        Tuple2<Tensor<Object>, Tensor<Object>> wg = model.getParameters();
        Adam<Object> adam = new Adam<Object>(0.05, 0.0, 0.9, 0.999, 1e-8, ct, tn);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 60; step++) {
            model.zeroGradParameters();
            Tensor<Object> out = (Tensor<Object>) model.forward(x);
            last = ((Number) criterion.forward(out, y)).doubleValue();
            if (step == 0) {
                first = last;
            }
            model.backward(x, criterion.backward(out, y));
            adam.optimize(
                    new scala.runtime.AbstractFunction1<Tensor<Object>, Tuple2<Object, Tensor<Object>>>() {
                        @Override
                        public Tuple2<Object, Tensor<Object>> apply(Tensor<Object> w) {
                            return new Tuple2<Object, Tensor<Object>>(0f, wg._2());
                        }
                    },
                    wg._1());
        }
        return new double[] {first, last};
    }
}
