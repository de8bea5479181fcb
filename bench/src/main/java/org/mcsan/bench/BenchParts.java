package org.mcsan.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts {@code mcsan bench} can run, in the order it runs them. A new part implements {@link BenchPart},
 * reads its settings (and its targets, under {@code mcsan.bench.targets}) through {@link BenchSettings} and is
 * added here; {@code --only} and the report pick it up from this list. Parts that need Spark start it through
 * {@link BenchContext#startSpark}.
 */
public final class BenchParts {
    private BenchParts() {}

    public static List<BenchPart> all() {
        return new ArrayList<>(Arrays.<BenchPart>asList(
                new MfccBench(),
                new GemmBench(),
                new FeatureJobBench(),
                new TrainingStepBench(),
                new FoldScalingBench(),
                new SchedulingBench()));
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (BenchPart part : all()) {
            names.add(part.name());
        }
        return names;
    }
}
