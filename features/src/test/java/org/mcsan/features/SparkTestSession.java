package org.mcsan.features;

import org.apache.spark.sql.SparkSession;

/** One local Spark session per test JVM, shared by the test classes that need Spark (starting one costs seconds). */
public final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("mcsan-features-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return session;
    }
}
