package org.mcsan.pipeline.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mcsan.pipeline.config.Settings;
import org.mcsan.pipeline.folds.Fold;
import org.mcsan.pipeline.folds.FoldPlan;
import org.mcsan.pipeline.folds.FoldPlanner;
import org.mcsan.pipeline.folds.UtteranceInfo;
import org.mcsan.pipeline.run.RunDirectory;
import org.mcsan.pipeline.run.Trial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mcsan train}: plans the folds, writes the run directory's plan files, and trains every (trial, fold)
 * unit that is not complete yet as one Spark task each, in parallel across the executors.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** The sections whose values decide what a run computes; a rerun must not change them. */
  private static final String[] RUN_DEFINING = {"corpus", "features", "model", "train", "folds", "trials"};

  private TrainJob() {}

  /** The feature dataset a run trains on: mcsan.run.features, else mcsan.features.output. */
  public static String dataset(Config mcsan) {
    String explicit = mcsan.getString("run.features");
    return explicit.isEmpty() ? mcsan.getString("features.output") : explicit;
  }

  public static List<UnitOutcome> run(SparkSession spark, Settings settings) throws IOException {
    Config mcsan = settings.mcsan();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String dataset = dataset(mcsan);
    if (dataset.isEmpty()) {
      throw new IllegalArgumentException("no feature dataset: set mcsan.run.features (or mcsan.features.output)");
    }
    RunDirectory run = new RunDirectory(mcsan.getString("run.dir"));
    RunDirectory data = new RunDirectory(dataset);
    if (!data.exists(hadoop, "manifest.json") || !data.exists(hadoop, "features")) {
      throw new IllegalArgumentException("no feature dataset at " + dataset
          + " (expected manifest.json and features/ written by 'mcsan features')");
    }
    JsonNode manifest = JSON.readTree(data.readText(hadoop, "manifest.json"));
    List<String> classes = new ArrayList<>();
    manifest.path("corpus").path("classes").forEach(c -> classes.add(c.asText()));
    String corpus = manifest.path("corpus").path("name").asText("unknown");

    List<UtteranceInfo> utterances = new ArrayList<>();
    for (Row r : spark.read().parquet(data.path("features").toString())
        .select("utterance_id", "speaker", "session", "split").collectAsList()) {
      utterances.add(new UtteranceInfo(r.getString(0), r.getString(1), r.getString(2), r.getString(3)));
    }
    FoldPlan plan = FoldPlanner.plan(corpus, classes, utterances, mcsan.getString("folds.strategy"),
        mcsan.getInt("folds.k"), mcsan.getLong("train.seed"));
    List<Trial> trials = Trial.fromSettings(settings);
    claimRunDirectory(run, hadoop, settings, plan, trials);

    List<Integer> only = mcsan.getIntList("folds.only");
    int cores = mcsan.getInt("run.cores-per-unit");
    List<UnitTask> tasks = new ArrayList<>();
    List<int[]> units = new ArrayList<>();
    int skipped = 0;
    for (Trial t : trials) {
      String trialJson = t.settings(settings).config().getValue(Settings.NAMESPACE)
          .render(ConfigRenderOptions.concise());
      long seed = t.settings(settings).mcsan().getLong("train.seed");
      for (Fold f : plan.folds) {
        if (!only.isEmpty() && !only.contains(f.fold)) {
          continue;
        }
        units.add(new int[] {t.trial, f.fold});
        if (run.exists(hadoop, run.unitDir(t.trial, f.fold))) {
          skipped++;
          continue;
        }
        tasks.add(new UnitTask(t.trial, t.name, f, plan.classes, data.path("features").toString(), run, trialJson,
            cores, seed * 1_000_003L + t.trial * 1009L + f.fold, mcsan.getInt("run.fail-after-epoch")));
      }
    }
    LOG.info(String.format(Locale.ROOT, "run %s: %d trial(s) x %d fold(s) = %d unit(s); %d complete, %d to train",
        run.root(), trials.size(), plan.folds.size(), units.size(), skipped, tasks.size()));
    if (tasks.isEmpty()) {
      return new ArrayList<>();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slots = Math.max(1, spark.sparkContext().defaultParallelism()
        / Math.max(1, Integer.parseInt(spark.conf().get("spark.task.cpus", "1"))));
    try (ProgressMonitor progress = new ProgressMonitor(run, hadoop, units, slots,
        settings.mcsan().getInt("train.epochs"), 10_000)) {
      progress.start();
      List<UnitOutcome> outcomes = jsc.parallelize(tasks, tasks.size()).map(UnitTask::run).collect();
      progress.report();
      for (UnitOutcome o : outcomes) {
        LOG.info(String.format(Locale.ROOT, "trial %d fold %d (%s): selected epoch %d, %d epoch(s) trained now, "
            + "%.0f s", o.trial, o.fold, o.foldName, o.selectedEpoch, o.epochsTrainedNow, o.seconds));
      }
      return outcomes;
    }
  }

  /**
   * Writes config.conf, folds.json and trials.json for a new run; for an existing one, checks that what defines
   * the run is unchanged, so that resuming cannot mix units trained under different settings.
   */
  static void claimRunDirectory(RunDirectory run, Configuration hadoop, Settings settings, FoldPlan plan,
                                List<Trial> trials) throws IOException {
    String folds = JSON.writeValueAsString(plan);
    String trialsJson = JSON.writeValueAsString(trials);
    if (run.exists(hadoop, "config.conf")) {
      Config previous = ConfigFactory.parseString(run.readText(hadoop, "config.conf")).getConfig(Settings.NAMESPACE);
      for (String section : RUN_DEFINING) {
        if (!previous.hasPath(section) || !previous.getValue(section).equals(settings.mcsan().getValue(section))) {
          throw new IllegalStateException("run directory " + run.root() + " holds a run with different mcsan."
              + section + " settings; use another mcsan.run.dir, or delete it to start over");
        }
      }
      if (!run.readText(hadoop, "folds.json").equals(folds)) {
        throw new IllegalStateException("run directory " + run.root() + " was planned with other folds (did the "
            + "feature dataset change?); use another mcsan.run.dir");
      }
    }
    run.writeText(hadoop, "config.conf", settings.render(false));
    run.writeText(hadoop, "folds.json", folds);
    run.writeText(hadoop, "trials.json", trialsJson);
  }
}
