package org.mcsan.pipeline;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.io.Csv;
import org.mcsan.contracts.io.Directory;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.prediction.PredictSettings;
import org.mcsan.prediction.PredictSummary;
import org.mcsan.prediction.PredictionOutput;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Apply a trained run to new data: every complete fold of the trial as an ensemble (class probabilities "
                    + "averaged, each unit with its own normaliser), or one unit with --fold.",
            "The input is a feature dataset made with the run's feature settings (--features), a manifest "
                    + "(--manifest: utterance_id, audio_path, transcript; label and speaker optional) or one "
                    + "recording (--audio with --text). For a manifest or a recording the features are computed with"
                    + " exactly the settings of the run's dataset; inputs that cannot be used are listed with the "
                    + "reason in <out>/rejected.csv.",
            "Writes <out>/predictions (Parquet) and <out>/predictions.csv: utterance_id, label (when known), "
                    + "predicted, prob_<class> per class, models; and <out>/metrics.json when the input has labels."
        })
final class PredictCommand implements Callable<Integer> {
    /** The manifest made for --audio, in the output directory. */
    static final String SINGLE_RECORDING_MANIFEST = "input.csv";

    @Mixin
    ConfigOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory (written by mcsan train).")
    String runDir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--features", paramLabel = "DIR", description = "A feature dataset to predict.")
        String features;

        @Option(names = "--manifest", paramLabel = "FILE", description = "A manifest (CSV, TSV or Parquet) to predict.")
        String manifest;

        @Option(names = "--audio", paramLabel = "WAV", description = "One recording to predict (with --text).")
        File audio;
    }

    @Option(names = "--text", paramLabel = "TRANSCRIPT", description = "The transcript of --audio.")
    String text;

    @Option(
            names = "--glove",
            paramLabel = "FILE",
            description = "GloVe vectors instead of the file the run's " + "dataset recorded (same dimension).")
    String glove;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the predictions go (needed except with --audio).")
    String out;

    @Option(
            names = "--trial",
            paramLabel = "N",
            description = "The trial whose units predict (needed when the run " + "has several).")
    Integer trial;

    @Option(names = "--fold", paramLabel = "N", description = "Only this fold's unit (default: every complete fold).")
    Integer fold;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "64",
            description = "Utterances per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--overwrite", description = "Replace the outputs of an earlier prediction in <out>.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        if ((input.audio != null) != (text != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--audio and --text go together");
        }
        if (out == null && input.audio == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--out is required with --features and " + "--manifest");
        }
        if (input.audio != null && !input.audio.isFile()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--audio " + input.audio + ": no such file");
        }
        String output =
                out != null ? out : Files.createTempDirectory("mcsan-predict-").toString();
        Settings settings = options.load();
        SparkSession spark = SparkSessions.start(settings.mcsan());
        try {
            org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            String manifest = input.manifest;
            if (input.audio != null) {
                manifest = singleRecordingManifest(Directory.create(hadoop, output));
            }
            PredictSummary summary = Stages.predict(
                    spark,
                    Stages.withAbsolutePaths(hadoop, settings),
                    new PredictRequest(
                                    runDir,
                                    input.features,
                                    manifest,
                                    glove,
                                    output,
                                    trial == null ? PredictSettings.ONLY_TRIAL : trial,
                                    fold == null ? PredictSettings.ALL_FOLDS : fold,
                                    batchSize,
                                    overwrite || input.audio != null && out == null)
                            .withAbsolutePaths(hadoop));
            System.out.println(summary);
            if (input.audio != null) {
                printTable(spark, output);
            }
            return Main.OK;
        } finally {
            spark.stop();
        }
    }

    /**
     * The one recording as a one-line manifest in {@code <out>}, written through Hadoop because {@code <out>} may be
     * on HDFS; the recording is a local file, so it is named by its file: URI (a bare path would be looked up on the
     * default file system, which may be HDFS).
     */
    private String singleRecordingManifest(Directory output) {
        String id = input.audio.getName().replaceFirst("\\.[^.]*$", "");
        output.write(
                SINGLE_RECORDING_MANIFEST,
                Csv.line("utterance_id", "audio_path", "transcript")
                        + Csv.line(
                                id,
                                new org.apache.hadoop.fs.Path(
                                        input.audio.getAbsoluteFile().toURI()),
                                text));
        return output.path(SINGLE_RECORDING_MANIFEST);
    }

    /** The one prediction as a small table: the predicted label, then each class' probability. */
    private static void printTable(SparkSession spark, String output) {
        Row row = spark.read()
                .parquet(new org.apache.hadoop.fs.Path(output, PredictionOutput.TABLE).toString())
                .first();
        System.out.println();
        for (String column : row.schema().fieldNames()) {
            if (column.equals(PredictionOutput.PREDICTED)) {
                System.out.println(String.format(java.util.Locale.ROOT, "%-12s %s", column, row.getAs(column)));
            } else if (column.startsWith(PredictionOutput.PROBABILITY_PREFIX)) {
                String name = "p(" + column.substring(PredictionOutput.PROBABILITY_PREFIX.length()) + ")";
                System.out.println(String.format(java.util.Locale.ROOT, "%-12s %s", name, row.getAs(column)));
            }
        }
    }
}
