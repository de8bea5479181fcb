package org.mcsan.prediction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.mcsan.contracts.features.FeatureSchema;
import org.mcsan.contracts.io.Csv;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.io.SerializableHadoopConf;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.Fold;
import org.mcsan.contracts.run.FoldPlan;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.Trial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction stage: applies the trained units of a run (one unit, or every complete fold of a trial as an
 * ensemble whose class probabilities are averaged) to a feature dataset, as a Spark job over the dataset's
 * partitions, and writes {@link PredictionOutput}. The dataset must have been made with the feature settings and
 * classes of the dataset the run was trained on.
 */
public final class PredictJob {
    private static final Logger LOG = LoggerFactory.getLogger(PredictJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The manifest settings that decide what the network sees; another value makes the features incomparable. */
    private static final String[] FEATURE_SECTIONS = {"mfcc", "audio", "text"};

    private static final String[] GLOVE_KEYS = {"dim", "oov-policy"};

    private PredictJob() {}

    public static PredictSummary run(SparkSession spark, PredictSettings settings) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Directory run = Directory.open(hadoop, settings.runDir);
        FoldPlan plan = FoldPlan.parse(run.readText(RunLayout.FOLDS), run.path(RunLayout.FOLDS));
        Trial trial = trial(Trial.parseList(run.readText(RunLayout.TRIALS), run.path(RunLayout.TRIALS)), settings, run);
        List<String> unitDirs = new ArrayList<>();
        List<String> unitNames = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (Fold f : plan.folds()) {
            if (settings.fold != PredictSettings.ALL_FOLDS && f.index() != settings.fold) {
                continue;
            }
            String unit = RunLayout.unitDir(trial.index(), f.index());
            if (run.exists(unit)) {
                unitDirs.add(run.path(unit));
                unitNames.add(RunLayout.unitName(trial.index(), f.index()));
            } else if (settings.fold != PredictSettings.ALL_FOLDS) {
                throw new IllegalArgumentException("unit " + RunLayout.unitName(trial.index(), f.index()) + " of run "
                        + run.root() + " is not complete (train it with mcsan train)");
            } else {
                incomplete.add(RunLayout.unitName(trial.index(), f.index()));
            }
        }
        if (settings.fold != PredictSettings.ALL_FOLDS && unitDirs.isEmpty()) {
            throw new IllegalArgumentException("run " + run.root() + " has no fold " + settings.fold + " (folds: 0-"
                    + (plan.folds().size() - 1) + ")");
        }
        if (unitDirs.isEmpty()) {
            throw new IllegalArgumentException("run " + run.root() + " has no complete unit of trial " + trial.index()
                    + " (" + trial.name() + "); train it with mcsan train first");
        }

        if (!incomplete.isEmpty()) {
            LOG.warn("the ensemble leaves out the units that are not complete: {}", String.join(", ", incomplete));
        }
        Directory input = Directory.open(hadoop, settings.dataset);
        checkSameFeatures(settings.training, input, plan.classes());
        // The units were trained on most of their own dataset: scores on it are not held-out scores.
        boolean trainingData = input.root().equals(settings.training.dataset);
        Directory out = Directory.at(hadoop, settings.output);
        if (out.exists(PredictionOutput.TABLE) && !settings.overwrite) {
            throw new IllegalArgumentException("the output " + out.path(PredictionOutput.TABLE)
                    + " already exists; choose another output or allow overwriting");
        }
        LOG.info(
                "predicting {} with {} unit(s) of trial {} ({}): {}",
                input.root(),
                unitDirs.size(),
                trial.index(),
                trial.name(),
                String.join(", ", unitNames));

        List<Row> rows = spark.read()
                .parquet(input.path(FeatureSchema.FEATURES_DIR))
                .select(
                        FeatureSchema.UTTERANCE_ID,
                        FeatureSchema.LABEL_INDEX,
                        FeatureSchema.NUM_FRAMES,
                        FeatureSchema.MFCC,
                        FeatureSchema.NUM_WORDS,
                        FeatureSchema.TEXT_EMB)
                .javaRDD()
                .mapPartitions(new ScorePartition(
                        unitDirs, unitNames, plan.classes(), settings.batchSize, new SerializableHadoopConf(hadoop)))
                .collect();
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.getString(0).compareTo(b.getString(0)));

