package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.run.Trial;
import org.mcsan.contracts.run.UnitHistory;

/** The report plots each configuration's validation metric against every swept key, on an axis its distribution picks. */
class SweepPlotTest {

    private static final double EPS = 1e-9;
    private static final String LR = "mcsan.train.learning-rate";
    private static final String DROPOUT = "mcsan.model.dropout";
    private static final String VARIANT = "mcsan.model.variant";
    private static final String BATCH = "mcsan.train.batch-size";

    /** The space as a run records it: quoted keys, and one key spelled as nested objects. */
    private static final String SWEEP_CONFIG = "mcsan {\n"
            + "  evaluation { split = \"test\" }\n"
            + "  sweep {\n"
            + "    method = \"random\"\n"
            + "    space {\n"
            + "      \"" + LR + "\" { log-uniform = [1.0e-4, 3.0e-3] }\n"
            + "      \"" + DROPOUT + "\" { uniform = [0.0, 0.3] }\n"
            + "      mcsan { model { variant { choice = [full, audio, text] } } }\n"
            + "      \"" + BATCH + "\" { choice = [16, 32] }\n"
            + "    }\n"
            + "  }\n"
            + "}\n";

    private static final String NO_SWEEP_CONFIG =
            "mcsan {\n  evaluation { split = \"test\" }\n  sweep { space {} }\n}\n";

    /**
     * Four configurations × two seeds × two folds, each with its own sampled values; the last configuration has no
     * finished unit (no validation value), so it must not be plotted.
     */
    private static EvaluationSummary sweep(String metric) {
        Object[][] sampled = {
            {2.1e-4, 0.05, "full", 16},
            {1.3e-3, 0.21, "audio", 32},
            {6.0e-4, 0.12, "full", 32},
            {2.5e-3, 0.28, "text", 16}
        };
        List<Trial> trials = new ArrayList<>();
        Map<Integer, Map<Integer, UnitHistory>> histories = new HashMap<>();
        Map<PredictionKey, ConfusionMatrix> matrices = new HashMap<>();
        for (int s = 0; s < sampled.length; s++) {
            for (int r = 1; r <= 2; r++) {
                int index = trials.size();
                Map<String, Object> overrides = new LinkedHashMap<>();
                overrides.put(LR, sampled[s][0]);
                overrides.put(DROPOUT, sampled[s][1]);
                overrides.put(VARIANT, sampled[s][2]);
                overrides.put(BATCH, sampled[s][3]);
                overrides.put("mcsan.train.seed", 41 + r);
                String configuration = String.format(Locale.ROOT, "s%03d", s);
                trials.add(new Trial(index, configuration + "-r" + r, configuration, overrides));
                Map<Integer, UnitHistory> byFold = new HashMap<>();
                for (int f = 0; f < 2 && s < sampled.length - 1; f++) {
                    // values that differ between configurations, seeds and folds
                    byFold.put(f, Fixtures.unit(index, f, metric, 0.4 + 0.05 * ((7 * index + 3 * f) % 9)));
                    matrices.put(new PredictionKey(index, f, "test"), Fixtures.m(new long[][] {{2, 1}, {1, 2}}));
                }
                histories.put(index, byFold);
            }
        }
        return new EvaluationSummary(
                "file:/runs/sweep",
                Fixtures.twoFoldPlan(),
                Aggregation.aggregate(Fixtures.twoFoldPlan(), trials, matrices, histories, Fixtures.defaults()),
                "test");
    }

    private static Map<String, JFreeChart> panels(EvaluationSummary summary, String config) {
        Map<String, JFreeChart> byKey = new LinkedHashMap<>();
        for (SweepSpace.Key key : SweepSpace.of(config)) {
            byKey.put(key.path(), Charts.sweepPanel(summary.leaderboard(), key));
        }
        return byKey;
    }

