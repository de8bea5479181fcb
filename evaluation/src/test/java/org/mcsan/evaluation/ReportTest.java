package org.mcsan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcsan.contracts.io.Directory;
import org.mcsan.contracts.metrics.ConfusionMatrix;

class ReportTest {

    private static final String CONFIG = "mcsan {\n  evaluation {\n    split = \"test\"\n  }\n}\n";

    @Test
    void reportRendersAllPlotsAndEmbedsThem(@TempDir File dir) throws IOException {
        EvaluationSummary summary = Fixtures.summary();
        Directory run = Directory.open(new Configuration(), dir.getAbsolutePath());
        new Report(summary, Fixtures.defaults(), CONFIG).write(run);

        File plots = new File(dir, "plots");
        // comparison (2 trials), per trial confusion + fold bars + learning curves (both trials have a history)
        String[] expected = {
            "comparison.png",
            "confusion-trial-0.png",
            "folds-trial-0.png",
            "learning-curves-trial-0.png",
            "confusion-trial-1.png",
            "folds-trial-1.png",
            "learning-curves-trial-1.png"
        };
        assertEquals(expected.length, plots.list().length, Arrays.toString(plots.list()));
        for (String name : new String[] {"comparison.png", "confusion-trial-0.png", "folds-trial-0.png"}) {
            assertImage(new File(plots, name), 800, 600);
        }
        // trial 0 has two fold histories: 2 panels of 0.7 x (800 x 600) side by side, under a 40 px title
        assertImage(new File(plots, "learning-curves-trial-0.png"), 2 * 560, 40 + 420);
        assertImage(new File(plots, "learning-curves-trial-1.png"), 560, 40 + 420);

        String html = new String(Files.readAllBytes(new File(dir, "report.html").toPath()), StandardCharsets.UTF_8);
        for (String name : expected) {
            byte[] png = Files.readAllBytes(new File(plots, name).toPath());
            assertTrue(
                    html.contains("data:image/png;base64," + Base64.getEncoder().encodeToString(png)),
                    name + " is not embedded");
        }
        assertFalse(html.contains("src=\"plots/"), "HTML must not reference image files");
        assertFalse(
                html.contains("<link") || html.contains("<script") || html.contains("src=\"http"),
                "HTML must not load external resources");
        assertTrue(html.contains("<table>"));
        assertTrue(html.contains("Trials compared (test split)"));
        // chosen on validation (trial 0), not by the test headline (where trial 1 leads)
        assertFalse(html.contains("Best by headline"));
        assertTrue(html.contains("Leaderboard (validation only)"));
        assertTrue(html.contains("selected on validation: trial 0 (full)"));
        assertTrue(html.contains("<td class=\"num\">66.67 ± 23.57</td>"), "aggregate WA of trial 0");
        assertTrue(html.contains("Fold 0 (spk1), test split: class(es) b absent"), "absent class note");
        assertTrue(html.contains("No test predictions for fold(s) 1 (spk2)"), "missing fold note");
        assertTrue(html.contains("No training history for fold(s) 1 (spk2)."), "missing history note");
        assertTrue(html.contains("split = &quot;test&quot;"), "resolved configuration");
        assertTrue(html.contains("<td>spk3, spk4</td>"), "fold plan");

        String md = new String(Files.readAllBytes(new File(dir, "report.md").toPath()), StandardCharsets.UTF_8);
        for (String name : expected) {
            assertTrue(md.contains("](plots/" + name + ")"), "report.md does not reference " + name);
        }
        assertTrue(md.contains("| 0 | full | mcsan.model.variant=full | 2 | 66.67 ± 23.57 |"), md);
        assertTrue(md.contains("```\n" + CONFIG + "```"), "configuration code block");
    }

