package org.mcsan.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application on a real standalone cluster: bin/spark-cluster starts a master and two workers (separate JVMs, one
 * core each) from the stock Spark jars the build assembles, and bin/mcsan-submit submits the cluster jar with
 * spark-submit, as the README tells users to. The configuration uses relative paths. Each run is compared with the same
 * configuration run by bin/mcsan on embedded local[2] Spark: the models must be byte-identical.
 */
class ClusterIT {
    private static final File ROOT = new File(System.getProperty("mcsan.root", ".."));
    private static final int EPOCHS = 3;
    private static final int FOLDS = 4;
    /** Tiny synthetic corpus (2 sessions, 4 speakers, so 4 speaker folds); every path relative. */
    private static final String CONF = "mcsan {\n"
            + "  corpus { kind = synthetic, path = \"synthetic/IEMOCAP_full_release\" }\n"
            + "  features { output = features, glove.path = \"synthetic/glove.synthetic.300d.txt\" }\n"
            + "  run.dir = run\n"
            + "  synth { sessions = 2, utterances-per-speaker = 12, dialogs-per-session = 2 }\n"
            + "  train { batch-size = 8, epochs = " + EPOCHS + " }\n"
            + "}\n";

    @TempDir
    static Path work;

    private static File local;
    private File cluster;
    private String master;

