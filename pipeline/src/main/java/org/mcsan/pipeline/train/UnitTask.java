package org.mcsan.pipeline.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mcsan.model.Example;
import org.mcsan.model.ModelSettings;
import org.mcsan.model.train.FoldData;
import org.mcsan.model.train.FoldResult;
import org.mcsan.model.train.FoldTrainer;
import org.mcsan.model.train.Scored;
import org.mcsan.model.train.TrainSettings;
import org.mcsan.pipeline.folds.Fold;
import org.mcsan.pipeline.folds.UtteranceInfo;
import org.mcsan.pipeline.run.RunDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One (trial, fold) unit, run inside a Spark task: reads only its fold's rows of the feature dataset, trains
 * (resuming from a checkpoint if one exists), and commits its outputs atomically — the predictions partition
 * first, then the unit directory, whose existence marks the unit complete.
 */
final class UnitTask implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(UnitTask.class);

  final int trial;
  final String trialName;
  final Fold fold;
  final List<String> classes;
  final String featuresDir;
  final RunDirectory run;
  /** The trial's resolved {@code mcsan} section, as JSON (Config objects are not meant to travel). */
  final String mcsanJson;
  final int coresPerUnit;
  final long seed;
  final int failAfterEpoch;

  UnitTask(int trial, String trialName, Fold fold, List<String> classes, String featuresDir, RunDirectory run,
           String mcsanJson, int coresPerUnit, long seed, int failAfterEpoch) {
    this.trial = trial;
    this.trialName = trialName;
    this.fold = fold;
    this.classes = classes;
    this.featuresDir = featuresDir;
    this.run = run;
    this.mcsanJson = mcsanJson;
    this.coresPerUnit = coresPerUnit;
    this.seed = seed;
    this.failAfterEpoch = failAfterEpoch;
  }

  String label() {
    return String.format(Locale.ROOT, "trial %d (%s) fold %d (%s)", trial, trialName, fold.fold, fold.name);
  }

  UnitOutcome run() throws IOException {
    long start = System.nanoTime();
    Config mcsan = ConfigFactory.parseString(mcsanJson);
    ModelSettings modelSettings = ModelSettings.from(mcsan.getConfig("model"));
    TrainSettings trainSettings = TrainSettings.from(mcsan.getConfig("train"));
    Configuration hadoop = new Configuration();

    List<Example> train = new ArrayList<>();
    List<Example> val = new ArrayList<>();
    List<Example> test = new ArrayList<>();
    for (FeatureRow r : FeatureDatasetReader.read(hadoop, featuresDir, r -> role(r) != null)) {
      Example e = new Example(r.utteranceId, r.labelIndex, r.mfcc, r.numFrames, r.textEmb, r.numWords);
      String role = role(r);
      (role.equals("train") ? train : role.equals("val") ? val : test).add(e);
    }
    // Training must not depend on the order in which the feature job happened to write the rows.
    for (List<Example> role : java.util.Arrays.asList(train, val, test)) {
      role.sort(java.util.Comparator.comparing((Example e) -> e.id));
    }
    LOG.info("{}: {} train / {} val / {} test utterances", label(), train.size(), val.size(), test.size());
    FoldData data = new FoldData(classes, train, val, test);

    String checkpoints = run.path(run.checkpointDir(trial, fold.fold)).toString();
    String tensorboard = run.path("tensorboard/" + RunDirectory.unitName(trial, fold.fold)).toString();
    FoldResult result = new FoldTrainer(modelSettings, trainSettings, hadoop, coresPerUnit).train(data, seed, checkpoints,
        tensorboard, (record, improved, model) -> {
          LOG.info(String.format(Locale.ROOT,
              "%s epoch %d/%d: train loss %.4f, val UA %.1f%% WA %.1f%% WF1 %.1f%%, %.1f s%s", label(), record.epoch,
              trainSettings.epochs, record.trainLoss, 100 * record.valUa, 100 * record.valWa, 100 * record.valWf1,
              record.seconds, improved ? " *" : ""));
          if (record.epoch == failAfterEpoch) {
            throw new IllegalStateException("mcsan.run.fail-after-epoch = " + failAfterEpoch + ": " + label()
                + " stops here on purpose");
          }
        });
    commit(hadoop, result, trainSettings);
    return new UnitOutcome(trial, fold.fold, fold.name, result.selectedEpoch, result.epochsTrainedNow, train.size(),
        test.size(), (System.nanoTime() - start) / 1e9);
  }

  private String role(FeatureRow r) {
    return fold.roleOf(new UtteranceInfo(r.utteranceId, r.speaker, r.session, r.split));
  }

  private void commit(Configuration hadoop, FoldResult result, TrainSettings trainSettings) throws IOException {
    FileSystem fs = run.fs(hadoop);
    String token = UUID.randomUUID().toString();

    Path predictions = run.path(run.predictionsDir(trial, fold.fold));
    Path predictionsTmp = new Path(predictions.getParent(), "." + predictions.getName() + ".tmp-" + token);
    List<Prediction> rows = new ArrayList<>();
    for (Scored s : result.validation) {
      rows.add(new Prediction(s.id, "val", s.label, s.predicted, s.probabilities));
    }
    for (Scored s : result.test) {
      rows.add(new Prediction(s.id, "test", s.label, s.predicted, s.probabilities));
    }
    PredictionsWriter.write(hadoop, new Path(predictionsTmp, "part-00000.snappy.parquet"), rows);

    Path unit = run.path(run.unitDir(trial, fold.fold));
    Path unitTmp = new Path(unit.getParent(), "." + unit.getName() + ".tmp-" + token);
    fs.mkdirs(unitTmp);
    result.model.save(new Path(unitTmp, "model.bigdl").toString());
    result.model.exportSafetensors(new Path(unitTmp, "model.safetensors").toString());
    RunDirectory.writeAtomically(fs, new Path(unitTmp, "normalizer.json"),
        result.normalizer.toJson().getBytes(StandardCharsets.UTF_8));
    Map<String, Object> history = new LinkedHashMap<>();
    history.put("trial", trial);
    history.put("fold", fold.fold);
    history.put("fold_name", fold.name);
    history.put("selection_metric", trainSettings.selectionMetric);
    history.put("selected_epoch", result.selectedEpoch);
    history.put("epochs", result.history);
    RunDirectory.writeAtomically(fs, new Path(unitTmp, "history.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(history));

    RunDirectory.commitDirectory(fs, predictionsTmp, predictions);
    RunDirectory.commitDirectory(fs, unitTmp, unit); // the unit is complete from here on
    fs.delete(run.path(run.checkpointDir(trial, fold.fold)), true);
  }
}
