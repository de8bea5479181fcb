package org.mcsan.pipeline.bench;

import com.typesafe.config.Config;
import org.apache.log4j.Logger;

/** What a benchmark part gets to work with: the bench settings, the whole configuration and a progress log. */
public final class BenchContext {
  private static final Logger LOG = Logger.getLogger(BenchContext.class);

  private final BenchSettings settings;
  private final Config mcsan;

  public BenchContext(BenchSettings settings, Config mcsan) {
    this.settings = settings;
    this.mcsan = mcsan;
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
