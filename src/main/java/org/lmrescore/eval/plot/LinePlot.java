package org.lmrescore.eval.plot;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;

/** A line chart of one or more series, written as a PNG (atomically; no display needed). */
public final class LinePlot {
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;

    public LinePlot(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    private static boolean allIntegral(SeriesTable table) {
        for (SeriesTable.Series s : table.series()) {
            for (double[] p : s.points()) {
                if (p[0] != Math.rint(p[0])) {
                    return false;
                }
            }
        }
        return true;
    }

    public void writePng(SeriesTable table, Path out, int width, int height) {
        System.setProperty("java.awt.headless", "true"); // batch machines have no display
        XYSeriesCollection data = new XYSeriesCollection();
        for (SeriesTable.Series s : table.series()) {
            XYSeries line = new XYSeries(s.name(), false, true); // keep file order: curves may turn back
            for (double[] p : s.points()) {
                line.add(p[0], p[1]);
            }
            data.addSeries(line);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        if (logY) {
            LogAxis axis = new LogAxis(yLabel);
            axis.setBase(10);
            axis.setNumberFormatOverride(new java.text.DecimalFormat("0.#"));
            plot.setRangeAxis(axis);
        } else {
            ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        NumberAxis xAxis = (NumberAxis) plot.getDomainAxis();
        xAxis.setAutoRangeIncludesZero(false);
        if (allIntegral(table)) { // epochs, counts: no 0.1 ticks between them
            xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        try (AtomicOutput o = AtomicOutput.create(out)) {
            ChartUtils.writeChartAsPNG(o.stream(), chart, width, height);
            o.commit();
        } catch (IOException e) {
            throw new InputFormatException(out, 0, "cannot write PNG: " + e.getMessage());
        }
    }
}
