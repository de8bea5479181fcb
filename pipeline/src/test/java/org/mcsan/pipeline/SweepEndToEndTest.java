package org.mcsan.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.run.HalvingRecord;
import org.mcsan.contracts.run.RunLayout;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitFailure;

/**
 * {@code mcsan sweep} end to end on local[2]: a tiny synthetic corpus (10 speaker folds), 12 configurations × 1 epoch,
 * successive halving, and half the configurations failing on purpose.
 */
class SweepEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FOLDS = 10;

    @TempDir
    Path dir;

    private String conf() throws IOException {
        String conf = "mcsan {\n"
                + "  spark.master = \"local[2]\"\n"
                + "  corpus { kind = synthetic, path = \"" + dir.resolve("synthetic/IEMOCAP_full_release") + "\" }\n"
                + "  synth { sessions = 5, utterances-per-speaker = 8, dialogs-per-session = 2 }\n"
                + "  features { output = \"" + dir.resolve("features") + "\", glove.path = \""
                + dir.resolve("synthetic/glove.synthetic.300d.txt") + "\" }\n"
                + "  run.dir = \"" + dir.resolve("run") + "\"\n"
                + "  model { hidden-size = 8, heads = 2, ffn-size = 16, conv-channels = 8, classifier-hidden-size = 8 }\n"
                + "  train { batch-size = 8, epochs = 1 }\n"
                + "  sweep {\n"
                + "    method = grid\n"
                + "    halving { enabled = true, min-folds = 2, eta = 3 }\n"
                + "    space {\n"
                + "      \"mcsan.model.dropout\" { choice = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5] }\n"
                + "      \"mcsan.train.fault\" { choice = [none, non-finite-loss] }\n"
                + "    }\n"
                + "  }\n"
                + "}\n";
        File file = dir.resolve("sweep.conf").toFile();
        Files.write(file.toPath(), conf.getBytes(StandardCharsets.UTF_8));
        return file.toString();
    }

    private File run(String relative) {
        return dir.resolve("run").resolve(relative).toFile();
    }

    @Test
    void halvingPrunesOnValidationFailedConfigurationsDoNotStopTheSweepAndARerunTrainsNothing() throws Exception {
        String conf = conf();
        MainTest.Result r = MainTest.run("sweep", "--conf", conf);
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("leaderboard (validation UA"), r.out);

        List<Trial> trials = Trial.parseList(read(RunLayout.TRIALS), RunLayout.TRIALS);
        assertEquals(12, trials.size());
        Set<String> faulty = new TreeSet<>();
        for (Trial t : trials) {
            if ("non-finite-loss".equals(t.overrides().get("mcsan.train.fault"))) faulty.add(t.configuration());
        }
        assertEquals(6, faulty.size());

        // The plan: 12 configurations on 2 folds, 4 on 6, 1 on all 10.
        HalvingRecord halving = HalvingRecord.parse(read(RunLayout.HALVING), RunLayout.HALVING);
        assertEquals(3, halving.plan().size());
        int[] folds = {2, 6, 10};
        int[] planned = {12, 4, 1};
        for (int i = 0; i < 3; i++) {
            assertEquals(folds[i], halving.plan().get(i).folds);
            assertEquals(planned[i], halving.plan().get(i).configurations);
        }
        assertEquals(3, halving.decisions().size());
        Map<String, String> rung0 = outcomes(halving.decisions().get(0));
        for (String c : faulty) assertEquals(HalvingRecord.FAILED, rung0.get(c), c);
        assertEquals(4, count(rung0, HalvingRecord.PROMOTED));
        assertEquals(2, count(rung0, HalvingRecord.PRUNED));
        assertEquals(1, count(outcomes(halving.decisions().get(1)), HalvingRecord.PROMOTED));
        assertEquals(3, count(outcomes(halving.decisions().get(1)), HalvingRecord.PRUNED));
        List<HalvingRecord.Decision> last = halving.decisions().get(2);
        assertEquals(1, last.size());
        assertEquals(HalvingRecord.FINISHED, last.get(0).outcome);
        // Promotion followed validation: every promoted configuration's rung-0 mean is at least every pruned one's.
        double worstPromoted = Double.MAX_VALUE;
        double bestPruned = -Double.MAX_VALUE;
        for (HalvingRecord.Decision d : halving.decisions().get(0)) {
            if (d.outcome.equals(HalvingRecord.PROMOTED)) worstPromoted = Math.min(worstPromoted, d.mean);
            if (d.outcome.equals(HalvingRecord.PRUNED)) bestPruned = Math.max(bestPruned, d.mean);
        }
        assertTrue(worstPromoted >= bestPruned, worstPromoted + " < " + bestPruned);

        // Every configuration trained exactly the folds of the rungs it raced in, nothing more; a failed one has a
        // failure record per unit of rung 0 and no unit, checkpoint or prediction.
        Map<String, Integer> foldsTrained = new HashMap<>();
        for (int r0 = 0; r0 < 3; r0++) {
            for (HalvingRecord.Decision d : halving.decisions().get(r0)) {
                foldsTrained.put(d.configuration, folds[r0]);
            }
        }
        for (Trial t : trials) {
            int trained = foldsTrained.get(t.configuration());
            boolean failed = faulty.contains(t.configuration());
            for (int f = 0; f < FOLDS; f++) {
                String unit = "trial " + t.name() + " fold " + f;
                assertEquals(
                        !failed && f < trained,
                        run(RunLayout.unitDir(t.index(), f)).isDirectory(),
                        unit);
                assertEquals(
                        failed && f < trained,
                        run(RunLayout.failureFile(t.index(), f)).isFile(),
                        unit);
                assertFalse(run(RunLayout.checkpointDir(t.index(), f)).exists(), unit);
                if (failed && f < trained) {
                    UnitFailure failure = UnitFailure.parse(read(RunLayout.failureFile(t.index(), f)), unit);
                    assertEquals(UnitFailure.NON_FINITE_LOSS, failure.kind());
                    assertTrue(failure.reason().contains("loss is NaN"), failure.reason());
                }
            }
        }

        // leaderboard.csv: the finished configuration first, then those pruned at rung 1, then at rung 0, then the
        // failed ones, unranked.
        List<String> rows = lines(RunLayout.LEADERBOARD);
        assertEquals(13, rows.size());
        String winner = last.get(0).configuration;
        assertTrue(rows.get(1).startsWith("1,ok," + winner + ","), rows.get(1));
        assertTrue(rows.get(1).contains(",ua,10,"), rows.get(1));
        for (int i = 2; i <= 4; i++)
            assertTrue(rows.get(i).startsWith(i + ",pruned at rung 1 (6 folds),"), rows.get(i));
        for (int i = 5; i <= 6; i++)
            assertTrue(rows.get(i).startsWith(i + ",pruned at rung 0 (2 folds),"), rows.get(i));
        for (int i = 7; i <= 12; i++) assertTrue(rows.get(i).startsWith(",\"failed (trial "), rows.get(i));
        JsonNode summary = JSON.readTree(read(RunLayout.SUMMARY));
        assertEquals(winner, summary.at("/sweep/winner/configuration").asText());
        assertEquals(10, summary.at("/sweep/winner/result/ua/n").asInt());

        // Rerunning the same sweep trains nothing and changes no decision or rank.
        Map<String, Long> committed = committedTimes();
        String leaderboard = read(RunLayout.LEADERBOARD);
        String decisions = read(RunLayout.HALVING);
        MainTest.Result again = MainTest.run("sweep", "--conf", conf);
        assertEquals(0, again.code, again.out + again.err);
        assertEquals(committed, committedTimes());
        assertEquals(leaderboard, read(RunLayout.LEADERBOARD));
        assertEquals(decisions, read(RunLayout.HALVING));
    }

    /** Each unit's and failure record's last modification, by path. */
    private Map<String, Long> committedTimes() throws IOException {
        Map<String, Long> times = new HashMap<>();
        for (String top : new String[] {"units", RunLayout.FAILURES}) {
            if (!run(top).exists()) continue;
            Files.walk(run(top).toPath())
                    .filter(Files::isRegularFile)
                    .forEach(p -> times.put(p.toString(), p.toFile().lastModified()));
        }
        assertFalse(times.isEmpty());
        return times;
    }

    private static Map<String, String> outcomes(List<HalvingRecord.Decision> decisions) {
        Map<String, String> out = new HashMap<>();
        for (HalvingRecord.Decision d : decisions) out.put(d.configuration, d.outcome);
        return out;
    }

    private static int count(Map<String, String> outcomes, String outcome) {
        int n = 0;
        for (String o : outcomes.values()) if (o.equals(outcome)) n++;
        return n;
    }

    private String read(String relative) throws IOException {
        return new String(Files.readAllBytes(run(relative).toPath()), StandardCharsets.UTF_8);
    }

    private List<String> lines(String relative) throws IOException {
        return new ArrayList<>(Files.readAllLines(run(relative).toPath(), StandardCharsets.UTF_8));
    }
}
