package org.mcsan.pipeline;

import com.intel.analytics.bigdl.utils.Engine;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a Spark session and BigDL's Engine are started.
 *
 * <p>Under spark-submit, {@code spark.master} and friends arrive as system properties and win; otherwise
 * the master comes from {@code mcsan.spark.master} (embedded {@code local[*]} by default). BigDL's Engine
 * needs a SparkConf that went through {@code Engine.createSparkConf} and is initialised once per JVM after the
 * context exists.
 */
public final class SparkSessions {
    private SparkSessions() {}

    public static SparkSession start(Config mcsan) {
        System.setProperty("bigdl.utils.LoggerFilter.disable", "true");
        SparkConf conf = new SparkConf(); // picks up spark.* system properties set by spark-submit
        conf.setIfMissing("spark.master", mcsan.getString("spark.master"));
        conf.setIfMissing("spark.app.name", mcsan.getString("spark.app-name"));
        conf.setIfMissing("spark.ui.enabled", String.valueOf(mcsan.getBoolean("spark.ui")));
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // One (trial, fold) unit is one task; an executor with C cores trains C / cores-per-unit units at once.
        conf.setIfMissing("spark.task.cpus", String.valueOf(mcsan.getInt("run.cores-per-unit")));
        // Executors on other machines get the MKL settings the launcher chose here (see bin/mcsan).
        for (String variable : new String[] {"MKL_CBWR", "MKL_DEBUG_CPU_TYPE"}) {
            if (System.getenv(variable) != null) {
                conf.setIfMissing("spark.executorEnv." + variable, System.getenv(variable));
            }
        }
        for (Map.Entry<String, ConfigValue> e : mcsan.getObject("spark.conf").entrySet()) {
            conf.setIfMissing(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
        conf = Engine.createSparkConf(conf);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        // Engine.init looks the context up with SparkContext.getOrCreate(conf), which warns that the (identical)
        // configuration "may not take effect"; nothing is lost, so keep that line off the console.
        org.apache.log4j.Logger contextLog = org.apache.log4j.Logger.getLogger(org.apache.spark.SparkContext.class);
        org.apache.log4j.Level level = contextLog.getLevel();
        contextLog.setLevel(org.apache.log4j.Level.ERROR);
        try {
            Engine.init();
        } finally {
            contextLog.setLevel(level);
        }
        return spark;
    }
}
