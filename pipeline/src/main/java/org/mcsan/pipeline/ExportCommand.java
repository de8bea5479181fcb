package org.mcsan.pipeline;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export a run's complete units as a self-contained bundle for mcsan predict on another machine or "
                    + "cluster: config.conf, folds.json, trials.json, units/ (models, normalisers, classes, model "
                    + "settings) and bundle.json (the feature settings of the training dataset and the SHA-256 of its "
                    + "GloVe file, which predict checks). No checkpoints, predictions or reports."
        })
final class ExportCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (written by mcsan train).")
    String runDir;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The bundle to write (must not exist).")
    String out;

    @Override
    public Integer call() throws Exception {
        options.load();
        System.out.println("bundle: " + Stages.export(new Configuration(), runDir, out));
        return Main.OK;
    }
}
