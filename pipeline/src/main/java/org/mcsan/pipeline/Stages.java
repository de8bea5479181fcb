package org.mcsan.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.io.AtomicCommit;
import org.mcsan.contracts.io.Csv;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.io.FileDigest;
import org.mcsan.contracts.io.JsonFields;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.Trial;
import org.mcsan.evaluation.EvaluationSettings;
import org.mcsan.evaluation.EvaluationSummary;
import org.mcsan.evaluation.Evaluator;
import org.mcsan.evaluation.Leaderboard;
import org.mcsan.features.FeatureJob;
import org.mcsan.features.FeatureJobSettings;
import org.mcsan.features.FeatureJobSummary;
import org.mcsan.model.ModelSettings;
import org.mcsan.pipeline.config.InvalidConfigException;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.pipeline.config.Sweep;
import org.mcsan.pipeline.config.Trials;
import org.mcsan.prediction.PredictJob;
import org.mcsan.prediction.PredictSettings;
import org.mcsan.prediction.PredictSummary;
import org.mcsan.prediction.TrainingFeatures;
import org.mcsan.training.TrainJob;
import org.mcsan.training.TrainJobSettings;
import org.mcsan.training.TrainSettings;
import org.mcsan.training.TrialSettings;
import org.mcsan.training.UnitOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's edge: turns the validated configuration into each stage's typed settings and calls the stage's
 * one entry point. The commands go through here; no stage reads the configuration itself.
 */
public final class Stages {
    /** The sections whose values decide what a run computes; a rerun in the same run directory must not change them. */
    private static final String[] RUN_DEFINING = {"corpus", "features", "model", "train", "folds", "trials", "sweep"};
    /** The inputs of a manifest that could not be used, in {@code mcsan predict}'s output directory. */
    static final String REJECTED_CSV = "rejected.csv";

    private static final Logger LOG = LoggerFactory.getLogger(Stages.class);

    /** Every path a Spark task reads or writes (relative to mcsan); see {@link #withAbsolutePaths}. */
    static final String[] PATH_KEYS = {
        "corpus.path", "features.output", "features.glove.path", "run.dir", "run.features"
    };

    private Stages() {}

    /**
     * These settings with every path the executors use made absolute on the driver, against its working directory
     * and default file system: an executor would resolve a relative path in its own scratch directory and read or
     * write somewhere else than the driver expects. The run's config.conf records the absolute paths.
     */
    static Settings withAbsolutePaths(Configuration hadoop, Settings settings) {
        Config absolute = ConfigFactory.empty();
        for (String key : PATH_KEYS) {
            ConfigValue value = settings.mcsan().getValue(key);
            String path = (String) value.unwrapped();
            if (!path.isEmpty()) {
                String qualified = Directory.qualify(hadoop, path);
                if (!qualified.equals(path)) {
                    absolute = absolute.withValue(
                            Settings.NAMESPACE + "." + key,
                            ConfigValueFactory.fromAnyRef(
                                    qualified,
                                    path + " made absolute on the driver ("
                                            + value.origin().description() + ")"));
                }
            }
        }
        return absolute.isEmpty() ? settings : settings.with(absolute);
    }

    /** The feature stage: corpus → Parquet feature dataset. */
    public static FeatureJobSummary features(SparkSession spark, Settings settings) throws IOException {
        return FeatureJob.run(spark, FeatureJobSettings.from(settings.mcsan()));
    }

    /** The training stage, after recording the configuration in the run directory (or checking it against it). */
    public static List<UnitOutcome> train(SparkSession spark, Settings settings) throws IOException {
        List<TrialSettings> trials = new ArrayList<>();
        boolean sweep = Sweep.isDefined(settings);
        for (Trial t : Trials.fromSettings(settings)) {
            Config trial = Trials.settings(t, settings).mcsan();
            TrainSettings train = TrainSettings.from(trial.getConfig("train"));
            ModelSettings model;
            try {
                model = ModelSettings.from(trial.getConfig("model"));
            } catch (IllegalArgumentException e) {
                if (!sweep) throw new InvalidConfigException("trial '" + t.name() + "': " + e.getMessage());
                // a sampled combination of valid values that does not fit together fails its units, not the sweep
                trials.add(TrialSettings.invalid(t, train, e.getMessage()));
                continue;
            }
            trials.add(new TrialSettings(t, model, train));
        }
        TrainJobSettings job = TrainJobSettings.from(settings.mcsan(), trials);
        recordConfiguration(Directory.create(spark.sparkContext().hadoopConfiguration(), job.runDir), settings);
        return TrainJob.run(spark, job);
    }