    @Test
    void rewritingReplacesThePlotsDirectory(@TempDir File dir) throws IOException {
        Directory run = Directory.open(new Configuration(), dir.getAbsolutePath());
        new Report(Fixtures.summary(), Fixtures.defaults(), CONFIG).write(run);
        assertTrue(new File(dir, "plots/comparison.png").isFile());
        // A one-trial summary has no comparison: the old file must not survive.
        EvaluationSummary single = new EvaluationSummary(
                "file:/runs/fixture",
                Fixtures.twoFoldPlan(),
                Fixtures.summary().trials().subList(0, 1),
                "test");
        new Report(single, Fixtures.defaults(), CONFIG).write(run);
        assertFalse(new File(dir, "plots/comparison.png").exists());
        assertTrue(new File(dir, "plots/confusion-trial-0.png").isFile());
        String[] hidden = dir.list((d, name) -> name.startsWith("."));
        assertEquals(0, hidden.length, "temporary files left: " + Arrays.toString(hidden));
    }

    @Test
    void trialWithoutPredictionsOnTheReportedSplitStillRenders(@TempDir File dir) throws IOException {
        // On val, trial 1 of the fixture has no predictions at all: no confusion or fold plot for it.
        EvaluationSettings val = new EvaluationSettings("val", null, 800, 600);
        EvaluationSummary summary = new EvaluationSummary(
                "file:/runs/fixture",
                Fixtures.twoFoldPlan(),
                Aggregation.aggregate(
                        Fixtures.twoFoldPlan(), Fixtures.twoTrials(), Fixtures.matrices(), Fixtures.histories(), val),
                "val");
        new Report(summary, val, CONFIG).write(Directory.open(new Configuration(), dir.getAbsolutePath()));
        assertTrue(new File(dir, "plots/confusion-trial-0.png").isFile());
        assertFalse(new File(dir, "plots/confusion-trial-1.png").exists());
        assertImage(new File(dir, "plots/comparison.png"), 800, 600);
        String md = new String(Files.readAllBytes(new File(dir, "report.md").toPath()), StandardCharsets.UTF_8);
        assertTrue(md.contains("| 1 | audio | val UA | n/a |"), md);
        assertTrue(md.contains("No val predictions for fold(s) 0 (spk1), 1 (spk2)"), md);
        assertTrue(summary.formatSummaryTable().contains("0/2"), summary.formatSummaryTable());
    }

    /** The heat map puts true classes top to bottom and colours by row share: check the cells' pixels. */
    @Test
    void heatMapCellsAreOrientedAndColouredByRowShare() {
        // true a: 9 of 10 predicted a; true b: 10 of 10 predicted a (never b)
        ConfusionMatrix cm = Fixtures.m(new long[][] {{9, 1}, {10, 0}});
        JFreeChart chart = Charts.confusionHeatMap(cm, "t", "s", 800, 600);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(800, 600, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();
        // Sample near the left edge of each cell, away from the centred text.
        double xLeftA = plot.getDomainAxis().valueToJava2D(-0.4, area, RectangleEdge.BOTTOM);
        double xLeftB = plot.getDomainAxis().valueToJava2D(0.6, area, RectangleEdge.BOTTOM);
        double yA = plot.getRangeAxis().valueToJava2D(0.0, area, RectangleEdge.LEFT);
        double yB = plot.getRangeAxis().valueToJava2D(1.0, area, RectangleEdge.LEFT);
        assertTrue(yA < yB, "true class a must be drawn above b");
        int aa = brightness(image, xLeftA, yA); // share 0.9: dark
        int ab = brightness(image, xLeftB, yA); // share 0.1: light
        int ba = brightness(image, xLeftA, yB); // share 1.0: darkest
        int bb = brightness(image, xLeftB, yB); // share 0.0: white-ish
        assertTrue(
                aa < ab && ba < bb && ba <= aa && bb >= ab,
                "brightness aa=" + aa + " ab=" + ab + " ba=" + ba + " bb=" + bb);
    }

    private static int brightness(BufferedImage image, double x, double y) {
        Color c = new Color(image.getRGB((int) x, (int) y));
        return c.getRed() + c.getGreen() + c.getBlue();
    }

    private static void assertImage(File png, int width, int height) throws IOException {
        assertTrue(png.isFile(), png + " missing");
        assertTrue(png.length() > 5000, png + " is only " + png.length() + " bytes");
        BufferedImage image = ImageIO.read(png);
        assertEquals(width, image.getWidth(), png.getName());
        assertEquals(height, image.getHeight(), png.getName());
    }
}
