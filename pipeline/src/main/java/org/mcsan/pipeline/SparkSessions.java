package org.mcsan.pipeline;

import com.intel.analytics.bigdl.utils.Engine;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.mcsan.pipeline.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a Spark session and BigDL's Engine are started.
 *
 * <p>Under spark-submit, {@code spark.master} and friends arrive as system properties and win; otherwise
 * the master comes from {@code mcsan.spark.master} (embedded {@code local[*]} by default). BigDL's Engine
 * needs a SparkConf that went through {@code Engine.createSparkConf} and is initialised once per JVM after the
 * context exists.
 */
public final class SparkSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

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
        forCluster(conf);
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

    /**
     * What a cluster's executors need that local mode does not: the cores BigDL's Engine checks for, the
     * application jar (spark-submit ships it; launched otherwise, nothing would), this JVM's Java 17 module flags,
     * and no speculative copies of a unit.
     */
    static void forCluster(SparkConf conf) {
        String master = conf.get("spark.master");
        if (master.startsWith("local")) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!conf.contains("spark.executor.cores")) {
            missing.add("the cores of each executor: spark-submit --executor-cores N (spark.executor.cores)");
        }
        if (master.startsWith("yarn")) {
            if (!conf.contains("spark.executor.instances")) {
                missing.add("the number of executors: spark-submit --num-executors N (spark.executor.instances)");
            }
        } else if (!conf.contains("spark.cores.max")) {
            missing.add("the cores of all executors: spark-submit --total-executor-cores N (spark.cores.max)");
        }
        if (!missing.isEmpty()) {
            missing.add(
                    0,
                    "BigDL needs to know the executors' cores on a cluster (master " + master + "); give "
                            + (missing.size() == 1 ? "it" : "them") + " to spark-submit, or to bin/mcsan in "
                            + "mcsan.spark.conf (e.g. --set 'mcsan.spark.conf.\"spark.executor.cores\"=2'):");
            throw new InvalidConfigException(missing);
        }
        if (!conf.contains("spark.jars")) {
            String jar = applicationJar();
            if (jar != null) {
                conf.set("spark.jars", jar);
            }
        }
        List<String> options = new ArrayList<>();
        String given = conf.get("spark.executor.extraJavaOptions", "").trim();
        if (!given.isEmpty()) {
            options.add(given);
        }
        for (String flag : java17Flags()) {
            if (!given.contains(flag)) {
                options.add(flag);
            }
        }
        if (!options.isEmpty()) {
            conf.set("spark.executor.extraJavaOptions", String.join(" ", options));
        }
        // A speculative second copy of a long unit wastes a slot and races the first on its outputs.
        if (conf.getBoolean("spark.speculation", false)) {
            LOG.warn("spark.speculation=true is turned off: a speculative copy of a training unit wastes a slot");
        }
        conf.set("spark.speculation", "false");
    }

    /**
     * The module flags this JVM was started with (bin/mcsan's, or spark-submit's --driver-java-options): executors
     * run the same Spark on the same Java and need the same ones.
     */
    static List<String> java17Flags() {
        List<String> flags = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens")
                    || argument.startsWith("--add-exports")
                    || argument.startsWith("-Dio.netty.tryReflectionSetAccessible")) {
                flags.add(argument);
            }
        }
        return flags;
    }

    /** The jar this application runs from, or null when it runs from class directories (tests). */
    private static String applicationJar() {
        try {
            java.security.CodeSource source =
                    SparkSessions.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            java.io.File location = new java.io.File(source.getLocation().toURI());
            return location.isFile() ? location.getAbsolutePath() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
