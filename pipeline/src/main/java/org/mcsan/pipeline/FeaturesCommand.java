package org.mcsan.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mcsan.features.FeatureJobSummary;
import org.mcsan.pipeline.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        description = "Read a corpus, compute MFCC and GloVe features with Spark and write the Parquet feature dataset "
                + "(<out>/features), the rejected inputs with reasons (<out>/rejected) and <out>/manifest.json.")
final class FeaturesCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(FeaturesCommand.class);

    @Mixin
    ConfigOptions options;

    @Option(
            names = "--corpus-kind",
            paramLabel = "KIND",
            description = "Shortcut for mcsan.corpus.kind (iemocap, meld, manifest, synthetic).")
    String kind;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Shortcut for mcsan.corpus.path.")
    String corpus;

    @Option(names = "--glove", paramLabel = "FILE", description = "Shortcut for mcsan.features.glove.path.")
    String glove;

    @Option(names = "--out", paramLabel = "DIR", description = "Shortcut for mcsan.features.output.")
    String out;

    @Option(names = "--overwrite", description = "Shortcut for mcsan.features.overwrite=true.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Map<String, String> shortcuts = new LinkedHashMap<>();
        shortcuts.put("mcsan.corpus.kind", kind);
        shortcuts.put("mcsan.corpus.path", corpus);
        shortcuts.put("mcsan.features.glove.path", glove);
        shortcuts.put("mcsan.features.output", out);
        shortcuts.put("mcsan.features.overwrite", overwrite ? "true" : null);
        Settings settings = options.load(shortcuts);
        SparkSession spark = SparkSessions.start(settings.mcsan());
        try {
            FeatureJobSummary summary = Stages.features(
                    spark, Stages.withAbsolutePaths(spark.sparkContext().hadoopConfiguration(), settings));
            LOG.info("{}", summary);
            return Main.OK;
        } finally {
            spark.stop();
        }
    }
}
