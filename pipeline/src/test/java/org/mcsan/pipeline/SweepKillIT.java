package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.run.RunLayout;

/**
 * A sweep killed mid-run (SIGKILL to bin/mcsan's JVM) and rerun ends with the same halving decisions and the same
 * leaderboard as an uninterrupted sweep, and the units complete before the kill are not trained again (runs in the
 * integration-test phase, against the packaged jar).
 */
class SweepKillIT {
    private static final File ROOT = new File(System.getProperty("user.dir")).getParentFile();
    /** Units complete when the sweep is killed: rung 0 trains 3 configurations x 2 folds = 6. */
    private static final int KILL_AFTER_UNITS = 3;

    @TempDir
    Path work;

    private String conf() throws IOException {
        String conf = "mcsan {\n"
                + "  spark.master = \"local[2]\"\n"
                + "  corpus { kind = synthetic, path = \"synthetic/IEMOCAP_full_release\" }\n"
                + "  synth { sessions = 5, utterances-per-speaker = 8, dialogs-per-session = 2 }\n"
                + "  features { output = features, glove.path = \"synthetic/glove.synthetic.300d.txt\" }\n"
                + "  model { hidden-size = 8, heads = 2, ffn-size = 16, conv-channels = 8, classifier-hidden-size = 8 }\n"
                + "  train { batch-size = 8, epochs = 3 }\n"
                + "  sweep {\n"
                + "    method = grid\n"
                + "    halving { enabled = true, min-folds = 2, eta = 3 }\n"
                + "    space { \"mcsan.model.dropout\" { choice = [0.0, 0.2, 0.4] } }\n"
                + "  }\n"
                + "}\n";
        Files.write(work.resolve("sweep.conf"), conf.getBytes(StandardCharsets.UTF_8));
        return "sweep.conf";
    }

    private Process start(String conf, String runDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                        new File(ROOT, "bin/mcsan").getPath(),
                        "sweep",
                        "--conf",
                        conf,
                        "--set",
                        "mcsan.run.dir=" + runDir)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(runDir + ".log").toFile());
        pb.environment().put("MCSAN_NO_BUILD", "1");
        pb.environment().put("MCSAN_HEAP", "2g");
        return pb.start();
    }

    private String log(String runDir) throws IOException {
        return new String(Files.readAllBytes(work.resolve(runDir + ".log")), StandardCharsets.UTF_8);
    }

    private void finish(String conf, String runDir) throws Exception {
        Process p = start(conf, runDir);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "sweep " + runDir + " did not finish");
        assertEquals(0, p.exitValue(), log(runDir));
    }

    /** Every committed unit's history.json, by unit, with its modification time. */
    private Map<String, String> committed(String runDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path units = work.resolve(runDir).resolve("units");
        if (!Files.isDirectory(units)) return out;
        try (Stream<Path> files = Files.walk(units)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals(RunLayout.HISTORY))
                    .collect(Collectors.toList())) {
                out.put(
                        units.relativize(p.getParent()).toString(),
                        p.toFile().lastModified() + " " + new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private String read(String runDir, String file) throws IOException {
        return new String(Files.readAllBytes(work.resolve(runDir).resolve(file)), StandardCharsets.UTF_8);
    }

    @Test
    void aKilledSweepRerunEqualsAnUninterruptedOneAndKeepsItsCompleteUnits() throws Exception {
        String conf = conf();
        finish(conf, "uninterrupted"); // also makes the corpus and the feature dataset both runs train on

        Process killed = start(conf, "killed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (committed("killed").size() < KILL_AFTER_UNITS) {
            assertTrue(killed.isAlive(), "the sweep ended before it could be killed:\n" + log("killed"));
            assertTrue(System.nanoTime() < deadline, "no " + KILL_AFTER_UNITS + " units complete in time");
            Thread.sleep(200);
        }
        killed.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        Map<String, String> beforeKill = committed("killed");
        assertTrue(beforeKill.size() < committed("uninterrupted").size(), "killed mid-run: " + beforeKill.keySet());

        finish(conf, "killed");
        Map<String, String> after = committed("killed");
        for (Map.Entry<String, String> e : beforeKill.entrySet()) {
            assertEquals(e.getValue(), after.get(e.getKey()), "unit " + e.getKey() + " complete before the kill");
        }
        assertEquals(committed("uninterrupted").keySet(), after.keySet());
        assertEquals(read("uninterrupted", RunLayout.HALVING), read("killed", RunLayout.HALVING));
        assertEquals(read("uninterrupted", RunLayout.LEADERBOARD), read("killed", RunLayout.LEADERBOARD));
        List<String> lines = new ArrayList<>(
                Arrays.asList(read("killed", RunLayout.LEADERBOARD).split("\n")));
        assertEquals(4, lines.size(), lines.toString()); // header + 3 configurations
        assertTrue(lines.get(1).startsWith("1,ok,"), lines.get(1));
    }
}