    /**
     * A sweep expects some configurations to fail (they are listed as failed); any other run whose units failed
     * because of their configuration did not produce its result: exit 1, saying so.
     */
    static int exitCode(Settings settings, EvaluationSummary summary) {
        List<String> failed = new ArrayList<>();
        for (Leaderboard.Entry e : summary.leaderboard().entries()) {
            if (e.failed()) failed.add(e.configuration() + ": " + e.status());
        }
        return exitCodeFor(settings, failed);
    }

    /** As {@link #exitCode(Settings, EvaluationSummary)}, for the units a training stage trained now. */
    static int exitCode(Settings settings, List<UnitOutcome> outcomes) {
        List<String> failed = new ArrayList<>();
        for (UnitOutcome o : outcomes) {
            if (o.failure != null) failed.add("trial " + o.trial + " fold " + o.fold + ": " + o.failure);
        }
        return exitCodeFor(settings, failed);
    }

    private static int exitCodeFor(Settings settings, List<String> failed) {
        if (failed.isEmpty() || Sweep.isDefined(settings)) return Main.OK;
        System.err.println("error: units failed because of their configuration (recorded in " + RunLayout.FAILURES
                + "/ of the run, not retried):\n  " + String.join("\n  ", failed));
        return Main.FAILED;
    }

    /** The evaluation stage, with the evaluation settings the run recorded in its config.conf. */
    public static EvaluationSummary evaluate(SparkSession spark, String runDir) {
        Directory run = Directory.open(spark.sparkContext().hadoopConfiguration(), runDir);
        EvaluationSettings settings =
                EvaluationSettings.ofRun(run.readText(RunLayout.CONFIG), run.path(RunLayout.CONFIG));
        return Evaluator.evaluate(spark, runDir, settings);
    }

