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
    for (Map.Entry<String, ConfigValue> e : mcsan.getObject("spark.conf").entrySet()) {
      conf.setIfMissing(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    conf = Engine.createSparkConf(conf);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    Engine.init();
    return spark;
  }
}