    @Test
    void theSpaceIsReadInBothSpellingsAndEachDistributionPicksItsAxis() {
        List<SweepSpace.Key> keys = SweepSpace.of(SWEEP_CONFIG);
        List<String> paths = new ArrayList<>();
        for (SweepSpace.Key k : keys) paths.add(k.path());
        // every key, in path order (the order the sweep draws them in), whichever way it was spelled
        assertEquals(new ArrayList<>(new TreeSet<>(Arrays.asList(LR, DROPOUT, VARIANT, BATCH))), paths);
        Map<String, JFreeChart> panels = panels(sweep("ua"), SWEEP_CONFIG);
        assertTrue(domain(panels.get(LR)) instanceof LogAxis, "log-uniform: log axis");
        assertLinear(domain(panels.get(DROPOUT)), "uniform");
        assertLinear(domain(panels.get(BATCH)), "numeric choice");
        ValueAxis variant = domain(panels.get(VARIANT));
        assertTrue(variant instanceof SymbolAxis, "string choice: categories");
        assertEquals(Arrays.asList("full", "audio", "text"), Arrays.asList(((SymbolAxis) variant).getSymbols()));
        assertTrue(SweepSpace.of(NO_SWEEP_CONFIG).isEmpty());
        assertTrue(SweepSpace.of("mcsan { evaluation { split = \"test\" } }").isEmpty());
    }

    private static void assertLinear(ValueAxis axis, String what) {
        assertTrue(axis instanceof NumberAxis && !(axis instanceof SymbolAxis), what + ": linear axis, is " + axis);
    }

    private static ValueAxis domain(JFreeChart chart) {
        return ((XYPlot) chart.getPlot()).getDomainAxis();
    }

    @Test
    void thePointsAreTheConfigurationsValidationMeansInPercentWithTheWinnerApart() {
        checkPoints(sweep("ua"), 100.0);
    }

    @Test
    void aLossIsPlottedAsItIsAndSaysLowerIsBetter() {
        EvaluationSummary summary = sweep("loss");
        checkPoints(summary, 1.0);
        JFreeChart panel = panels(summary, SWEEP_CONFIG).get(DROPOUT);
        String label = ((XYPlot) panel.getPlot()).getRangeAxis().getLabel();
        assertTrue(label.contains("loss") && label.contains("lower is better"), label);
    }

    /** Every panel shows each configuration with a value once, at its sampled x, with mean ± std of the leaderboard. */
    private static void checkPoints(EvaluationSummary summary, double scale) {
        Leaderboard board = summary.leaderboard();
        Map<String, JFreeChart> panels = panels(summary, SWEEP_CONFIG);
        assertEquals(4, panels.size());
        for (SweepSpace.Key key : SweepSpace.of(SWEEP_CONFIG)) {
            XYPlot plot = (XYPlot) panels.get(key.path()).getPlot();
            IntervalXYDataset means = (IntervalXYDataset) plot.getDataset(0);
            List<String> plotted = new ArrayList<>();
            int units = 0;
            for (Leaderboard.Entry e : board.entries()) {
                if (e.validation().n() == 0) continue;
                String text = e.overrides().get(key.path());
                double x = key.axis() == SweepSpace.Axis.CATEGORICAL
                        ? key.categories().indexOf(text)
                        : Double.parseDouble(text);
                int series = e == board.winner() ? 1 : 0;
                int item = find(means, series, x, scale * e.validation().mean());
                assertTrue(item >= 0, key.path() + ": " + e.configuration() + " not at x=" + x);
                double std = scale * e.validation().std();
                assertEquals(scale * e.validation().mean() - std, means.getStartYValue(series, item), EPS);
                assertEquals(scale * e.validation().mean() + std, means.getEndYValue(series, item), EPS);
                plotted.add(e.configuration());
                units += e.validation().n();
            }
            assertEquals(3, plotted.size(), "the configuration without a value is left out");
            assertEquals(plotted.size(), means.getItemCount(0) + means.getItemCount(1), key.path());
            assertEquals(1, means.getItemCount(1), "one winner");
            XYDataset unitPoints = plot.getDataset(1);
            assertEquals(units, unitPoints.getItemCount(0), key.path() + ": one faint point per unit");
        }
    }

