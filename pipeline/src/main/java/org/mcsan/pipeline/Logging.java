package org.mcsan.pipeline;

import org.apache.log4j.Level;
import org.apache.log4j.LogManager;
import org.apache.log4j.Logger;

/** Console logging: the project's progress lines visible, Spark's and BigDL's INFO noise off unless verbose. */
public final class Logging {
    private Logging() {}

    static void configure(boolean verbose, String projectLevel) {
        // BigDL otherwise redirects Spark's and its own logs into ./bigdl.log.
        System.setProperty("bigdl.utils.LoggerFilter.disable", "true");
        Level quiet = verbose ? Level.INFO : Level.WARN;
        LogManager.getRootLogger().setLevel(quiet);
        for (String noisy : new String[] {
            "org.apache.spark",
            "com.intel.analytics.bigdl",
            "org.apache.hadoop",
            "org.spark_project",
            "io.netty",
            "akka",
            "breeze"
        }) {
            Logger.getLogger(noisy).setLevel(quiet);
        }
        Logger.getLogger("org.mcsan").setLevel(verbose ? Level.DEBUG : Level.toLevel(projectLevel, Level.INFO));
    }
}
