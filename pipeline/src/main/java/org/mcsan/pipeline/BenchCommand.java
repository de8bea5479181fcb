package org.mcsan.pipeline;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mcsan.bench.Bench;
import org.mcsan.bench.BenchPart;
import org.mcsan.bench.BenchParts;
import org.mcsan.bench.BenchReport;
import org.mcsan.bench.BenchSettings;
import org.mcsan.pipeline.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mcsan bench}: measures the performance-critical parts on this machine and reports each measurement's
 * median and spread against the project's targets, as a console table and a JSON file.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the performance-critical parts on this machine against the project's targets.",
            "Each measurement warms up (mcsan.bench.warmup runs), then is repeated (mcsan.bench.repetitions); the "
                    + "report gives the median, min-max and interquartile range, as a table and as JSON.",
            "Other processes competing for the cores make the numbers lower and noisier: the JSON records the load "
                    + "average and, per measurement, how many cores the process actually got (cpu_cores_used)."
        },
        footer = {
            "Parts:",
            "  mfcc  MFCC of speech-like utterances (1-15 s), from samples and from 16-bit",
            "        WAV bytes, on 1 thread and on all cores (target on all cores:",
            "        mcsan.bench.targets.mfcc-realtime-factor)",
            "  gemm  float matrix products with BigDL's Tensor.addmm (MKL sgemm), GFLOP/s:",
            "        1 MKL thread, MKL on all cores, one product per core at once",
            "  features  the feature job, WAV files of a generated corpus to Parquet on",
            "        local[threads] Spark: x real time (mcsan.bench.targets.features-realtime-factor)",
            "        and utterances/s",
            "  training  training steps (forward, backward, Adam) of mcsan.model, samples/s",
            "        and peak heap: (a) realistic lengths with and without bucketing,",
            "        (b) long inputs (targets: mcsan.bench.targets.training-*)",
            "  scaling  k folds at once on k one-core Spark slots vs one fold alone: wall",
            "        times and efficiency (mcsan.bench.targets.scaling-efficiency-percent)",
            "  scheduling  a sweep of trials x folds trivially small units through the",
            "        training and evaluation stages on local[threads]: seconds per unit",
            "        (target: mcsan.bench.targets.scheduling-seconds-per-unit), time",
            "        inside the units, driver heap, run directory files and bytes per unit"
        })
public final class BenchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "PART",
            description = "Run only these parts (comma-separated): ${COMPLETION-CANDIDATES}.",
            completionCandidates = PartNames.class)
    List<String> only = new ArrayList<>();

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the JSON report (default: mcsan.bench.out, \"bench.json\").")
    File out;

    @Option(
            names = "--quick",
            description =
                    "A smoke run: at most 1 warm-up, 3 repetitions, 8 utterances of at most 3 s, 20 ms GEMM "
                            + "runs, a corpus of 20 short utterances, training batches of 8, folds of 16 examples and 1 epoch, "
                            + "a sweep of at most 3 trials. Shows that every part works; its numbers are not fit for comparison with targets.")
    boolean quick;

    @Option(names = "--strict", description = "Exit with code 1 when a measurement misses its target.")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        List<BenchPart> parts = selectedParts();
        Settings settings = options.load();
        BenchSettings bench = BenchSettings.from(settings.mcsan().getConfig("bench"));
        if (quick) {
            bench = bench.quick();
        }
        File jsonFile = out != null ? out : new File(bench.out());

        BenchReport report = Bench.run(parts, bench, quick, settings.mcsan(), SparkSessions::start);

        System.out.println();
        System.out.print(report.table());
        report.writeJson(jsonFile.toPath());
        System.out.println("report: " + jsonFile.getAbsolutePath());
        if (report.anyError()) {
            return 1;
        }
        return strict && report.anyTargetMissed() ? 1 : 0;
    }

    private List<BenchPart> selectedParts() {
        List<BenchPart> all = BenchParts.all();
        if (only.isEmpty()) {
            return all;
        }
        List<BenchPart> selected = new ArrayList<>();
        for (BenchPart part : all) {
            if (only.contains(part.name())) {
                selected.add(part);
            }
        }
        for (String name : only) {
            if (!BenchParts.names().contains(name)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--only: unknown part '" + name + "'; the parts are " + String.join(", ", BenchParts.names()));
            }
        }
        return selected;
    }

    /** The part names, for {@code --only}'s help. */
    static final class PartNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return BenchParts.names().iterator();
        }
    }
}