    @BeforeAll
    static void runLocally() throws Exception {
        local = directory("local");
        Result synth = run(local, command("bin/mcsan", "synth", "--conf", "it.conf", "--out", "synthetic"), null, 120);
        assertEquals(0, synth.code, synth.output);
        Result r = run(
                local,
                command("bin/mcsan", "run", "--conf", "it.conf", "--set", "mcsan.spark.master=local[2]"),
                null,
                600);
        assertEquals(0, r.code, r.output);
    }

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new File(work.toFile(), "cluster-" + System.nanoTime());
        int port = freePort();
        Result r = run(
                work.toFile(),
                command(
                        "bin/spark-cluster",
                        "start",
                        "--workers",
                        "2",
                        "--cores",
                        "1",
                        "--memory",
                        "2g",
                        "--port",
                        String.valueOf(port),
                        "--webui-port",
                        String.valueOf(freePort())),
                cluster,
                120);
        assertEquals(0, r.code, r.output);
        master = "spark://127.0.0.1:" + port;
        assertEquals(master, read(new File(cluster, "master-url")).trim());
    }

    @AfterEach
    void stopCluster() throws Exception {
        run(work.toFile(), command("bin/spark-cluster", "stop"), cluster, 120);
    }

    @Test
    void aRunWithRelativePathsTrainsInTheExecutorsAndSurvivesALostWorker() throws Exception {
        File dir = directory("lost-worker");
        Running driver = start(dir, submit("run", "--conf", "it.conf"), cluster);
        // Kill a worker and its executor (a lost machine) once both units in flight have a checkpoint.
        waitUntil(() -> checkpointedUnits(dir) >= 2, driver.process, 300);
        killWithChildren(read(new File(cluster, "worker-1.pid")).trim());
        Result r = driver.finish(600);
        assertEquals(0, r.code, r.output);

        assertComplete(dir);
        assertSameModelsAsLocally(dir);
        boolean retried = false;
        for (int fold = 0; fold < FOLDS; fold++) {
            String history = read(unit(dir, fold, "history.json"));
            assertTrue(history.matches("(?s).*\"executor\" : \\{\\s*\"id\" : \"\\d+\".*"), history);
            retried |= history.matches("(?s).*\"task_attempt\" : [1-9].*");
        }
        assertTrue(retried, "a unit of the lost worker was retried");
        List<Integer> trainedNow = epochsTrainedNow(r.output);
        assertEquals(FOLDS, trainedNow.size(), r.output);
        assertTrue(trainedNow.stream().anyMatch(n -> n < EPOCHS), "a retried unit resumed from its checkpoint: " + r);
        assertTrue(read(new File(dir, "run/config.conf")).contains("dir=\"file:" + dir.getCanonicalPath() + "/run\""));
    }

    @Test
    void aResubmittedDriverSkipsCompleteUnitsAndResumesTheRest() throws Exception {
        File dir = directory("lost-driver");
        // Training only, on the local run's feature dataset (the first test covers the feature job on the cluster).
        List<String> train = submit("train", "--conf", "it.conf", "--features", "../local/features");
        Running driver = start(dir, train, cluster);
        waitUntil(() -> completeUnits(dir) >= 1, driver.process, 600);
        driver.process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        int complete = completeUnits(dir);
        assertTrue(complete < FOLDS, "the driver was killed before the end");

        Result r = run(dir, train, cluster, 600);
        assertEquals(0, r.code, r.output);
        Result evaluation = run(dir, command("bin/mcsan", "evaluate", "run"), null, 300);
        assertEquals(0, evaluation.code, evaluation.output);
        Matcher m = Pattern.compile("(\\d+) complete, (\\d+) failed earlier \\([^)]*\\), (\\d+) to train")
                .matcher(r.output);
        assertTrue(m.find(), r.output);
        assertTrue(Integer.parseInt(m.group(1)) >= complete, m.group());
        assertEquals(0, Integer.parseInt(m.group(2)), m.group());
        assertEquals(FOLDS, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(3)), m.group());
        assertComplete(dir);
        assertSameModelsAsLocally(dir);
    }

    /** bin/mcsan against the master, without spark-submit: mcsan ships its jar and Java options to the executors. */
    @Test
    void theLauncherAgainstAClusterMasterShipsWhatExecutorsNeed() throws Exception {
        File dir = directory("launcher");
        Result r = run(
                dir,
                command(
                        "bin/mcsan",
                        "features",
                        "--conf",
                        "it.conf",
                        "--set",
                        "mcsan.spark.master=" + master,
                        "--set",
                        "mcsan.spark.conf.\"spark.executor.cores\"=1",
                        "--set",
                        "mcsan.spark.conf.\"spark.cores.max\"=2"),
                cluster,
                600);
        assertEquals(0, r.code, r.output);
        assertTrue(r.output.contains("36 written"), r.output);
        assertTrue(new File(dir, "features/manifest.json").isFile());
        File[] executorLogs = new File(cluster, "worker-1").listFiles();
        assertTrue(executorLogs != null && executorLogs.length > 0, "worker-1 ran an executor");

        Result missing = run(
                dir,
                command("bin/mcsan", "features", "--conf", "it.conf", "--set", "mcsan.spark.master=" + master),
                cluster,
                120);
        assertEquals(2, missing.code, missing.output);
        assertTrue(missing.output.contains("--total-executor-cores"), missing.output);
    }

    private List<String> submit(String... mcsan) {
        List<String> c = command(
                "bin/mcsan-submit",
                "--master",
                master,
                "--executor-cores",
                "1",
                "--total-executor-cores",
                "2",
                "--driver-memory",
                "2g",
                "--");
        c.addAll(Arrays.asList(mcsan));
        return c;
    }

    private static void assertComplete(File dir) throws IOException {
        for (String f : new String[] {
            "config.conf",
            "folds.json",
            "trials.json",
            "dataset-manifest.json",
            "summary.json",
            "metrics.csv",
            "report.html"
        }) {
            assertTrue(new File(dir, "run/" + f).isFile(), f);
        }
        for (int fold = 0; fold < FOLDS; fold++) {
            for (String f : new String[] {"model.bigdl", "model.safetensors", "normalizer.json", "unit.json"}) {
                assertTrue(unit(dir, fold, f).exists(), fold + "/" + f);
            }
            assertTrue(new File(dir, "run/predictions/trial=0/fold=" + fold).isDirectory(), "predictions of " + fold);
            assertTrue(!new File(dir, "run/checkpoints/trial-0/fold-" + fold).exists(), "checkpoints removed");
        }
    }

    private static void assertSameModelsAsLocally(File dir) throws IOException {
        for (int fold = 0; fold < FOLDS; fold++) {
            for (String f : new String[] {"model.safetensors", "normalizer.json"}) {
                assertArrayEquals(
                        Files.readAllBytes(unit(local, fold, f).toPath()),
                        Files.readAllBytes(unit(dir, fold, f).toPath()),
                        "fold " + fold + " " + f);
            }
        }
        assertEquals(read(new File(local, "run/metrics.csv")), read(new File(dir, "run/metrics.csv")));
    }

    private static File unit(File dir, int fold, String file) {
        return new File(dir, "run/units/trial-0/fold-" + fold + "/" + file);
    }

    private static int completeUnits(File dir) {
        String[] units = new File(dir, "run/units/trial-0").list((d, name) -> name.startsWith("fold-"));
        return units == null ? 0 : units.length;
    }

    private static int checkpointedUnits(File dir) {
        File[] units = new File(dir, "run/checkpoints/trial-0").listFiles();
        int n = 0;
        for (File u : units == null ? new File[0] : units) {
            String[] files = u.list((d, name) -> name.startsWith("epoch-")); // Checkpoints' epoch directories
            n += files != null && files.length > 0 ? 1 : 0;
        }
        return n;
    }

    private static List<Integer> epochsTrainedNow(String log) {
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("(\\d+) epoch\\(s\\) trained now").matcher(log);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private static File directory(String name) throws IOException {
        File dir = new File(work.toFile(), name);
        assertTrue(dir.mkdirs());
        Files.write(new File(dir, "it.conf").toPath(), CONF.getBytes(StandardCharsets.UTF_8));
        File corpus = new File(work.toFile(), "local/synthetic");
        if (corpus.isDirectory() && !name.equals("local")) {
            Files.createSymbolicLink(new File(dir, "synthetic").toPath(), corpus.toPath());
        }
        return dir;
    }

    private static List<String> command(String script, String... args) {
        List<String> c = new ArrayList<>();
        c.add(new File(ROOT, script).getAbsolutePath());
        c.addAll(Arrays.asList(args));
        return c;
    }

    /** A command started in {@code dir} with its output in a log file of its own there. */
    private static Running start(File dir, List<String> command, File clusterDir) throws IOException {
        File log = new File(dir, "command-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir)
                .redirectErrorStream(true)
                .redirectOutput(log);
        pb.environment().put("MCSAN_NO_BUILD", "1"); // the jars were just packaged
        pb.environment().put("MCSAN_HEAP", "2g");
        if (clusterDir != null) {
            pb.environment().put("MCSAN_CLUSTER_DIR", clusterDir.getAbsolutePath());
        }
        return new Running(pb.start(), log);
    }

    private static Result run(File dir, List<String> command, File clusterDir, int seconds) throws Exception {
        return start(dir, command, clusterDir).finish(seconds);
    }

    private static final class Running {
        final Process process;
        final File log;

        Running(Process process, File log) {
            this.process = process;
            this.log = log;
        }

        Result finish(int seconds) throws Exception {
            assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "finished within " + seconds + " s");
            return new Result(process.exitValue(), read(log));
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition, Process driver, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            assertTrue(driver.isAlive(), "the driver ended before the fault could be injected");
            assertTrue(System.nanoTime() < deadline, "condition not reached within " + seconds + " s");
            Thread.sleep(100);
        }
    }

    private static void killWithChildren(String pid) throws Exception {
        assertNotEquals("", pid);
        new ProcessBuilder("pkill", "-KILL", "-P", pid).start().waitFor();
        new ProcessBuilder("kill", "-KILL", pid).start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String read(File f) throws IOException {
        return new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
    }

    private static final class Result {
        final int code;
        final String output;

        Result(int code, String output) {
            this.code = code;
            this.output = output;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n" + output;
        }
    }
}
