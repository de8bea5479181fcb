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
        // Under spark-submit log4j starts before the application jar is on the class path, with Spark's default
        // profile, which has no appender for the project's loggers: its lines would be lost. Use the
        // application's own, unless the user chose a configuration (-Dlog4j.configuration).
        java.net.URL own = Logging.class.getResource("/log4j.properties");
        if (System.getProperty("log4j.configuration") == null
                && own != null
                && !Logger.getLogger("org.mcsan").getAllAppenders().hasMoreElements()) {
            org.apache.log4j.PropertyConfigurator.configure(own);
        }
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