        StructType schema = PredictionOutput.schema(plan.classes());
        Directory.create(hadoop, settings.output);
        String tmp = out.temporaryPath(PredictionOutput.TABLE);
        spark.createDataFrame(sorted, schema).coalesce(1).write().parquet(tmp);
        out.commitDirectory(tmp, PredictionOutput.TABLE);
        out.write(PredictionOutput.CSV, csv(schema, sorted));
        ClassificationMetrics metrics = metrics(sorted, plan.classes());
        if (metrics != null) {
            out.write(PredictionOutput.METRICS, metricsJson(metrics, unitNames, input.root(), trainingData));
        }
        return new PredictSummary(out.root(), sorted.size(), unitNames, metrics, trainingData);
    }

    private static Trial trial(List<Trial> trials, PredictSettings settings, Directory run) {
        if (settings.trial == PredictSettings.ONLY_TRIAL) {
            if (trials.size() != 1) {
                throw new IllegalArgumentException("run " + run.root() + " has " + trials.size()
                        + " trials; choose one " + "(" + names(trials) + ")");
            }
            return trials.get(0);
        }
        for (Trial t : trials) {
            if (t.index() == settings.trial) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "run " + run.root() + " has no trial " + settings.trial + " (" + names(trials) + ")");
    }

    private static String names(List<Trial> trials) {
        List<String> names = new ArrayList<>();
        for (Trial t : trials) {
            names.add(t.index() + " = " + t.name());
        }
        return String.join(", ", names);
    }

    /**
     * The input's classes and every feature setting that shapes what the network sees must be those of the
     * dataset the run was trained on.
     *
     * @throws ConfigException naming each key that differs (a configuration problem: exit code 2)
     */
    static void checkSameFeatures(TrainingFeatures training, Directory input, List<String> runClasses)
            throws IOException {
        JsonNode trained = JSON.readTree(training.manifestJson);
        JsonNode given = JSON.readTree(input.readText(FeatureSchema.MANIFEST_FILE));
        List<String> differences = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        given.path(FeatureSchema.MANIFEST_CORPUS)
                .path(FeatureSchema.MANIFEST_CLASSES)
                .forEach(c -> classes.add(c.asText()));
        if (!classes.equals(runClasses)) {
            differences.add("classes: the run has " + runClasses + ", the input " + classes);
        }
        JsonNode a = trained.path("settings").path("features");
        JsonNode b = given.path("settings").path("features");
        for (String section : FEATURE_SECTIONS) {
            compare("mcsan.features." + section, a.path(section), b.path(section), differences);
        }
        for (String key : GLOVE_KEYS) {
            compare(
                    "mcsan.features.glove." + key,
                    a.path("glove").path(key),
                    b.path("glove").path(key),
                    differences);
        }
        if (!differences.isEmpty()) {
            throw new ConfigException.BadValue(
                    FeatureSchema.MANIFEST_FILE,
                    "the input " + input.root()
                            + " was not made with the feature settings of the run's dataset (" + training.source + "): "
                            + String.join("; ", differences) + " (make the input with the run's settings)");
        }
    }

    private static void compare(String key, JsonNode trained, JsonNode given, List<String> differences) {
        if (trained.isObject() || given.isObject()) {
            Map<String, Boolean> fields = new TreeMap<>();
            trained.fieldNames().forEachRemaining(f -> fields.put(f, true));
            given.fieldNames().forEachRemaining(f -> fields.put(f, true));
            for (String f : fields.keySet()) {
                compare(key + "." + f, trained.path(f), given.path(f), differences);
            }
        } else if (!trained.equals(given)) {
            differences.add(key + " is " + text(trained) + " for the run and " + text(given) + " for the input");
        }
    }

    private static String text(JsonNode v) {
        return v.isMissingNode() ? "(not recorded)" : v.toString();
    }

    private static String csv(StructType schema, List<Row> rows) {
        StringBuilder sb = new StringBuilder(Csv.line((Object[]) schema.fieldNames()));
        for (Row r : rows) {
            Object[] values = new Object[r.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            sb.append(Csv.line(values));
        }
        return sb.toString();
    }

    /** Metrics over the rows whose true label is known, or null when none is. */
    private static ClassificationMetrics metrics(List<Row> rows, List<String> classes) {
        List<Integer> truth = new ArrayList<>();
        List<Integer> predicted = new ArrayList<>();
        for (Row r : rows) {
            String label = r.getString(1);
            if (label != null) {
                truth.add(classes.indexOf(label));
                predicted.add(classes.indexOf(r.getString(2)));
            }
        }
        if (truth.isEmpty()) {
            return null;
        }
        int[] t = new int[truth.size()];
        int[] p = new int[truth.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = truth.get(i);
            p[i] = predicted.get(i);
        }
        return ClassificationMetrics.of(ConfusionMatrix.fromLabels(classes, t, p));
    }

    private static String metricsJson(ClassificationMetrics m, List<String> units, String input, boolean trainingData)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("input", input);
        root.put("input_is_training_dataset", trainingData);
        root.putPOJO("units", units);
        for (Metric metric : Metric.values()) {
            root.put(metric.column(), m.get(metric));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
