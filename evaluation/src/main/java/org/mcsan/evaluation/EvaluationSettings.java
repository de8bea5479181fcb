package org.mcsan.evaluation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.Locale;
import org.mcsan.contracts.metrics.Metric;

/** Settings of the {@code mcsan.evaluation} configuration section. Immutable. */
public final class EvaluationSettings {

    private final String split;
    private final Metric headlineMetric;
    private final int plotWidth;
    private final int plotHeight;
    private final boolean leaderboardTest;

    /**
     * @param headlineMetric the headline metric, or null for "auto" (weighted F1 for a one-fold run,
     *                       UA for cross-validation)
     */
    public EvaluationSettings(String split, Metric headlineMetric, int plotWidth, int plotHeight) {
        this(split, headlineMetric, plotWidth, plotHeight, false);
    }

    /** @param leaderboardTest whether the leaderboard also shows each configuration's headline, not for selection */
    public EvaluationSettings(
            String split, Metric headlineMetric, int plotWidth, int plotHeight, boolean leaderboardTest) {
        if (!"val".equals(split) && !"test".equals(split)) {
            throw new IllegalArgumentException("mcsan.evaluation.split must be val or test, found '" + split + "'");
        }
        if (plotWidth < 320 || plotWidth > 4000) {
            throw new IllegalArgumentException(
                    "mcsan.evaluation.plot-width must be in [320, 4000], found " + plotWidth);
        }
        if (plotHeight < 240 || plotHeight > 4000) {
            throw new IllegalArgumentException(
                    "mcsan.evaluation.plot-height must be in [240, 4000], found " + plotHeight);
        }
        this.split = split;
        this.headlineMetric = headlineMetric;
        this.plotWidth = plotWidth;
        this.plotHeight = plotHeight;
        this.leaderboardTest = leaderboardTest;
    }

    /** Reads the {@code mcsan.evaluation} section. */
    /**
     * The {@code mcsan.evaluation} settings a run recorded in its {@code config.conf} (the text of the file;
     * {@code source} names it in errors), with reference.conf's defaults for what it does not set.
     */
    public static EvaluationSettings ofRun(String configText, String source) {
        try {
            Config config = ConfigFactory.parseString(
                            configText, ConfigParseOptions.defaults().setOriginDescription(source))
                    .withFallback(ConfigFactory.defaultReference())
                    .resolve();
            return from(config.getConfig("mcsan.evaluation"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration in " + source + ": " + e.getMessage(), e);
        }
    }

    public static EvaluationSettings from(Config section) {
        String headline = section.getString("headline-metric").trim().toLowerCase(Locale.ROOT);
        Metric metric;
        try {
            metric = "auto".equals(headline) ? null : Metric.fromConfigValue(headline);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mcsan.evaluation.headline-metric: " + e.getMessage() + " or auto", e);
        }
        return new EvaluationSettings(
                section.getString("split"),
                metric,
                section.getInt("plot-width"),
                section.getInt("plot-height"),
                section.getBoolean("leaderboard-test"));
    }

    /** "val" or "test". */
    public String split() {
        return split;
    }

    /** The headline metric for a plan with this many folds. */
    public Metric headlineMetric(int foldCount) {
        if (headlineMetric != null) {
            return headlineMetric;
        }
        return foldCount == 1 ? Metric.WEIGHTED_F1 : Metric.UA;
    }

    /** Whether the leaderboard shows each configuration's headline too, in a column labelled not for selection. */
    public boolean leaderboardTest() {
        return leaderboardTest;
    }

    public int plotWidth() {
        return plotWidth;
    }

    public int plotHeight() {
        return plotHeight;
    }
}
