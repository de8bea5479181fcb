package org.mcsan.pipeline;

import org.apache.hadoop.conf.Configuration;
import org.mcsan.contracts.io.Directory;

/** What {@code mcsan predict} was asked: the run, the input (a feature dataset or a manifest), where to write. */
final class PredictRequest {
    final String runDir;
    /** A feature dataset made with the run's feature settings, or null when {@link #manifest} is given. */
    final String features;
    /** A manifest (utterance_id, audio_path, transcript; label and speaker optional), or null. */
    final String manifest;
    /** A GloVe file instead of the one the run's dataset recorded, or null. */
    final String glove;

    final String output;
    final int trial;
    final int fold;
    final int batchSize;
    final boolean overwrite;

    PredictRequest(
            String runDir,
            String features,
            String manifest,
            String glove,
            String output,
            int trial,
            int fold,
            int batchSize,
            boolean overwrite) {
        if ((features == null) == (manifest == null)) {
            throw new IllegalArgumentException("predict takes a feature dataset or a manifest, not both or neither");
        }
        this.runDir = runDir;
        this.features = features;
        this.manifest = manifest;
        this.glove = glove;
        this.output = output;
        this.trial = trial;
        this.fold = fold;
        this.batchSize = batchSize;
        this.overwrite = overwrite;
    }

    /** This request with its paths made absolute on the driver (see {@link Stages#withAbsolutePaths}). */
    PredictRequest withAbsolutePaths(Configuration hadoop) {
        return new PredictRequest(
                absolute(hadoop, runDir),
                absolute(hadoop, features),
                absolute(hadoop, manifest),
                absolute(hadoop, glove),
                absolute(hadoop, output),
                trial,
                fold,
                batchSize,
                overwrite);
    }

    private static String absolute(Configuration hadoop, String path) {
        return path == null ? null : Directory.qualify(hadoop, path);
    }
}
