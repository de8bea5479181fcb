package org.mcsan.bench;

import com.typesafe.config.Config;
import java.util.function.Function;
import org.apache.log4j.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * What a benchmark part gets to work with: the bench settings, the whole configuration, a way to start Spark (the
 * application's own session set-up, handed in by the command) and a progress log.
 */
public final class BenchContext {
    private static final Logger LOG = Logger.getLogger(BenchContext.class);

    private final BenchSettings settings;
    private final Config mcsan;
    private final Function<Config, SparkSession> sparkStarter;

    public BenchContext(BenchSettings settings, Config mcsan, Function<Config, SparkSession> sparkStarter) {
        this.settings = settings;
        this.mcsan = mcsan;
        this.sparkStarter = sparkStarter;
    }

    /** Starts Spark (and BigDL's Engine) as the application does, with the {@code mcsan} configuration given. */
    public SparkSession startSpark(Config mcsan) {
        return sparkStarter.apply(mcsan);
    }

    public BenchSettings settings() {
        return settings;
    }

    public Protocol protocol() {
        return settings.protocol();
    }

    /** The resolved {@code mcsan} configuration, for the settings of the code under test (e.g. MFCC). */
    public Config mcsan() {
        return mcsan;
    }

    /** A progress line on the console. */
    public void progress(String message) {
        LOG.info(message);
    }
}
