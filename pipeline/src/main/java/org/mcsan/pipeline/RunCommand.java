package org.mcsan.pipeline;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.io.Directory;
import org.mcsan.evaluation.EvaluationSummary;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.synth.SynthSettings;
import org.mcsan.synth.SyntheticCorpus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "features -> train -> evaluate from one configuration. An existing feature dataset at "
                        + "mcsan.features.output is reused (mcsan.features.overwrite=true recomputes it); a rerun resumes training.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() throws Exception {
        return pipeline(options.load());
    }

    /** The built-in synthetic corpus is generated where the configuration expects it, the first time it is needed. */
    private static void generateSyntheticCorpusIfAbsent(Settings settings) throws IOException {
        if (!"synthetic".equals(settings.mcsan().getString("corpus.kind"))) return;
        File corpus = new File(settings.mcsan().getString("corpus.path"));
        if (corpus.isDirectory()) return;
        File out = corpus.getParentFile() == null ? new File(".") : corpus.getParentFile();
        LOG.info("generating the synthetic corpus in {}", out);
        LOG.info(
                "{}",
                SyntheticCorpus.generate(
                        out.toPath(), SynthSettings.from(settings.mcsan().getConfig("synth"))));
    }

    /** The whole pipeline in one Spark session; shared with mcsan demo and mcsan sweep. */
    static int pipeline(Settings given) throws Exception {
        SparkSession spark = SparkSessions.start(given.mcsan());
        try {
            Settings settings = Stages.withAbsolutePaths(spark.sparkContext().hadoopConfiguration(), given);
            String dataset = settings.mcsan().getString("features.output");
            Directory existing = Directory.at(spark.sparkContext().hadoopConfiguration(), dataset);
            if (!settings.mcsan().getBoolean("features.overwrite")
                    && existing.exists(FeatureSchema.MANIFEST_FILE)
                    && existing.exists(FeatureSchema.FEATURES_DIR)) {
                Stages.checkReusable(existing, settings);
                LOG.info(
                        "feature dataset {} exists; reusing it (mcsan.features.overwrite=true recomputes it)", dataset);
            } else {
                generateSyntheticCorpusIfAbsent(given); // its path as the user gave it, a local one
                LOG.info("{}", Stages.features(spark, settings));
            }
            Stages.train(spark, settings);
            EvaluationSummary summary = Stages.evaluate(spark, settings.mcsan().getString("run.dir"));
            EvaluateCommand.print(summary);
            return Stages.exitCode(settings, summary);
        } finally {
            spark.stop();
        }
    }
}
