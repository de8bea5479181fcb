package org.mcsan.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.mcsan.contracts.metrics.ClassMetrics;
import org.mcsan.contracts.metrics.ClassificationMetrics;
import org.mcsan.contracts.metrics.ConfusionMatrix;
import org.mcsan.contracts.metrics.MeanStd;
import org.mcsan.contracts.metrics.Metric;
import org.mcsan.contracts.run.UnitHistory;

/** The report's charts, drawn with JFreeChart (headless) and encoded as PNG. */
final class Charts {

    static {
        // Charts are drawn on servers without a display; this must be set before AWT initialises.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Color WA_COLOR = new Color(31, 119, 180);
    private static final Color UA_COLOR = new Color(255, 127, 14);
    private static final Color WF1_COLOR = new Color(44, 160, 44);
    private static final Color WINNER_COLOR = new Color(214, 39, 40);
    private static final Color UNIT_COLOR = new Color(0, 0, 0, 70);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 210);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {}

    static byte[] png(JFreeChart chart, int width, int height) {
        return png(chart.createBufferedImage(width, height));
    }

    static byte[] png(BufferedImage image) {
        try {
            return ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
    }

    /**
     * A heat map of a confusion matrix: true classes top to bottom, predicted classes left to right,
     * colours by the row-normalised share, each cell labelled with its count and percentage. Rows of
     * absent classes are grey and labelled "absent".
     */
    static JFreeChart confusionHeatMap(ConfusionMatrix cm, String title, String subtitle, int width, int height) {
        int k = cm.classCount();
        double[][] shares = cm.rowNormalised();
        double[][] xyz = new double[3][k * k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                int i = t * k + p;
                xyz[0][i] = p;
                xyz[1][i] = t;
                xyz[2][i] = shares[t][p];
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("share", xyz);

        String[] names = cm.classes().toArray(new String[0]);
        SymbolAxis predicted = new SymbolAxis("Predicted class", names);
        SymbolAxis actual = new SymbolAxis("True class", names);
        for (SymbolAxis axis : new SymbolAxis[] {predicted, actual}) {
            axis.setGridBandsVisible(false);
            axis.setRange(-0.5, k - 0.5);
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        }
        actual.setInverted(true); // first class at the top, as matrices are read

        ShareScale scale = new ShareScale();
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1.0);
        renderer.setBlockHeight(1.0);
        renderer.setPaintScale(scale);
        renderer.setDefaultToolTipGenerator(null);

        XYPlot plot = new XYPlot(dataset, predicted, actual, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.GRAY);

        double cellPixels = Math.min(width * 0.7, height * 0.7) / k;
        int countSize = (int) Math.max(10, Math.min(22, cellPixels / 5));
        Font countFont = new Font(Font.SANS_SERIF, Font.BOLD, countSize);
        Font shareFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, countSize - 3));
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                double share = shares[t][p];
                Color ink = !Double.isNaN(share) && share > 0.55 ? Color.WHITE : Color.BLACK;
                // The y axis is inverted: a smaller y is drawn higher in the cell.
                XYTextAnnotation count = new XYTextAnnotation(Long.toString(cm.count(t, p)), p, t - 0.12);
                count.setFont(countFont);
                count.setPaint(ink);
                plot.addAnnotation(count);
                String shareText =
                        Double.isNaN(share) ? "absent" : String.format(Locale.ROOT, "%.1f %%", 100.0 * share);
                XYTextAnnotation pct = new XYTextAnnotation(shareText, p, t + 0.16);
                pct.setFont(shareFont);
                pct.setPaint(ink);
                plot.addAnnotation(pct);
            }
        }

        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, LABEL_FONT));
        NumberAxis legendAxis = new NumberAxis("Share of the true class");
        legendAxis.setRange(0.0, 1.0);
        legendAxis.setTickLabelFont(LABEL_FONT);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(16);
        legend.setAxisOffset(4);
        legend.setMargin(new RectangleInsets(40, 10, 40, 10));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Per-fold WA and UA bars (percent) with the mean over folds of each drawn as a dashed line. */
    static JFreeChart foldBars(SplitAggregate split, String title) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (FoldEvaluation f : split.folds()) {
            String label = f.fold().name();
            dataset.addValue(100.0 * f.metrics().wa(), "WA", label);
            dataset.addValue(100.0 * f.metrics().ua(), "UA", label);
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "Fold", "Percent (" + split.split() + " split)", dataset);
        chart.getTitle().setFont(TITLE_FONT);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0.0, 105.0);
        CategoryAxis domain = plot.getDomainAxis();
        if (split.folds().size() > 8) {
            domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, WA_COLOR);
        renderer.setSeriesPaint(1, UA_COLOR);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(
                new Font(Font.SANS_SERIF, Font.PLAIN, split.folds().size() > 8 ? 9 : 11));

        // The mean lines are explained in the legend rather than labelled, so no text covers the bars.
        MeanStd wa = split.overFolds(Metric.WA);
        MeanStd ua = split.overFolds(Metric.UA);
        LegendItemCollection legend = new LegendItemCollection();
        legend.addAll(plot.getLegendItems());
        addMeanLine(plot, legend, "mean WA " + Format.pct(wa.mean()) + " %", wa, WA_COLOR);
        addMeanLine(plot, legend, "mean UA " + Format.pct(ua.mean()) + " %", ua, UA_COLOR);
        plot.setFixedLegendItems(legend);
        chart.addSubtitle(new TextTitle(
                "mean ± sample std over " + split.folds().size() + " folds: WA " + Format.meanStd(wa, "±") + " %, UA "
                        + Format.meanStd(ua, "±") + " %",
                LABEL_FONT));
        return chart;
    }

    /**
     * The headline of a single split: per class precision, recall and F1 (percent), with the weighted F1 (their
     * support-weighted mean) drawn as a dashed line; the class labels carry the support.
     */
    static JFreeChart perClassBars(ClassificationMetrics m, String split, String title) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (ClassMetrics c : m.perClass()) {
            String label = c.className() + " (" + c.support() + ")";
            dataset.addValue(100.0 * c.precision(), "precision", label);
            dataset.addValue(100.0 * c.recall(), "recall", label);
            dataset.addValue(100.0 * c.f1(), "F1", label);
        }
        JFreeChart chart =
                ChartFactory.createBarChart(title, "Class (support)", "Percent (" + split + " split)", dataset);
        chart.getTitle().setFont(TITLE_FONT);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setRange(0.0, 105.0);
        if (m.perClass().size() > 6) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, WA_COLOR);
        renderer.setSeriesPaint(1, UA_COLOR);
        renderer.setSeriesPaint(2, WF1_COLOR);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        LegendItemCollection legend = new LegendItemCollection();
        legend.addAll(plot.getLegendItems());
        addMeanLine(
                plot,
                legend,
                "weighted F1 " + Format.pct(m.weightedF1()) + " %",
                MeanStd.of(new double[] {m.weightedF1()}),
                WF1_COLOR);
        plot.setFixedLegendItems(legend);
        chart.addSubtitle(new TextTitle(
                m.total() + " utterances; weighted F1 = support-weighted mean of the per-class F1", LABEL_FONT));
        return chart;
    }

    private static void addMeanLine(
            CategoryPlot plot, LegendItemCollection legend, String label, MeanStd m, Color color) {
        BasicStroke dashed =
                new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f);
        ValueMarker marker = new ValueMarker(100.0 * m.mean());
        marker.setPaint(color.darker());
        marker.setStroke(dashed);
        plot.addRangeMarker(marker, Layer.FOREGROUND);
        legend.add(new LegendItem(label, null, null, null, new Line2D.Double(-10, 0, 10, 0), dashed, color.darker()));
    }

    /**
     * One fold's learning curve: training loss on the left axis, the selection metric on the
     * validation split on the right axis (in percent for scores), the selected epoch marked.
     */
    static JFreeChart learningCurve(UnitHistory history, String title) {
        int[] epochs = history.epochs();
        double[] loss = history.trainLoss();
        double[] values = history.selectionValues();
        boolean percent = !history.selectionIsLoss();
        String metric = metricLabel(history.selectionMetric());
        XYSeries lossSeries = new XYSeries("training loss");
        XYSeries valSeries = new XYSeries("validation " + metric);
        for (int i = 0; i < epochs.length; i++) {
            lossSeries.add(epochs[i], loss[i]);
            valSeries.add(epochs[i], percent ? 100.0 * values[i] : values[i]);
        }

        NumberAxis epochAxis = new NumberAxis("Epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochAxis.setAutoRangeIncludesZero(false);
        NumberAxis lossAxis = new NumberAxis("Training loss");
        lossAxis.setAutoRangeIncludesZero(false);
        NumberAxis valAxis = new NumberAxis("Validation " + metric + (percent ? " (%)" : ""));
        valAxis.setAutoRangeIncludesZero(false);

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(epochAxis);
        plot.setDataset(0, new XYSeriesCollection(lossSeries));
        plot.setRangeAxis(0, lossAxis);
        plot.setRenderer(0, lineRenderer(WA_COLOR));
        plot.setDataset(1, new XYSeriesCollection(valSeries));
        plot.setRangeAxis(1, valAxis);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, lineRenderer(UA_COLOR));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

        double selected = history.selectedValue();
        ValueMarker marker = new ValueMarker(history.selectedEpoch());
        marker.setPaint(Color.DARK_GRAY);
        marker.setStroke(
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel("selected: epoch " + history.selectedEpoch() + ", " + metric + " "
                + (percent ? Format.pct(selected) + " %" : String.format(Locale.ROOT, "%.4f", selected)));
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        marker.setLabelBackgroundColor(LABEL_BACKGROUND);
        // The label reads away from the nearer edge, so it is not clipped.
        boolean late = history.selectedEpoch() > (epochs[0] + epochs[epochs.length - 1]) / 2.0;
        marker.setLabelAnchor(late ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(late ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        marker.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
        plot.addDomainMarker(marker, Layer.FOREGROUND);

        JFreeChart chart = new JFreeChart(title, PANEL_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYLineAndShapeRenderer lineRenderer(Color color) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, color);
        r.setSeriesStroke(0, new BasicStroke(2.0f));
        return r;
    }

    /** e.g. "ua" → "UA", "wf1" → "weighted F1". */
    static String metricLabel(String selectionMetric) {
        switch (selectionMetric.toLowerCase(Locale.ROOT)) {
            case "ua":
                return "UA";
            case "wa":
                return "WA";
            case "wf1":
            case "weighted_f1":
                return "weighted F1";
            case "mf1":
            case "macro_f1":
                return "macro F1";
            default:
                return selectionMetric;
        }
    }

    /** Charts laid out in a grid (up to 3 columns) under a title, as one image. */
    static BufferedImage grid(String title, List<JFreeChart> charts, int panelWidth, int panelHeight) {
        int n = charts.size();
        int columns = n <= 2 ? n : (n <= 4 ? 2 : 3);
        int rows = (n + columns - 1) / columns;
        int banner = 40;
        BufferedImage image =
                new BufferedImage(columns * panelWidth, banner + rows * panelHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(TITLE_FONT);
            int titleWidth = g.getFontMetrics().stringWidth(title);
            g.drawString(title, (image.getWidth() - titleWidth) / 2, 27);
            for (int i = 0; i < n; i++) {
                int x = (i % columns) * panelWidth;
                int y = banner + (i / columns) * panelHeight;
                charts.get(i).draw(g, new Rectangle2D.Double(x, y, panelWidth, panelHeight));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Trials side by side: mean over folds of WA, UA and weighted F1 (percent) with ± sample std bars. */
    static JFreeChart comparison(List<TrialEvaluation> trials, String split) {
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        for (TrialEvaluation t : trials) {
            String label = t.trial().index() + ": " + t.trial().name();
            for (Metric m : new Metric[] {Metric.WA, Metric.UA, Metric.WEIGHTED_F1}) {
                MeanStd ms = t.reported().overFolds(m);
                Double std = Double.isNaN(ms.std()) ? null : 100.0 * ms.std();
                dataset.add((Number) (100.0 * ms.mean()), std, m.label(), label);
            }
        }
        CategoryAxis trialAxis = new CategoryAxis("Trial");
        if (trials.size() > 6) {
            trialAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis valueAxis = new NumberAxis("Percent (" + split + " split, mean ± sample std over folds)");
        valueAxis.setRange(0.0, 105.0);
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, WA_COLOR);
        renderer.setSeriesPaint(1, UA_COLOR);
        renderer.setSeriesPaint(2, WF1_COLOR);
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, trials.size() > 6 ? 9 : 11));
        CategoryPlot plot = new CategoryPlot(dataset, trialAxis, valueAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("Trials compared", TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * One panel of the sweep plot: each configuration's validation selection metric (mean, with ± its sample std
     * over the units when n > 1) against its value of one swept key, its units as faint points, the winner
     * highlighted. The x axis follows the key's distribution: log for log-uniform (spanning the searched interval),
     * linear for uniform, int-uniform and numeric choices, the choices as categories otherwise. Configurations
     * without a validation value are left out.
     */
    static JFreeChart sweepPanel(Leaderboard board, SweepSpace.Key key) {
        boolean percent = !board.lowerIsBetter();
        double scale = percent ? 100.0 : 1.0;
        SweepSpace.Axis kind = key.axis();
        List<String> categories = new ArrayList<>(key.categories());
        Leaderboard.Entry best = board.winner();
        YIntervalSeries others = new YIntervalSeries("configuration: mean ± sample std");
        YIntervalSeries winner = new YIntervalSeries(
                best == null
                        ? "winner"
                        : "winner " + best.configuration() + ": " + board.format(best.validation())
                                + (percent ? " %" : ""));
        XYSeries units = new XYSeries("units (folds × seeds)", false, true);
        for (Leaderboard.Entry e : board.entries()) {
            MeanStd v = e.validation();
            String text = e.overrides().get(key.path());
            if (v.n() == 0 || text == null) continue;
            double x;
            if (kind == SweepSpace.Axis.CATEGORICAL) {
                if (!categories.contains(text)) categories.add(text); // not a listed choice: shown, not dropped
                x = categories.indexOf(text);
            } else {
                try {
                    x = Double.parseDouble(text);
                } catch (NumberFormatException ex) {
                    continue;
                }
                if (kind == SweepSpace.Axis.LOG && !(x > 0)) continue;
            }
            double mean = scale * v.mean();
            double sd = v.n() > 1 && !Double.isNaN(v.std()) ? scale * v.std() : 0.0;
            (e == best ? winner : others).add(x, mean, mean - sd, mean + sd);
            for (TrialEvaluation t : e.trials()) {
                for (UnitHistory h : t.histories().values()) units.add(x, scale * h.selectedValue());
            }
        }

        String metric =
                "Validation " + board.metricLabel() + (percent ? " (%, higher is better)" : " (lower is better)");
        NumberAxis valueAxis = new NumberAxis(metric);
        valueAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(sweepAxis(key, kind, categories));
        plot.setRangeAxis(valueAxis);

        YIntervalSeriesCollection configurations = new YIntervalSeriesCollection();
        configurations.addSeries(others);
        configurations.addSeries(winner);
        XYErrorRenderer error = new XYErrorRenderer();
        error.setDefaultLinesVisible(false);
        error.setDrawXError(false);
        error.setErrorPaint(Color.DARK_GRAY);
        error.setCapLength(6.0);
        error.setSeriesPaint(0, WA_COLOR);
        error.setSeriesShape(0, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        error.setSeriesPaint(1, WINNER_COLOR);
        error.setSeriesShape(1, new Rectangle2D.Double(-6, -6, 12, 12));
        error.setSeriesVisibleInLegend(1, best != null);
        plot.setDataset(0, configurations);
        plot.setRenderer(0, error);

        XYLineAndShapeRenderer faint = new XYLineAndShapeRenderer(false, true);
        faint.setSeriesPaint(0, UNIT_COLOR);
        faint.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        plot.setDataset(1, new XYSeriesCollection(units));
        plot.setRenderer(1, faint); // dataset 0 is drawn last (XYPlot's default order): the means stay on top

        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(key.path(), PANEL_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(key.distribution() + " " + key.values(), LABEL_FONT));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The x axis of a sweep panel; a searched interval is shown whole, so one sees where the samples fell in it. */
    private static ValueAxis sweepAxis(SweepSpace.Key key, SweepSpace.Axis kind, List<String> categories) {
        double[] bounds = key.bounds();
        if (kind == SweepSpace.Axis.CATEGORICAL) {
            SymbolAxis axis = new SymbolAxis(key.path(), categories.toArray(new String[0]));
            axis.setGridBandsVisible(false);
            axis.setRange(-0.5, categories.size() - 0.5);
            return axis;
        }
        if (kind == SweepSpace.Axis.LOG) {
            LogAxis axis = new DecadeAxis(key.path() + " (log scale)");
            if (bounds != null && bounds[0] > 0) {
                double pad = Math.pow(bounds[1] / bounds[0], 0.04);
                axis.setRange(bounds[0] / pad, bounds[1] * pad);
            }
            return axis;
        }
        if ("choice".equals(key.distribution())) {
            // numeric choices: a tick at each choice (tried or not) instead of a dense integer scale
            double[] choices = new double[key.values().size()];
            for (int i = 0; i < choices.length; i++) {
                choices[i] = ((Number) key.values().get(i)).doubleValue();
            }
            NumberAxis axis = new ChoiceAxis(key.path(), choices);
            axis.setAutoRangeIncludesZero(false);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double c : choices) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
            if (lo < hi) axis.setRange(lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo));
            return axis;
        }
        NumberAxis axis = new NumberAxis(key.path());
        axis.setAutoRangeIncludesZero(false);
        if ("int-uniform".equals(key.distribution())) axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (bounds != null) {
            double pad = 0.04 * (bounds[1] - bounds[0]);
            axis.setRange(bounds[0] - pad, bounds[1] + pad);
        }
        return axis;
    }

    /** A tick label's position for an axis on this edge. */
    private static TextAnchor tickAnchor(RectangleEdge edge) {
        if (edge == RectangleEdge.TOP) return TextAnchor.BOTTOM_CENTER;
        if (edge == RectangleEdge.LEFT) return TextAnchor.CENTER_RIGHT;
        if (edge == RectangleEdge.RIGHT) return TextAnchor.CENTER_LEFT;
        return TextAnchor.TOP_CENTER;
    }

    /**
     * A base-10 log axis labelled at 1, 2 and 5 × each power of ten (every integer multiple when the range spans
     * less than a decade, powers of ten only beyond four decades), unlabelled minor ticks at the other multiples:
     * LogAxis itself labels evenly spaced exponents, which gives values like 1.585E-4.
     */
    private static final class DecadeAxis extends LogAxis {
        private static final long serialVersionUID = 1L;

        DecadeAxis(String label) {
            super(label);
            setMinorTickMarksVisible(true);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            double lo = getLowerBound();
            double hi = getUpperBound();
            double decades = Math.log10(hi / lo);
            int[] labelled = decades < 1
                    ? new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}
                    : decades > 4 ? new int[] {1} : new int[] {1, 2, 5};
            List<Double> values = new ArrayList<>();
            List<Boolean> major = new ArrayList<>();
            for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, e);
                    if (v < lo || v > hi) continue;
                    boolean isMajor = false;
                    for (int l : labelled) isMajor |= l == m;
                    values.add(v);
                    major.add(isMajor);
                }
            }
            // plain decimals for everyday magnitudes, otherwise 2e-4: one style per axis
            boolean plain = lo >= 1e-3 && hi < 1e5;
            List ticks = new ArrayList();
            TextAnchor anchor = tickAnchor(edge);
            for (int i = 0; i < values.size(); i++) {
                double v = values.get(i);
                String text = !major.get(i)
                        ? ""
                        : plain
                                ? new DecimalFormat("0.####", new DecimalFormatSymbols(Locale.ROOT)).format(v)
                                : scientific(v);
                ticks.add(new NumberTick(
                        major.get(i) ? TickType.MAJOR : TickType.MINOR, v, text, anchor, TextAnchor.CENTER, 0.0));
            }
            return ticks;
        }

        /** e.g. 2e-4, 1e3. */
        private static String scientific(double v) {
            int e = (int) Math.floor(Math.log10(v) + 1e-9);
            long m = Math.round(v / Math.pow(10, e));
            return m + "e" + e;
        }
    }

    /** A linear axis with a tick at each of a numeric choice's values. */
    private static final class ChoiceAxis extends NumberAxis {
        private static final long serialVersionUID = 1L;
        private final double[] choices;

        ChoiceAxis(String label, double[] choices) {
            super(label);
            this.choices = choices.clone();
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
            List ticks = new ArrayList();
            TextAnchor anchor = tickAnchor(edge);
            for (double c : choices) {
                String text = c == Math.rint(c) && Math.abs(c) < 1e15
                        ? Long.toString((long) c)
                        : new DecimalFormat("0.######", new DecimalFormatSymbols(Locale.ROOT)).format(c);
                ticks.add(new NumberTick(c, text, anchor, TextAnchor.CENTER, 0.0));
            }
            return ticks;
        }
    }

    /** White to dark blue over [0, 1]; light grey for NaN (a class absent from the data). */
    private static final class ShareScale implements PaintScale, Serializable {
        private static final long serialVersionUID = 1L;
        private static final Color LOW = new Color(247, 251, 255);
        private static final Color HIGH = new Color(8, 48, 107);
        private static final Color UNDEFINED = new Color(225, 225, 225);

        @Override
        public double getLowerBound() {
            return 0.0;
        }

        @Override
        public double getUpperBound() {
            return 1.0;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return UNDEFINED;
            }
            double v = Math.max(0.0, Math.min(1.0, value));
            return new Color(
                    mix(LOW.getRed(), HIGH.getRed(), v),
                    mix(LOW.getGreen(), HIGH.getGreen(), v),
                    mix(LOW.getBlue(), HIGH.getBlue(), v));
        }

        private static int mix(int a, int b, double v) {
            return (int) Math.round(a + (b - a) * v);
        }
    }
}
