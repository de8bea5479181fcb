package org.mcsan.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.io.JsonFields;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.model.Batcher;
import org.mcsan.model.Example;
import org.mcsan.model.McsanModel;
import org.mcsan.model.ModelSettings;
import org.mcsan.model.Normalizer;

/**
 * A trained (trial, fold) unit — the fitted model: the network with the selected weights, the fold's
 * normaliser (fitted on its training speakers) and the class list. What the unit task scores validation and test
 * with, and what {@link #load} rebuilds from a unit directory to score new examples.
 */
public final class TrainedUnit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final McsanModel model;
    private final Normalizer normalizer;
    private final List<String> classes;
    private final Batcher batcher;

    public TrainedUnit(McsanModel model, Normalizer normalizer, List<String> classes) {
        if (classes.size() != model.numClasses()) {
            throw new IllegalArgumentException(classes.size() + " classes for a model with " + model.numClasses());
        }
        this.model = model;
        this.normalizer = normalizer;
        this.classes = Collections.unmodifiableList(new ArrayList<>(classes));
        this.batcher = new Batcher(model.settings(), normalizer);
    }

    /** Rebuilds the unit that {@link #save} wrote into {@code unitDir} (any Hadoop path). */
    public static TrainedUnit load(Configuration hadoop, String unitDir) {
        Directory dir = Directory.open(hadoop, unitDir);
        String source = dir.path(RunLayout.UNIT_DESCRIPTION);
        JsonNode unit = JsonFields.parse(dir.readText(RunLayout.UNIT_DESCRIPTION), source);
        List<String> classes = JsonFields.strings(unit, "classes", source);
        ModelSettings settings =
                ModelSettings.fromJson(JsonFields.field(unit, "model", source).toString());
        McsanModel model;
        try {
            model = McsanModel.fromBytes(
                    dir.readBytes(RunLayout.MODEL_BIGDL), dir.path(RunLayout.MODEL_BIGDL), settings, classes.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + dir.path(RunLayout.MODEL_BIGDL), e);
        }
        return new TrainedUnit(model, Normalizer.fromJson(dir.readText(RunLayout.NORMALIZER)), classes);
    }

    /**
     * Writes the unit's files into {@code dir} (usually the temporary directory of a unit being committed): the
     * BigDL module, its safetensors export, the normaliser and {@link RunLayout#UNIT_DESCRIPTION}, all with
     * {@code dir}'s file system (the job's Hadoop configuration, which may reach an HDFS a fresh one would not).
     */
    public void save(Directory dir) throws IOException {
        dir.write(RunLayout.MODEL_BIGDL, model.toBytes());
        dir.write(RunLayout.MODEL_SAFETENSORS, model.safetensorsBytes());
        dir.write(RunLayout.NORMALIZER, normalizer.toJson());
        ObjectNode unit = JSON.createObjectNode();
        unit.putPOJO("classes", classes);
        try {
            unit.set("model", JSON.readTree(model.settings().toJson()));
            dir.write(
                    RunLayout.UNIT_DESCRIPTION,
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(unit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Class probabilities of every example (in evaluation mode), in the order given, batches of {@code batchSize}. */
    public List<Scored> predict(List<Example> examples, int batchSize) {
        List<Scored> out = new ArrayList<>(examples.size());
        for (List<Example> b : batcher.inference(examples, batchSize)) {
            float[][] p = model.predict(batcher.batch(b));
            for (int i = 0; i < b.size(); i++) {
                out.add(new Scored(b.get(i).id, b.get(i).label, p[i]));
            }
        }
        return out;
    }

    public McsanModel model() {
        return model;
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    public List<String> classes() {
        return classes;
    }
}
