package org.mcsan.bench;

import com.typesafe.config.Config;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.log4j.Logger;
import org.apache.spark.sql.SparkSession;

/** The benchmark's entry point: runs the chosen parts one after another and collects their reports. */
public final class Bench {
    private static final Logger LOG = Logger.getLogger(Bench.class);

    private Bench() {}

    /**
     * @param mcsan the resolved {@code mcsan} configuration (the code under test reads its settings from it)
     * @param sparkStarter starts Spark (and BigDL's Engine) as the application does
     */
    public static BenchReport run(
            List<BenchPart> parts,
            BenchSettings bench,
            boolean quick,
            Config mcsan,
            Function<Config, SparkSession> sparkStarter) {
        Map<String, Object> runSettings = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (BenchPart part : parts) {
            names.add(part.name());
        }
        runSettings.put("parts", names);
        runSettings.put("quick", quick);
        runSettings.putAll(bench.toMap());
        BenchReport report = new BenchReport(MachineInfo.collect(), runSettings);
        BenchContext context = new BenchContext(bench, mcsan, sparkStarter);
        for (BenchPart part : parts) {
            report.add(runPart(part, context));
        }
        return report;
    }

    /** Runs one part; a failure is recorded in its report (with what it measured before) and does not stop others. */
    private static PartReport runPart(BenchPart part, BenchContext context) {
        PartReport report = new PartReport(part.name(), part.description());
        long start = System.nanoTime();
        String error = null;
        try {
            part.run(context, report);
        } catch (Exception | LinkageError e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            error = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            LOG.error(part.name() + " failed: " + error + " (run with --verbose for the stack trace)");
            LOG.debug(part.name() + " failed", cause);
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            report.info("load_average_1min_after", load);
        }
        report.finish((System.nanoTime() - start) / 1e9, error);
        LOG.info(String.format(Locale.ROOT, "%s: done in %.1f s", part.name(), report.seconds()));
        return report;
    }
}