    /**
     * The prediction stage: the run's units applied to a feature dataset, or to a manifest whose features are
     * computed first with exactly the settings of the dataset the run was trained on (its manifest.json records
     * them); a feature setting the user gives that differs from those is refused, naming the key.
     */
    static PredictSummary predict(SparkSession spark, Settings settings, PredictRequest request) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        TrainingFeatures training = trainingFeatures(hadoop, Directory.open(hadoop, request.runDir));
        String dataset = request.features;
        if (request.manifest != null) {
            Directory out = Directory.create(hadoop, request.output);
            FeatureJobSettings features = predictionFeatures(hadoop, training, settings, request);
            FeatureJobSummary summary = FeatureJob.run(spark, features);
            LOG.info("{}", summary);
            List<String> rejected = new ArrayList<>();
            StringBuilder csv = new StringBuilder(Csv.line((Object[]) FeatureSchema.REJECTED.fieldNames()));
            for (Row r : spark.read()
                    .parquet(features.output() + "/" + FeatureSchema.REJECTED_DIR)
                    .collectAsList()) {
                Object[] cells = new Object[FeatureSchema.REJECTED.size()];
                for (int i = 0; i < cells.length; i++)
                    cells[i] = r.getAs(FeatureSchema.REJECTED.fieldNames()[i]);
                csv.append(Csv.line(cells));
                String id = r.getAs(FeatureSchema.UTTERANCE_ID);
                rejected.add((id == null ? r.<String>getAs(FeatureSchema.REJECTED_PATH) : id) + ": "
                        + r.<String>getAs(FeatureSchema.REJECTED_REASON));
            }
            out.write(REJECTED_CSV, csv.toString());
            if (summary.written() == 0) {
                throw new IllegalArgumentException(
                        "none of the " + summary.read() + " input(s) could be used: " + String.join("; ", rejected));
            }
            dataset = features.output();
        }
        return PredictJob.run(
                spark,
                new PredictSettings(
                        request.runDir,
                        training,
                        dataset,
                        request.output,
                        request.trial,
                        request.fold,
                        request.batchSize,
                        request.overwrite));
    }

    /**
     * The feature settings of the run's training dataset, reading the request's manifest (labels optional, the run's
     * classes), writing to {@code <out>/features} and carrying on past rejected inputs (they are reported).
     */
    static FeatureJobSettings predictionFeatures(
            Configuration hadoop, TrainingFeatures training, Settings user, PredictRequest request) throws IOException {
        Config manifest = ConfigFactory.parseString(training.manifestJson);
        if (!manifest.hasPath("settings.features")) {
            throw new IllegalArgumentException("the manifest of the run's dataset (" + training.source
                    + ") does not record its feature settings; predict from a feature dataset (--features) instead");
        }
        Config recorded = manifest.getConfig("settings");
        Config defaults = ConfigFactory.defaultReference().getConfig(Settings.NAMESPACE);
        // Only what the user set: the defaults of this build need not be those the run's dataset was made with.
        List<String> conflicts = differences(
                hadoop,
                user.mcsan(),
                recorded,
                new String[] {"features.mfcc", "features.audio", "features.text", "features.glove.dim"},
                (key, value) ->
                        !defaults.hasPath(key) || !defaults.getValue(key).equals(value),
                "the run's dataset (" + training.source + ") was made with");
        if (!conflicts.isEmpty()) {
            conflicts.add("predict computes features exactly as the run's dataset did: leave these settings out");
            throw new InvalidConfigException(conflicts);
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("corpus.kind", "manifest");
        overrides.put("corpus.path", request.manifest);
        overrides.put("corpus.manifest.classes", manifest.getStringList("corpus.classes"));
        overrides.put("corpus.manifest.label-map", Collections.emptyList());
        overrides.put("corpus.manifest.excluded", Collections.emptyList());
        overrides.put("features.output", request.output + "/features");
        overrides.put("features.overwrite", request.overwrite);
        overrides.put("features.max-rejected-fraction", 1.0);
        if (request.glove != null) {
            overrides.put("features.glove.path", request.glove);
        }
        String glove = request.glove != null ? request.glove : recorded.getString("features.glove.path");
        if (training.gloveSha256 != null && !training.gloveSha256.equals(FileDigest.sha256(hadoop, glove))) {
            throw new InvalidConfigException("mcsan.features.glove.path: " + glove + " is not the GloVe file the run"
                    + " was trained with (its SHA-256 differs from " + training.gloveSha256 + ", recorded in "
                    + training.source + "); give the same vectors with --glove");
        }
        return FeatureJobSettings.from(ConfigFactory.parseMap(overrides)
                .withFallback(recorded)
                .withFallback(defaults)
                .resolve());
    }

    /** How the features of the run (or exported bundle) were made: a bundle records it, a run points to its dataset. */
    static TrainingFeatures trainingFeatures(Configuration hadoop, Directory run) throws IOException {
        if (run.exists(RunLayout.BUNDLE)) {
            JsonNode bundle = JsonFields.parse(run.readText(RunLayout.BUNDLE), run.path(RunLayout.BUNDLE));
            return new TrainingFeatures(
                    JsonFields.field(bundle, "feature_manifest", run.path(RunLayout.BUNDLE))
                            .toString(),
                    run.path(RunLayout.BUNDLE),
                    JsonFields.text(bundle, "dataset", run.path(RunLayout.BUNDLE)),
                    JsonFields.text(bundle, "glove_sha256", run.path(RunLayout.BUNDLE)));
        }
        Config recorded =
                ConfigFactory.parseString(run.readText(RunLayout.CONFIG)).getConfig(Settings.NAMESPACE);
        Directory dataset = Directory.at(hadoop, TrainJobSettings.datasetOf(recorded));
        if (run.exists(RunLayout.DATASET_MANIFEST)) { // what the units were trained on, even if the dataset moved
            return new TrainingFeatures(
                    run.readText(RunLayout.DATASET_MANIFEST),
                    run.path(RunLayout.DATASET_MANIFEST),
                    dataset.root(),
                    null);
        }
        return new TrainingFeatures(
                dataset.readText(FeatureSchema.MANIFEST_FILE),
                dataset.path(FeatureSchema.MANIFEST_FILE),
                dataset.root(),
                null);
    }

    /**
     * Exports a run's complete units with what predicting needs and nothing else (no checkpoints, predictions or
     * reports): config.conf, folds.json, trials.json, units/ and bundle.json (the training dataset's manifest, its
     * location and the SHA-256 of its GloVe file). The bundle is a run directory that {@code mcsan predict} takes.
     */
    static String export(Configuration hadoop, String runDir, String output) throws IOException {
        Directory run = Directory.open(hadoop, runDir);
        TrainingFeatures training = trainingFeatures(hadoop, run);
        Config manifest = ConfigFactory.parseString(training.manifestJson);
        String glove = manifest.getString("settings.features.glove.path");
        Directory target = Directory.at(hadoop, output);
        if (target.fs().exists(new org.apache.hadoop.fs.Path(target.root()))) {
            throw new IllegalArgumentException("the bundle " + target.root() + " already exists; choose another --out");
        }
        org.apache.hadoop.fs.Path tmp = AtomicCommit.temporarySibling(new org.apache.hadoop.fs.Path(target.root()));
        Directory bundle = Directory.create(hadoop, tmp.toString());
        try {
            for (String file : new String[] {RunLayout.CONFIG, RunLayout.FOLDS, RunLayout.TRIALS}) {
                bundle.write(file, run.readText(file));
            }
            FoldPlan plan = FoldPlan.parse(run.readText(RunLayout.FOLDS), run.path(RunLayout.FOLDS));
            int units = 0;
            for (Trial t : Trial.parseList(run.readText(RunLayout.TRIALS), run.path(RunLayout.TRIALS))) {
                for (Fold f : plan.folds()) {
                    String unit = RunLayout.unitDir(t.index(), f.index());
                    if (run.exists(unit)) {
                        FileUtil.copy(
                                run.fs(),
                                new org.apache.hadoop.fs.Path(run.path(unit)),
                                bundle.fs(),
                                new org.apache.hadoop.fs.Path(bundle.path(unit)),
                                false,
                                hadoop);
                        units++;
                    }
                }
            }
            if (units == 0) {
                throw new IllegalArgumentException("run " + run.root() + " has no complete unit to export");
            }
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("dataset", training.dataset);
            description.put(
                    "glove_sha256",
                    training.gloveSha256 != null ? training.gloveSha256 : FileDigest.sha256(hadoop, glove));
            description.put("feature_manifest", new ObjectMapper().readTree(training.manifestJson));
            bundle.write(
                    RunLayout.BUNDLE,
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(description));
        } catch (IOException | RuntimeException e) {
            AtomicCommit.deleteQuietly(bundle.fs(), tmp);
            throw e;
        }
        AtomicCommit.replace(bundle.fs(), tmp, new org.apache.hadoop.fs.Path(target.root()));
        return target.root();
    }

    /**
     * An existing feature dataset is reused only when its manifest records the corpus and feature settings of
     * this configuration; otherwise the run would train on features it did not ask for.
     *
     * @throws InvalidConfigException naming every key that differs, and how to rebuild
     */
    static void checkReusable(Directory dataset, Settings settings) {
        Config manifest = ConfigFactory.parseString(dataset.readText(FeatureSchema.MANIFEST_FILE));
        Config current = settings.mcsan();
        List<String> differences = new ArrayList<>();
        if (!manifest.hasPath("settings")) {
            differences.add(
                    dataset.path(FeatureSchema.MANIFEST_FILE) + " does not record the settings it was made with");
        } else {
            String kind = current.getString("corpus.kind");
            String reader = kind.equals("synthetic") ? "iemocap" : kind;
            differences.addAll(differences(
                    dataset.fs().getConf(),
                    current,
                    manifest.getConfig("settings"),
                    new String[] {
                        "corpus.kind",
                        "corpus.path",
                        "corpus." + reader,
                        "features.audio",
                        "features.mfcc",
                        "features.text",
                        "features.glove"
                    },
                    (key, value) -> true,
                    "the dataset was made with"));
        }
        if (!differences.isEmpty()) {
            List<String> problems = new ArrayList<>();
            problems.add("the feature dataset " + dataset.root() + " (mcsan.features.output) was not made with this"
                    + " configuration; recompute it with mcsan.features.overwrite = true, or choose another"
                    + " mcsan.features.output:");
            problems.addAll(differences);
            throw new InvalidConfigException(problems);
        }
    }

    /**
     * The keys under {@code sections} whose value in {@code current} (where {@code consider} holds) is not the one
     * {@code recorded}, each as "mcsan.KEY: {@code recordedWith} X, this configuration has Y (origin)".
     */
    private static List<String> differences(
            Configuration hadoop,
            Config current,
            Config recorded,
            String[] sections,
            BiPredicate<String, ConfigValue> consider,
            String recordedWith) {
        List<String> out = new ArrayList<>();
        for (String section : sections) {
            for (Map.Entry<String, ConfigValue> e :
                    current.withOnlyPath(section).entrySet()) {
                String key = e.getKey();
                ConfigValue value = e.getValue();
                if (consider.test(key, value)
                        && (!recorded.hasPath(key) || !sameValue(hadoop, key, recorded.getValue(key), value))) {
                    out.add("mcsan." + key + ": " + recordedWith + " "
                            + (recorded.hasPath(key) ? recorded.getValue(key).render() : "(not recorded)")
                            + ", this configuration has " + value.render() + " ("
                            + value.origin().description()
                            + ")");
                }
            }
        }
        return out;
    }

    /** Equal values; a path equals the same path written relative or absolute (see {@link #withAbsolutePaths}). */
    private static boolean sameValue(Configuration hadoop, String key, ConfigValue recorded, ConfigValue current) {
        if (recorded.equals(current)) {
            return true;
        }
        if (!Arrays.asList(PATH_KEYS).contains(key)
                || !(recorded.unwrapped() instanceof String && current.unwrapped() instanceof String)) {
            return false;
        }
        String a = (String) recorded.unwrapped();
        String b = (String) current.unwrapped();
        return !a.isEmpty() && !b.isEmpty() && Directory.qualify(hadoop, a).equals(Directory.qualify(hadoop, b));
    }

    /**
     * Why a finished run cannot simply train on: its units keep the selected epoch, not where training stopped.
     * (An interrupted unit does resume from its last checkpoint, with the same settings.)
     */
    private static final String MORE_EPOCHS = "continuing a run with more epochs is not supported: a complete unit"
            + " keeps only the weights of its selected epoch (the best on the validation split), and its last"
            + " checkpoint, the final epoch's weights and Adam state, is deleted when the unit completes, so training"
            + " cannot resume where it stopped; nor would the selection and early stopping of the first epochs"
            + " hold for a longer run. To train longer, run with the new mcsan.train.epochs in a new mcsan.run.dir"
            + " (the feature dataset is reused); ";

    private static boolean changesEpochs(List<String> keys) {
        for (String k : keys) {
            if (k.startsWith("mcsan.train.epochs:")) return true;
        }
        return false;
    }

    /**
     * Whether {@code key} is a random sweep's {@code trials} raised (or a grid's, which it ignores): configuration i
     * is drawn from a stream of its own, so the trials trained so far stay the same and only new ones are added.
     */
    private static boolean extendsSweep(Config recorded, Config current, String key) {
        if (!key.equals("sweep.trials") || !recorded.hasPath(key)) return false;
        return Sweep.GRID.equals(current.getString("sweep.method")) || current.getInt(key) >= recorded.getInt(key);
    }

    /**
     * Whether {@code key} is a setting added since the run was recorded (e.g. mcsan.sweep.halving, mcsan.train.fault)
     * and left at its default: that default is what the run was trained with.
     */
    private static boolean newSettingAtItsDefault(Config recorded, String key, ConfigValue value) {
        Config reference = Settings.defaults().mcsan();
        return !recorded.hasPath(key)
                && reference.hasPath(key)
                && reference.getValue(key).equals(value);
    }

    /**
     * Writes config.conf; for an existing run, first checks that what defines the run is unchanged, so that resuming
     * cannot mix units trained under different settings.
     */
    static void recordConfiguration(Directory run, Settings settings) {
        if (run.exists(RunLayout.CONFIG)) {
            Config previous =
                    ConfigFactory.parseString(run.readText(RunLayout.CONFIG)).getConfig(Settings.NAMESPACE);
            for (String section : RUN_DEFINING) {
                if (section.equals("sweep") && !previous.hasPath(section) && !Sweep.isDefined(settings)) {
                    continue; // a run recorded before sweeps existed, resumed without one
                }
                List<String> keys = differences(
                        run.fs().getConf(),
                        settings.mcsan(),
                        previous,
                        new String[] {section},
                        (key, value) -> !extendsSweep(previous, settings.mcsan(), key)
                                && !newSettingAtItsDefault(previous, key, value),
                        "the run was trained with");
                for (Map.Entry<String, ConfigValue> e :
                        previous.withOnlyPath(section).entrySet()) {
                    if (!settings.mcsan().hasPath(e.getKey())) {
                        keys.add("mcsan." + e.getKey() + ": the run was trained with "
                                + e.getValue().render() + ", this configuration does not have it");
                    }
                }
                if (!keys.isEmpty()) {
                    throw new IllegalStateException("run directory " + run.root() + " holds a run with different mcsan."
                            + section + " settings (" + String.join("; ", keys) + "); "
                            + (changesEpochs(keys) ? MORE_EPOCHS : "")
                            + "use another mcsan.run.dir, or delete it to start over");
                }
            }
        }
        run.write(RunLayout.CONFIG, settings.render(false));
    }
}