    private static int find(XYDataset d, int series, double x, double y) {
        for (int i = 0; i < d.getItemCount(series); i++) {
            if (Math.abs(d.getXValue(series, i) - x) < EPS && Math.abs(d.getYValue(series, i) - y) < EPS) return i;
        }
        return -1;
    }

    @Test
    void theReportOfASweepShowsThePlotInTheLeaderboardSection(@TempDir File dir) throws IOException {
        new Report(sweep("ua"), Fixtures.defaults(), SWEEP_CONFIG)
                .write(Directory.open(new Configuration(), dir.getAbsolutePath()));
        File png = new File(dir, "plots/" + Report.sweepPlot());
        assertTrue(png.isFile(), png + " missing");
        assertNotNull(ImageIO.read(png));
        String md = read(new File(dir, "report.md"));
        String link = "](plots/" + Report.sweepPlot() + ")";
        assertTrue(md.contains(link), md);
        int board = md.indexOf("Leaderboard (validation only)");
        assertTrue(board >= 0 && md.indexOf(link) > board, "the plot belongs to the leaderboard section");
        String html = read(new File(dir, "report.html"));
        String embedded =
                "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png.toPath()));
        assertTrue(html.contains(embedded), "the plot is not embedded in report.html");
    }

    @Test
    void aSweepReportDetailsOnlyTheWinnersTrialsUnlessAskedToShowTheOthersAsNotForSelection(@TempDir File dir)
            throws IOException {
        EvaluationSummary summary = sweep("ua");
        List<String> winners = new ArrayList<>();
        for (TrialEvaluation t : summary.leaderboard().winner().trials())
            winners.add(t.trial().name());
        assertEquals(2, winners.size());

        File byDefault = new File(dir, "default");
        new Report(summary, Fixtures.defaults(), SWEEP_CONFIG)
                .write(Directory.create(new Configuration(), byDefault.getAbsolutePath()));
        String md = read(new File(byDefault, "report.md"));
        for (TrialEvaluation t : summary.trials()) {
            boolean winner = winners.contains(t.trial().name());
            String heading = "## Trial " + t.trial().index() + ": " + t.trial().name() + "\n";
            assertEquals(winner, md.contains(heading), heading);
            assertEquals(winner, new File(byDefault, "plots/" + Report.confusionPlot(t)).exists(), heading);
        }
        assertFalse(md.contains("Trials compared"), md);
        assertTrue(md.contains("only that configuration's trials are shown"), md);

        File all = new File(dir, "all");
        new Report(summary, new EvaluationSettings("test", null, 800, 600, true), SWEEP_CONFIG)
                .write(Directory.create(new Configuration(), all.getAbsolutePath()));
        String everything = read(new File(all, "report.md"));
        for (TrialEvaluation t : summary.trials()) {
            assertTrue(everything.contains(
                    "## Trial " + t.trial().index() + ": " + t.trial().name() + "\n"));
        }
        assertTrue(everything.contains("Trials compared (test split, not for selection)"), everything);
    }

    @Test
    void aRunWithoutASweepHasNoSweepPlot(@TempDir File dir) throws IOException {
        for (String config : Arrays.asList(NO_SWEEP_CONFIG, "mcsan { evaluation { split = \"test\" } }")) {
            new Report(Fixtures.summary(), Fixtures.defaults(), config) // an ablation: two trials, no sweep
                    .write(Directory.open(new Configuration(), dir.getAbsolutePath()));
            assertFalse(new File(dir, "plots/" + Report.sweepPlot()).exists());
            assertTrue(new File(dir, "plots/" + Report.comparisonPlot()).isFile()); // the other plots are there
            assertFalse(read(new File(dir, "report.md")).contains(Report.sweepPlot()));
            assertFalse(read(new File(dir, "report.html")).contains("against each swept key"));
        }
        assertEquals(
                Collections.emptyList(),
                new Report(Fixtures.summary(), Fixtures.defaults(), NO_SWEEP_CONFIG).sweepPanels());
    }

    private static String read(File f) throws IOException {
        return new String(Files.readAllBytes(f.toPath()), StandardCharsets.UTF_8);
    }
}
